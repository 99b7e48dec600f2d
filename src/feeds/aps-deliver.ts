import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { JobContext } from '../jobs/scheduler.js';
import type { ApsPayload } from './aps-outbox.js';
import type { ApsConfig } from './config.js';

/** Rows one run sends at most, and the wall time it spends at most; the rest wait for the next minute. */
const BATCH = 100;
const BUDGET_MS = 3 * 60_000;
/**
 * A claimed row is not due again for this long: longer than one send (bounded by the timeout) or one
 * run, so no other run or instance takes it meanwhile. After a crash between sending and marking, it
 * is sent again once the lease is over, under the same Idempotency-Key (APS sees it once).
 */
const LEASE = sql.raw(`interval '10 minutes'`);

type Claimed = { id: number; deliveryId: string; payload: ApsPayload; createdAt: string; attempts: number };

const at = (dueAt: Date): SQL => sql`${dueAt.toISOString()}::timestamptz`;

/**
 * Takes the next due row in a statement of its own (`skip locked`: two instances never take the same
 * row). Per opportunity the changes go out in order: a row waits while an older one of the same
 * opportunity is unsent, so APS never ends on a stale quote. The attempt is counted before sending.
 */
async function claimNext(db: Db, dueAt: Date): Promise<Claimed | null> {
  const [row] = await queryRows<Claimed>(
    db,
    sql`with next as (
        select d.id from aps_deliveries d
        where d.status = 'pending' and d.next_attempt_at <= ${at(dueAt)}
          and not exists (select 1 from aps_deliveries o
            where o.opportunity_id = d.opportunity_id and o.status = 'pending' and o.id < d.id)
        order by d.next_attempt_at, d.id
        limit 1
        for update of d skip locked)
      update aps_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = ${at(dueAt)} + ${LEASE}
      from next
      where d.id = next.id
      returning d.id, d.delivery_id as "deliveryId", d.payload, to_json(d.created_at)#>>'{}' as "createdAt", d.attempts`,
  );
  return row ?? null;
}

/** An error before the acknowledgement stays for the record (the log shows it in grey). */
const markSent = (db: Db, id: number, dueAt: Date, status: number) =>
  db.execute(sql`update aps_deliveries set status = 'sent', sent_at = ${at(dueAt)}, last_status = ${status}
    where id = ${id}`);

/** After the n-th failed attempt: wait 1, 2, 4, 8 … minutes, at most an hour, and never give up (until a 2xx). */
const markFailed = (db: Db, id: number, dueAt: Date, failure: Failure) =>
  db.execute(sql`update aps_deliveries
    set last_error = ${failure.error}, last_status = ${failure.status},
      next_attempt_at = ${at(dueAt)} + least(60, power(2, least(attempts, 7) - 1)) * interval '1 minute'
    where id = ${id}`);

type Failure = { error: string; status: number | null };

/** The body APS receives: the same fields as `GET /feeds/aps-quotes`. */
export const apsBody = (row: Pick<Claimed, 'deliveryId' | 'payload' | 'createdAt'>) => ({
  deliveryId: row.deliveryId,
  ...row.payload,
  updatedAt: new Date(row.createdAt).toISOString(),
});

/** The reason kept and logged: the host only, never the URL (it may carry a token). */
function errorText(error: unknown, url: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const text = `${error instanceof Error ? error.message : String(error)}${cause}`;
  return text.replaceAll(url, new URL(url).host).slice(0, 500);
}

/** One POST; a 2xx is the acknowledgement, anything else (or no answer in time) a failure. */
async function post(aps: NonNullable<ApsConfig>, row: Claimed): Promise<Failure | { ok: number }> {
  try {
    const response = await fetch(aps.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': row.deliveryId },
      body: JSON.stringify(apsBody(row)),
      signal: AbortSignal.timeout(aps.timeoutMs),
    });
    const answer = await response.text().catch(() => '');
    if (response.ok) return { ok: response.status };
    return { error: `HTTP ${response.status} ${answer.slice(0, 200)}`.trim(), status: response.status };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { error: timedOut ? `timeout after ${aps.timeoutMs} ms` : errorText(error, aps.url), status: null };
  }
}

/** Sends the due rows one at a time, each claimed and marked on its own, outside any transaction. */
export async function deliverApsDue(db: Db, dueAt: Date, ctx: JobContext): Promise<Record<string, number>> {
  const counts = { sent: 0, retrying: 0 };
  const aps = ctx.config.aps;
  if (!aps) return counts;
  const started = performance.now();
  for (let i = 0; i < BATCH && performance.now() - started < BUDGET_MS; i++) {
    const row = await claimNext(db, dueAt);
    if (!row) break;
    const result = await post(aps, row);
    if ('ok' in result) {
      await markSent(db, row.id, dueAt, result.ok);
      counts.sent++;
      continue;
    }
    await markFailed(db, row.id, dueAt, result);
    counts.retrying++;
    ctx.log.warn({ apsDelivery: row.deliveryId, attempts: row.attempts, reason: result.error }, 'APS delivery failed');
  }
  return counts;
}
