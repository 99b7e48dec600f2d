import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { type ChannelConfig, messageIdHost } from './config.js';

export const DELIVERY_JOB = 'notification_delivery';

/** Which notification ids a run looked at: (from, upTo]. Kept as the run's result in job_runs. */
export type Window = { from: number; upTo: number };

// A notification committed late (a long transaction) can carry a smaller id than one the previous run
// already saw: every run looks again at the ids of the last few minutes; existing rows are skipped.
const SLACK_MS = 5 * 60_000;
// The first run ever takes notifications of the last hour, not the whole history of a database that
// had no channel configured before.
const FIRST_LOOKBACK = "interval '1 hour'";

const periodKeyOf = (at: Date) => at.toISOString().slice(0, 16);

/**
 * Where this run starts: where the newest run at least 5 minutes older stopped; failing that, where
 * the oldest run started; for the very first run, before the notifications of the last hour.
 */
async function windowStart(db: Db, dueAt: Date): Promise<number> {
  const settled = periodKeyOf(new Date(dueAt.getTime() - SLACK_MS));
  const [row] = await queryRows<{ start: number | null }>(
    db,
    sql`select coalesce(
      (select (result->>'upTo')::integer from job_runs
        where job = ${DELIVERY_JOB} and period_key <= ${settled} and result->>'upTo' is not null
        order by period_key desc limit 1),
      (select (result->>'from')::integer from job_runs
        where job = ${DELIVERY_JOB} and period_key < ${periodKeyOf(dueAt)} and result->>'from' is not null
        order by period_key asc limit 1),
      (select min(id) - 1 from notifications
        where created_at > ${dueAt.toISOString()}::timestamptz - ${sql.raw(FIRST_LOOKBACK)}),
      (select max(id) from notifications),
      0) as start`,
  );
  return Number(row?.start ?? 0);
}

type Counts = { email: number; webhook: number };

/** One channel's rows: recipient and message id per notification, skipping those that have one. */
function channelRows(
  channel: 'email' | 'webhook',
  recipient: SQL,
  where: SQL,
  window: Window,
  dueAt: Date,
  host: string,
) {
  const due = sql`${dueAt.toISOString()}::timestamptz`;
  return sql`insert into notification_deliveries
      (notification_id, channel, recipient, message_id, status, attempts, next_attempt_at, created_at)
    select n.id, ${channel}, ${recipient}, '<crm-n' || n.id || ${`-${channel}@${host}>`}, 'pending', 0, ${due}, ${due}
    from notifications n join users u on u.id = n.user_id
    where n.id > ${window.from} and n.id <= ${window.upTo} and ${where}
      and not exists (select 1 from notification_deliveries d where d.notification_id = n.id and d.channel = ${channel})
    on conflict (notification_id, channel) do nothing
    returning id`;
}

/**
 * Queues, set-based, the copies of the notifications created since the last run: an e-mail for each
 * whose user has an address, a chat message for each when the webhook is set. Due at once. With no
 * channel configured the run only moves its window on, so a channel switched on later starts afresh.
 */
export async function enqueueDeliveries(db: Db, dueAt: Date, channels: ChannelConfig): Promise<Window & Counts> {
  const from = await windowStart(db, dueAt);
  const [top] = await queryRows<{ upTo: number | null }>(db, sql`select max(id) as "upTo" from notifications`);
  const window = { from, upTo: Math.max(from, Number(top?.upTo ?? 0)) };
  const host = messageIdHost(channels);
  const count = async (statement: SQL) => (await queryRows(db, statement)).length;
  const withAddress = sql`u.active and coalesce(u.email, '') <> ''`;
  return {
    ...window,
    email: channels.smtp ? await count(channelRows('email', sql`u.email`, withAddress, window, dueAt, host)) : 0,
    webhook: channels.webhook ? await count(channelRows('webhook', sql`u.name`, sql`true`, window, dueAt, host)) : 0,
  };
}
