import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { readSettings } from '../forecast/settings.js';
import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { jobRuns } from '../jobs/schema.js';
import { notify } from '../notifications/store.js';
import { coverageCheck, day25Check } from './checks.js';
import { type AlertRow, audienceOf, noticeParams } from './raise.js';
import { day25Moment, localDay, localInstant } from './rules.js';

/**
 * Claims a check's period (`alert_day25` / `2026-03`): its row in the scheduler's ledger makes the check
 * happen once across instances, re-runs and catch-up, also when it raised nothing.
 */
async function claim(tx: Db, check: string, periodKey: string, dueAt: Date, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(jobRuns)
    .values({ job: check, periodKey, dueAt, startedAt: now })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  return rows.length > 0;
}

/**
 * 25日检查 of the month of `dueAt`, evaluated at its moment (the configured day and time in the time
 * zone) once that has come. A month whose moment passed during downtime is checked when the server comes
 * back within the month; a month missed entirely is stale (its delays come at SAP's close).
 */
async function day25(tx: Db, dueAt: Date, timeZone: string): Promise<number | null> {
  const settings = await readSettings(tx);
  const { month } = localDay(dueAt, timeZone);
  const moment = day25Moment(month, settings.day25Day, settings.day25Time, timeZone);
  if (dueAt < moment || !(await claim(tx, 'alert_day25', month, moment, dueAt))) return null;
  return day25Check(tx, month, moment);
}

/** 覆盖检查, daily at the check time of the day-25 setting; a day missed in downtime is not repeated. */
async function coverage(tx: Db, dueAt: Date, timeZone: string): Promise<number | null> {
  const settings = await readSettings(tx);
  const { month, date } = localDay(dueAt, timeZone);
  const moment = localInstant(date, settings.day25Time, timeZone);
  if (dueAt < moment || !(await claim(tx, 'alert_coverage', date, moment, dueAt))) return null;
  return coverageCheck(tx, month, moment, timeZone);
}

/**
 * 超时: each open alert past its SLA is told once to whoever must handle it (SPEC §5); one that fell due
 * more than a week before (a long downtime) is stale news — it shows red in every list anyway.
 */
async function overdueNotices(tx: Db, dueAt: Date): Promise<number> {
  const rows = await queryRows<AlertRow>(
    tx,
    sql`select id, kind, track_id as "trackId", am_id as "amId", period, facts, due_at as "dueAt" from alerts a
        where status = 'open' and due_at <= ${dueAt}::timestamptz
          and due_at > ${dueAt}::timestamptz - interval '7 days'
          and not exists (select 1 from notifications n where n.dedupe_key = 'alert:' || a.id || ':overdue')
        order by id limit 500`,
  );
  for (const a of rows) {
    const { handlers } = await audienceOf(tx, a);
    await notify(tx, {
      userIds: handlers,
      kind: 'alert_overdue',
      params: noticeParams(a),
      link: `/alerts/${a.id}`,
      dedupeKey: `alert:${a.id}:overdue`,
      at: new Date(a.dueAt),
    });
  }
  return rows.length;
}

/** 预警: each minute, the checks whose moment has come (each once per period) and the SLA notices. */
export const alertsJob: JobDefinition = {
  name: 'forecast_alerts',
  ...EVERY_MINUTE,
  run: async (tx, dueAt, ctx) => ({
    day25: await day25(tx, dueAt, ctx.config.timeZone),
    coverage: await coverage(tx, dueAt, ctx.config.timeZone),
    overdue: await overdueNotices(tx, dueAt),
  }),
};
