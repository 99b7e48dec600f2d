import { and, asc, eq, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notFound } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { owedSnapshotMonths, rollingWindow } from './rules.js';
import {
  type ForecastVersionName,
  forecastSnapshotItems,
  forecastSnapshotMonths,
  forecastSnapshots,
  forecastSnapshotVersions,
  opportunities,
} from './schema.js';
import { numbersRowScope } from './scope.js';
import { readSettings } from './settings.js';

/** Snapshots of a month are written by one transaction at a time (the job, or a write that found one owed). */
const SNAPSHOT_LOCK = 0x5f0c_a57;

/**
 * Freezes every snapshot owed at `now` (SPEC §9.1): the scheduled job calls it each minute, and every
 * write to an opportunity calls it first, so no change made after a window's close reaches that
 * month's snapshot even when the job runs late. Each month is written once (its primary key).
 */
export async function freezeOwedSnapshots(tx: Db, now: Date, timeZone: string): Promise<string[]> {
  const settings = await readSettings(tx);
  const [last] = await tx.select({ month: max(forecastSnapshots.month) }).from(forecastSnapshots);
  const lastFrozen = last?.month ? last.month.slice(0, 7) : null;
  const since = lastFrozen ? null : await firstOpportunityAt(tx);
  const owed = owedSnapshotMonths(lastFrozen, since, now, settings.windowDays, timeZone);
  if (owed.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK})`);
  const frozen: string[] = [];
  for (const month of owed) {
    const close = rollingWindow(month, settings.windowDays, timeZone).close;
    if (await freezeMonth(tx, month, close, now, settings.stageProbabilities)) frozen.push(month);
  }
  return frozen;
}

/**
 * The ids of the opportunities a snapshot holds (SPEC §9.1): not lost and not fully shipped — won ones
 * whose shipments carrying the code have not reached the amount of the version that leads stay in.
 */
export const IN_SNAPSHOT = sql`
  select o.id from opportunities o
  left join forecast_versions lead_v on lead_v.opportunity_id = o.id
    and lead_v.version = case when o.business_line = 'commodity' then 'precision' else 'rolling' end
  where o.stage <> 'lost'
    and not (o.stage = 'won' and lead_v.amount is not null and coalesce((
      select sum(s.amount) from shipments s where s.opportunity_code = o.code and not s.void), 0) >= lead_v.amount)`;

async function firstOpportunityAt(tx: Db): Promise<Date | null> {
  const [row] = await tx.select({ at: min(opportunities.createdAt) }).from(opportunities);
  return row?.at ? new Date(row.at) : null;
}

/** Copies the opportunities that are neither lost nor fully shipped, with both versions and their lines. */
async function freezeMonth(
  tx: Db,
  month: string,
  close: Date,
  now: Date,
  probabilities: Record<string, number>,
): Promise<boolean> {
  const day = `${month}-01`;
  const claimed = await tx
    .insert(forecastSnapshots)
    .values({ month: day, frozenAt: close, writtenAt: now, items: 0 })
    .onConflictDoNothing()
    .returning({ month: forecastSnapshots.month });
  if (claimed.length === 0) return false;
  const probs = JSON.stringify({ ...probabilities, won: 1, lost: 0 });
  await tx.execute(sql`
    insert into forecast_snapshot_items (month, opportunity_id, code, customer_id, track_id, am_id, business_line, kind, stage, probability)
    select ${day}::date, o.id, o.code, o.customer_id, o.track_id, o.am_id, o.business_line, o.kind, o.stage,
           (${probs}::jsonb ->> o.stage)::numeric
    from opportunities o where o.id in (${IN_SNAPSHOT})`);
  await tx.execute(sql`
    insert into forecast_snapshot_versions (month, opportunity_id, version, order_month, amount, has_orders)
    select i.month, v.opportunity_id, v.version, v.order_month, v.amount, v.has_orders
    from forecast_snapshot_items i join forecast_versions v on v.opportunity_id = i.opportunity_id
    where i.month = ${day}::date`);
  await tx.execute(sql`
    insert into forecast_snapshot_months (month, opportunity_id, version, line, line_month, amount)
    select i.month, m.opportunity_id, m.version, m.line, m.month, m.amount
    from forecast_snapshot_items i join forecast_months m on m.opportunity_id = i.opportunity_id
    where i.month = ${day}::date`);
  await tx.execute(sql`
    update forecast_snapshots set items = (select count(*) from forecast_snapshot_items where month = ${day}::date)
    where month = ${day}::date`);
  return true;
}

type SnapshotVersion = {
  orderMonth: string | null;
  amount: number | null;
  shipments: Record<string, number>;
  orders?: Record<string, number>;
};

/** `GET /forecast/snapshots/:month` — 404 before the month is frozen. */
export async function readSnapshot(db: Db, month: string, actor: Actor) {
  const day = `${month}-01`;
  const [head] = await db.select().from(forecastSnapshots).where(eq(forecastSnapshots.month, day));
  if (!head) throw notFound('forecast_snapshot');
  const items = await db
    .select()
    .from(forecastSnapshotItems)
    .where(and(eq(forecastSnapshotItems.month, day), numbersRowScope(actor, 'forecast_snapshot_items')))
    .orderBy(asc(forecastSnapshotItems.opportunityId));
  const versions = await snapshotVersions(db, day);
  return {
    month,
    frozenAt: head.frozenAt.toISOString(),
    items: items.map((i) => ({
      opportunityId: i.opportunityId,
      code: i.code,
      customerId: i.customerId,
      trackId: i.trackId,
      amId: i.amId,
      businessLine: i.businessLine,
      kind: i.kind,
      stage: i.stage,
      probability: Number(i.probability),
      rolling: versions.get(`${i.opportunityId}:rolling`) ?? null,
      precision: versions.get(`${i.opportunityId}:precision`) ?? null,
    })),
  };
}

async function snapshotVersions(db: Db, day: string): Promise<Map<string, SnapshotVersion>> {
  const out = new Map<string, SnapshotVersion>();
  const key = (id: number, v: ForecastVersionName) => `${id}:${v}`;
  const rows = await db.select().from(forecastSnapshotVersions).where(eq(forecastSnapshotVersions.month, day));
  for (const r of rows)
    out.set(key(r.opportunityId, r.version), {
      orderMonth: r.orderMonth?.slice(0, 7) ?? null,
      amount: r.amount === null ? null : Number(r.amount),
      shipments: {},
      ...(r.hasOrders ? { orders: {} } : {}),
    });
  const lines = await db
    .select()
    .from(forecastSnapshotMonths)
    .where(eq(forecastSnapshotMonths.month, day))
    .orderBy(asc(forecastSnapshotMonths.lineMonth));
  for (const l of lines) {
    const v = out.get(key(l.opportunityId, l.version));
    const target = l.line === 'shipment' ? v?.shipments : v?.orders;
    if (target) target[l.lineMonth.slice(0, 7)] = Number(l.amount);
  }
  return out;
}

/** The snapshot months frozen so far (newest first). */
export async function frozenMonths(db: Db): Promise<{ month: string; frozenAt: string; items: number }[]> {
  const rows = await db.select().from(forecastSnapshots).orderBy(sql`${forecastSnapshots.month} desc`);
  return rows.map((r) => ({ month: r.month.slice(0, 7), frozenAt: r.frozenAt.toISOString(), items: r.items }));
}
