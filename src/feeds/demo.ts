import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { type Db, queryRows } from '../db/client.js';
import type { JobContext } from '../jobs/scheduler.js';
import { deliverApsDue } from './aps-deliver.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Sending rounds the history replays at most: bounds the first start whatever the demo's size. */
const MAX_ROUNDS = 5_000;

/**
 * The demo's APS, as it behaved: down for 14 hours about a month ago (503 until it is back), and refusing the
 * newest quote (422, a part number it does not know) — so the delivery log shows quotes acknowledged at
 * once, ones that needed retries, and one still failing.
 */
function simulatedAps(outageFrom: number, newestId: string) {
  const outageTo = outageFrom + 14 * HOUR;
  let at = 0;
  const answer = (deliveryId: string) => {
    if (deliveryId === newestId) return { status: 422, body: { error: '零件号 P-7781 在 APS 中不存在' } };
    if (at >= outageFrom && at < outageTo) return { status: 503, body: { error: 'APS 维护中' } };
    return { status: 200, body: { accepted: true } };
  };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const { status, body } = answer(String(request.headers['idempotency-key']));
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return { server, setTime: (instant: Date) => (at = instant.getTime()), outage: [outageFrom, outageTo] };
}

const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;

/** The next minute after `after` the every-minute job would find something to send: a new row or a retry. */
async function nextDue(db: Db, after: Date): Promise<Date | null> {
  const [row] = await queryRows<{ at: string | null }>(
    db,
    sql`select to_json(min(d.next_attempt_at))#>>'{}' as at from aps_deliveries d
      where d.status = 'pending' and not exists (select 1 from aps_deliveries o
        where o.opportunity_id = d.opportunity_id and o.status = 'pending' and o.id < d.id)`,
  );
  if (!row?.at) return null;
  // Rows left over from a full round are due at once: the next minute.
  return new Date(Math.max(ceilMinute(new Date(row.at).getTime()), after.getTime() + MINUTE));
}

/**
 * An APS delivery history for the demo (issue 11 item 6): the outbox rows the replay queued are pushed
 * by the product's own sender, minute by minute as the job would have, to a simulated APS on a local
 * port. Runs after the forecast replay; APS is "configured" only for this replay.
 */
export async function seedDemoApsHistory(db: Db, options: { now: Date }): Promise<{ rounds: number }> {
  const [newest] = await queryRows<{ deliveryId: string }>(
    db,
    sql`select delivery_id as "deliveryId" from aps_deliveries order by created_at desc, id desc limit 1`,
  );
  if (!newest) return { rounds: 0 };
  // The outage begins shortly before the first quote queued in the last 30 days, so it catches some.
  const [first] = await queryRows<{ at: string }>(
    db,
    sql`select to_json(created_at)#>>'{}' as at from aps_deliveries
      where created_at >= ${new Date(options.now.getTime() - 30 * DAY).toISOString()}::timestamptz
      order by created_at, id limit 1`,
  );
  const aps = simulatedAps(first ? new Date(first.at).getTime() - 10 * MINUTE : 0, newest.deliveryId);
  await new Promise<void>((resolve) => aps.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(aps.server.address() as AddressInfo).port}/aps/quotes`;
  const quiet = { warn() {}, info() {}, error() {} } as unknown as JobContext['log'];
  const ctx: JobContext = { config: { aps: { url, timeoutMs: 5_000 } } as Config, log: quiet };
  let rounds = 0;
  try {
    let at = await nextDue(db, new Date(0));
    while (at && at <= options.now && rounds < MAX_ROUNDS) {
      aps.setTime(at);
      await deliverApsDue(db, at, ctx);
      rounds++;
      at = await nextDue(db, at);
    }
  } finally {
    await new Promise<void>((resolve) => aps.server.close(() => resolve()));
  }
  return { rounds };
}
