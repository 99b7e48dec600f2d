import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { shipments } from '../exchange/schema.js';
import { notFound } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { customers, tracks, users } from '../org/schema.js';
import type { OpportunityFilter } from './contract.js';
import type { MonthAmounts, VersionValues } from './rules.js';
import { type ForecastVersionName, forecastMonths, forecastVersions, opportunities } from './schema.js';
import { canSeeOpportunity, opportunitySqlScope } from './scope.js';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type StoredVersion = VersionValues & {
  items: unknown;
  hasOrders: boolean;
  updatedAt: Date;
  updatedBy: number | null;
};
export type OpportunityView = OpportunityRow & {
  customerCode: string;
  customerName: string;
  amName: string;
  trackName: string;
  rolling: StoredVersion | null;
  precision: StoredVersion | null;
  shippedAmount: number;
};

/** An opportunity in the caller's scope, or 404 (outside the scope is answered as if it did not exist). */
export async function findOpportunity(db: Db, id: number, actor: Actor): Promise<OpportunityRow> {
  const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id));
  if (!row || !canSeeOpportunity(actor, row)) throw notFound('opportunity');
  return row;
}

/** The same, locked for the transaction that changes it. */
export async function lockOpportunity(db: Db, id: number, actor: Actor): Promise<OpportunityRow> {
  const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id)).for('update');
  if (!row || !canSeeOpportunity(actor, row)) throw notFound('opportunity');
  return row;
}

export async function listOpportunityIds(
  db: Db,
  actor: Actor,
  filter: OpportunityFilter,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const where: (SQL | undefined)[] = [gt(opportunities.id, afterId), opportunitySqlScope(actor)];
  if (filter.trackId) where.push(eq(opportunities.trackId, filter.trackId));
  if (filter.amId) where.push(eq(opportunities.amId, filter.amId));
  if (filter.customerId) where.push(eq(opportunities.customerId, filter.customerId));
  if (filter.stage) where.push(eq(opportunities.stage, filter.stage));
  if (filter.businessLine) where.push(eq(opportunities.businessLine, filter.businessLine));
  if (filter.kind) where.push(eq(opportunities.kind, filter.kind));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(opportunities.code, like), ilike(opportunities.name, like)));
  }
  const rows = await db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(and(...where))
    .orderBy(asc(opportunities.id))
    .limit(limit + 1);
  return rows.map((r) => r.id);
}

/** Whole opportunities (names, both versions with their months, shipped amount) in the order of `ids`. */
export async function loadOpportunities(db: Db, ids: number[]): Promise<OpportunityView[]> {
  if (ids.length === 0) return [];
  const base = await db
    .select({
      o: opportunities,
      customerCode: customers.code,
      customerName: customers.name,
      amName: users.name,
      trackName: tracks.name,
    })
    .from(opportunities)
    .innerJoin(customers, eq(customers.id, opportunities.customerId))
    .innerJoin(users, eq(users.id, opportunities.amId))
    .innerJoin(tracks, eq(tracks.id, opportunities.trackId))
    .where(inArray(opportunities.id, ids));
  const versions = await versionsOf(db, ids);
  const shipped = await shippedByCode(
    db,
    base.map((b) => b.o.code),
  );
  const byId = new Map(
    base.map(({ o, ...names }) => [
      o.id,
      {
        ...o,
        ...names,
        rolling: versions.get(`${o.id}:rolling`) ?? null,
        precision: versions.get(`${o.id}:precision`) ?? null,
        shippedAmount: shipped.get(o.code) ?? 0,
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function versionsOf(db: Db, ids: number[]): Promise<Map<string, StoredVersion>> {
  const rows = await db.select().from(forecastVersions).where(inArray(forecastVersions.opportunityId, ids));
  const months = await db.select().from(forecastMonths).where(inArray(forecastMonths.opportunityId, ids));
  const out = new Map<string, StoredVersion>();
  for (const r of rows) {
    out.set(`${r.opportunityId}:${r.version}`, {
      orderMonth: r.orderMonth ? r.orderMonth.slice(0, 7) : null,
      amount: r.amount === null ? null : Number(r.amount),
      shipments: {},
      ...(r.hasOrders ? { orders: {} } : {}),
      items: r.items,
      hasOrders: r.hasOrders,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
    });
  }
  for (const m of months) {
    const v = out.get(`${m.opportunityId}:${m.version}`);
    const target = m.line === 'shipment' ? v?.shipments : v?.orders;
    if (target) target[m.month.slice(0, 7)] = Number(m.amount);
  }
  return out;
}

/** Σ actual shipments carrying each code (void lines left out). */
async function shippedByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: shipments.opportunityCode, amount: sql<string>`sum(${shipments.amount})` })
    .from(shipments)
    .where(and(inArray(shipments.opportunityCode, codes), eq(shipments.void, false)))
    .groupBy(shipments.opportunityCode);
  return new Map(rows.map((r) => [r.code ?? '', Number(r.amount)]));
}

export async function readVersion(db: Db, id: number, name: ForecastVersionName): Promise<StoredVersion | null> {
  return (await versionsOf(db, [id])).get(`${id}:${name}`) ?? null;
}

const monthRows = (id: number, version: ForecastVersionName, line: 'order' | 'shipment', amounts: MonthAmounts) =>
  Object.entries(amounts).map(([month, amount]) => ({
    opportunityId: id,
    version,
    line,
    month: `${month}-01`,
    amount: amount.toFixed(2),
  }));

/** Replaces one version and its monthly lines (inside the caller's transaction). */
export async function storeVersion(
  db: Db,
  id: number,
  name: ForecastVersionName,
  values: VersionValues & { items?: unknown },
  by: { actorId: number | null; now: Date },
): Promise<void> {
  const row = {
    orderMonth: values.orderMonth ? `${values.orderMonth}-01` : null,
    amount: values.amount === null ? null : values.amount.toFixed(2),
    items: values.items ?? null,
    hasOrders: values.orders !== undefined,
    updatedAt: by.now,
    updatedBy: by.actorId,
  };
  await db
    .insert(forecastVersions)
    .values({ opportunityId: id, version: name, ...row })
    .onConflictDoUpdate({ target: [forecastVersions.opportunityId, forecastVersions.version], set: row });
  await db.delete(forecastMonths).where(and(eq(forecastMonths.opportunityId, id), eq(forecastMonths.version, name)));
  const lines = [
    ...monthRows(id, name, 'shipment', values.shipments),
    ...monthRows(id, name, 'order', values.orders ?? {}),
  ];
  if (lines.length) await db.insert(forecastMonths).values(lines);
}

/** A customer as the opportunity rules need it (AM, track and the track's line), or null. */
export async function customerForOpportunity(db: Db, customerId: number) {
  const [row] = await db
    .select({
      id: customers.id,
      amId: customers.amId,
      trackId: customers.trackId,
      businessLine: tracks.businessLine,
    })
    .from(customers)
    .innerJoin(tracks, eq(tracks.id, customers.trackId))
    .where(eq(customers.id, customerId));
  return row ?? null;
}
