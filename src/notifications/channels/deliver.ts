import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { JobContext } from '../../jobs/scheduler.js';
import { type ChannelConfig, hostOf } from './config.js';
import { sendEmail } from './email.js';
import { composeMessage, type NotificationOut } from './message.js';
import { sendWebhook } from './webhook.js';

export const MAX_ATTEMPTS = 8;
/** Rows one run sends at most, and the wall time it spends at most; the rest wait for the next minute. */
const BATCH = 50;
const BUDGET_MS = 3 * 60_000;
/**
 * A claimed row is not due again for this long: far longer than one send (bounded by its timeouts) or
 * one run (BUDGET_MS), so no other run or instance takes it meanwhile. After a crash between sending
 * and marking it is sent again once the lease is over, under the same message id (at least once).
 */
const LEASE = sql.raw(`interval '10 minutes'`);

type Claimed = NotificationOut & { id: number; channel: 'email' | 'webhook'; attempts: number };

const at = (dueAt: Date): SQL => sql`${dueAt.toISOString()}::timestamptz`;

/**
 * Takes the next due row in a statement of its own: `skip locked` lets two instances claim side by
 * side without ever taking the same row; the attempt is counted before sending, so a crash counts too.
 */
async function claimNext(db: Db, dueAt: Date, channels: string[]): Promise<Claimed | null> {
  const [row] = await queryRows<Claimed>(
    db,
    sql`with next as (
        select d.id from notification_deliveries d
        where d.status = 'pending' and d.next_attempt_at <= ${at(dueAt)} and d.attempts < ${MAX_ATTEMPTS}
          and d.channel in (${sql.join(
            channels.map((c) => sql`${c}`),
            sql`, `,
          )})
        order by d.next_attempt_at, d.id
        limit 1
        for update of d skip locked)
      update notification_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = ${at(dueAt)} + ${LEASE}
      from next, notifications n
      where d.id = next.id and n.id = d.notification_id
      returning d.id, d.channel, d.recipient, d.message_id as "messageId", d.attempts, n.kind, n.params, n.link`,
  );
  return row ?? null;
}

const markSent = (db: Db, id: number, dueAt: Date) =>
  db.execute(sql`update notification_deliveries set status = 'sent', sent_at = ${at(dueAt)} where id = ${id}`);

/** After the n-th failed attempt: wait 1, 2, 4, 8 … minutes (at most an hour); give up after the 8th. */
const markFailed = (db: Db, id: number, dueAt: Date, error: string) =>
  db.execute(sql`update notification_deliveries
    set last_error = ${error},
      next_attempt_at = ${at(dueAt)} + least(60, power(2, attempts - 1)) * interval '1 minute',
      status = case when attempts >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end
    where id = ${id}`);

/** Rows whose last attempt was cut short (a crash during the 8th) end as failed instead of waiting forever. */
const giveUpInterrupted = (db: Db, dueAt: Date) =>
  db.execute(sql`update notification_deliveries
    set status = 'failed', last_error = coalesce(last_error, '发送中断 / interrupted')
    where status = 'pending' and next_attempt_at <= ${at(dueAt)} and attempts >= ${MAX_ATTEMPTS}`);

/** The reason kept and logged: no URL, token or password, however the error was worded. */
function errorText(error: unknown, channels: ChannelConfig): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  let text = `${error instanceof Error ? error.message : String(error)}${cause}`;
  for (const url of [channels.webhook?.url, channels.smtp?.url]) {
    if (!url) continue;
    text = text.replaceAll(url, hostOf(url));
    const password = decodeURIComponent(new URL(url).password);
    if (password) text = text.replaceAll(password, '***');
  }
  return text.slice(0, 500);
}

async function send(row: Claimed, channels: ChannelConfig, timeZone: string): Promise<void> {
  const message = composeMessage(row, channels, timeZone);
  if (row.channel === 'email' && channels.smtp) return sendEmail(channels.smtp, message);
  if (row.channel === 'webhook' && channels.webhook) return sendWebhook(channels.webhook, message);
}

/** Sends the due rows of the configured channels, one at a time, each claimed and marked on its own. */
export async function deliverDue(db: Db, dueAt: Date, ctx: JobContext): Promise<Record<string, number>> {
  const { channels, timeZone } = ctx.config;
  const on = [channels.smtp ? 'email' : null, channels.webhook ? 'webhook' : null].filter((c) => c !== null);
  const counts = { sent: 0, retrying: 0, failed: 0 };
  if (on.length === 0) return counts;
  await giveUpInterrupted(db, dueAt);
  const started = performance.now();
  for (let i = 0; i < BATCH && performance.now() - started < BUDGET_MS; i++) {
    const row = await claimNext(db, dueAt, on);
    if (!row) break;
    const failure = await send(row, channels, timeZone).then(
      () => null,
      (error: unknown) => errorText(error, channels),
    );
    if (failure === null) {
      await markSent(db, row.id, dueAt);
      counts.sent++;
      continue;
    }
    await markFailed(db, row.id, dueAt, failure);
    counts[row.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying']++;
    ctx.log.warn(
      { delivery: row.id, channel: row.channel, attempts: row.attempts, reason: failure },
      'delivery failed',
    );
  }
  return counts;
}
