import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { readCompliance } from '../forecast/compliance.js';
import { monthOf, rollingWindow } from '../forecast/rules.js';
import { readSettings } from '../forecast/settings.js';
import { IN_SNAPSHOT } from '../forecast/snapshots.js';
import { recordHistory } from '../history/store.js';
import { ruleViolation } from '../http/errors.js';
import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { insertOnce, notify } from '../notifications/store.js';
import type { Actor } from '../org/permissions.js';
import type { RemindInput, RemindResultDto } from './contract.js';
import { amInScope } from './scope.js';

const JOB = 'forecast_update_notice';

/** Where a notice sends the AM: the monthly update grid. */
const LINK = '/forecast/update';

/** The local calendar day of an instant, `YYYY-MM-DD`. */
const dayOf = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/**
 * Day 1 of the window (SPEC §9.1 "Notices"): each AM with due opportunities (the integrated ones of the
 * snapshot rule) is told the monthly update is due, once per month (the dedupe key), dated at the
 * window's start. The first run inside the window does it — on time, or the catch-up after downtime
 * while the update can still count; never after the window closed (stale).
 */
export async function sendUpdateDueNotices(tx: Db, dueAt: Date, timeZone: string): Promise<number> {
  const { windowDays } = await readSettings(tx);
  const month = monthOf(dueAt, timeZone);
  const { start, close } = rollingWindow(month, windowDays, timeZone);
  if (dueAt < start || dueAt >= close) return 0;
  // The first run inside the window tells everyone due then (on time, or the catch-up); later minutes skip.
  const [earlier] = await queryRows(
    tx,
    sql`select 1 from job_runs where job = ${JOB} and due_at >= ${start.toISOString()}::timestamptz
      and due_at < ${dueAt.toISOString()}::timestamptz limit 1`,
  );
  if (earlier) return 0;
  const key = `forecast_update_due:${month}`;
  const rows = await queryRows(
    tx,
    insertOnce(sql`select o.am_id as user_id, 'forecast_update_due'::text as kind,
        jsonb_build_object('month', ${month}::text, 'due', count(*), 'deadline', ${close.toISOString()}::text) as params,
        ${LINK}::text as link, ${key}::text as dedupe_key, ${start.toISOString()}::timestamptz as created_at
      from opportunities o
      where o.business_line = 'integrated' and o.id in (${IN_SNAPSHOT})
        and not exists (select 1 from notifications n where n.user_id = o.am_id and n.dedupe_key = ${key})
      group by o.am_id`),
  );
  return rows.length;
}

/** 月度滚动预测更新提醒: each minute; the first minute inside a window sends its notices (once per AM and month). */
export const forecastUpdateNoticeJob: JobDefinition = {
  name: JOB,
  ...EVERY_MINUTE,
  run: async (tx, dueAt, ctx) => ({ notified: await sendUpdateDueNotices(tx, dueAt, ctx.config.timeZone) }),
};

const WINDOW_CLOSED = {
  zh: '只能在本月滚动更新窗口内催办本月的更新',
  en: 'reminders are for the current month’s update, while its window is open',
};

/**
 * `POST /forecast/compliance/remind {month, amIds?}` (SPEC §9.1 "Notices"): a director (own track) or the
 * admin reminds each AM still missing updates in month M's open window — at most one reminder per AM and
 * day, whoever sends it (the dedupe key). Each reminder sent is recorded in the AM's history.
 */
export async function remindMissing(
  db: Db,
  actor: Actor,
  input: RemindInput,
  ctx: { now: Date; timeZone: string },
): Promise<RemindResultDto> {
  for (const [i, amId] of (input.amIds ?? []).entries()) await amInScope(db, actor, amId, `amIds[${i}]`);
  const { windowDays } = await readSettings(db);
  const { start, close } = rollingWindow(input.month, windowDays, ctx.timeZone);
  if (ctx.now < start || ctx.now >= close)
    throw ruleViolation(409, WINDOW_CLOSED, [{ field: 'month', reason: 'invalid', params: { why: WINDOW_CLOSED } }]);
  const compliance = await readCompliance(db, input.month, actor, ctx.timeZone);
  const day = dayOf(ctx.now, ctx.timeZone);
  const result: RemindResultDto = { month: input.month, reminded: [], skipped: [] };
  const ids = input.amIds ?? compliance.ams.map((a) => a.amId);
  await db.transaction(async (tx) => {
    for (const amId of [...new Set(ids)]) {
      const missing = compliance.ams.find((a) => a.amId === amId)?.missing ?? [];
      if (missing.length === 0) {
        result.skipped.push({ amId, reason: 'nothing_missing' });
        continue;
      }
      const sent = await notify(tx, {
        userIds: [amId],
        kind: 'forecast_update_reminder',
        params: { month: input.month, missing: missing.length, deadline: close.toISOString() },
        link: LINK,
        dedupeKey: `forecast_update_reminder:${input.month}:${day}`,
        at: ctx.now,
      });
      if (sent === 0) {
        result.skipped.push({ amId, reason: 'already_reminded_today' });
        continue;
      }
      await recordHistory(tx, {
        entity: 'user',
        entityId: amId,
        action: 'forecast_update_reminded',
        actor,
        at: ctx.now,
        after: { month: input.month, missing },
      });
      result.reminded.push(amId);
    }
  });
  return result;
}
