import { type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, queryRows } from '../db/client.js';
import type { VersionValues } from '../forecast/rules.js';
import { forecastMonths, forecastVersions, opportunities } from '../forecast/schema.js';
import { loadOpportunities } from '../forecast/store.js';
import { history } from '../history/schema.js';
import type { Changer } from '../history/store.js';
import { requireActor } from '../org/auth-plugin.js';
import { type Action, authorize } from '../org/permissions.js';
import type { OpportunityImportRow } from './contract.js';
import type { MergeCounts } from './line-facts.js';
import {
  type CustomerFacts,
  type Plan,
  type PlannedChange,
  planImport,
  type StagedOpportunity,
} from './opportunity-plan.js';
import type { Problem } from './other-facts.js';

/**
 * The exchange kind `opportunities` (SPEC §9.1 "Year start"): staged like every kind, checked against
 * the forecast's rules row by row (opportunity-plan.ts) and written set-based — the opportunities, the
 * version that leads with its monthly lines, and one history row per change, in the write-back's
 * transaction. AMs and directors may import it for their own scope; every other kind stays the admin's.
 */
export const importActionOf = (kind: unknown): Action =>
  kind === 'opportunities' ? 'forecast.write' : 'exchange.write';

/**
 * The routes' permission check for the kind they name (path or query), run before the input is
 * validated like every route's: an unknown kind needs `exchange.write` too.
 */
export const authorizeKind =
  (kindOf: (request: FastifyRequest) => unknown) =>
  async (request: FastifyRequest): Promise<void> => {
    authorize(requireActor(request), importActionOf(kindOf(request)));
  };

export const OPPORTUNITY_STAGE_COLUMNS =
  'i int, code text, name text, customer text, kind text, stage text, order_month text, amount float8, shipments jsonb, orders jsonb, reason text, has_version boolean';

export function stageOpportunityRows(rows: unknown[], first: number): Record<string, unknown>[] {
  return rows.map((raw, k) => {
    const r = raw as OpportunityImportRow;
    return {
      i: first + k,
      code: r.code,
      name: r.name,
      customer: r.customerCode,
      kind: r.kind,
      stage: r.stage,
      order_month: r.orderMonth ?? null,
      amount: r.amount ?? null,
      shipments: r.shipments === undefined ? null : JSON.stringify(r.shipments),
      orders: r.orders === undefined ? null : JSON.stringify(r.orders),
      reason: r.reason ?? null,
      has_version: 'orderMonth' in r || 'amount' in r || r.shipments !== undefined || r.orders !== undefined,
    };
  });
}

// The plan made while checking is the one merged: both run in the same transaction, under the kind's lock.
const plans = new WeakMap<Db, Plan>();

async function makePlan(tx: Db, actor: Changer): Promise<Plan> {
  const rows = await queryRows<StagedOpportunity>(
    tx,
    sql`select i, code, name, customer, kind, stage, order_month as "orderMonth", amount, shipments, orders, reason,
      has_version as "hasVersion" from stage_opportunities order by i`,
  );
  const customers = await queryRows<CustomerFacts>(
    tx,
    sql`select c.id, c.code, c.am_id as "amId", c.track_id as "trackId", t.business_line as "businessLine"
      from customers c join tracks t on t.id = c.track_id where c.code in (select customer from stage_opportunities)`,
  );
  // Locked, so a change through the app cannot slip in between this check and the merge.
  const found = await queryRows<{ id: number }>(
    tx,
    sql`select id from opportunities where code in (select code from stage_opportunities) order by id for update`,
  );
  const existing = await loadOpportunities(
    tx,
    found.map((r) => r.id),
  );
  return planImport(
    rows.map((r) => ({ ...r, amount: r.amount === null ? null : Number(r.amount) })),
    new Map(customers.map((c) => [c.code, c])),
    new Map(existing.map((o) => [o.code, o])),
    actor,
  );
}

export async function opportunityProblems(tx: Db, actor: Changer): Promise<Problem[]> {
  const plan = await makePlan(tx, actor);
  plans.set(tx, plan);
  return plan.problems;
}

const CHUNK = 2_000;
const chunks = <T>(items: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));
const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

export async function mergeOpportunities(tx: Db, now: Date, actor: Changer): Promise<MergeCounts> {
  const plan = plans.get(tx) ?? (await makePlan(tx, actor));
  plans.delete(tx);
  const actorId = actor === 'system' ? null : actor.id;
  const created = plan.changes.filter((c) => !c.existing);
  const changed = plan.changes.filter((c) => c.existing);
  const ids = new Map(changed.map((c) => [c.code, c.existing!.id]));

  for (const chunk of chunks(created)) {
    const rows = await tx
      .insert(opportunities)
      .values(
        chunk.map((c) => ({
          code: c.code,
          ...c.next,
          createdAt: now,
          createdBy: actorId,
          updatedAt: now,
        })),
      )
      .returning({ id: opportunities.id, code: opportunities.code });
    for (const r of rows) ids.set(r.code, r.id);
  }
  for (const chunk of chunks(changed)) {
    await tx.execute(sql`update opportunities o set name = v.name, kind = v.kind, customer_id = v.customer_id,
        am_id = v.am_id, track_id = v.track_id, business_line = v.business_line, stage = v.stage,
        lost_reason = v.lost_reason, push_count = v.push_count, updated_at = ${now}, version = o.version + 1
      from jsonb_to_recordset(${json(chunk.map((c) => ({ id: ids.get(c.code), ...snake(c.next) })))})
        as v(id int, name text, kind text, customer_id int, am_id int, track_id int, business_line text, stage text,
             lost_reason text, push_count int)
      where o.id = v.id`);
  }
  await storeVersions(
    tx,
    plan.changes.filter((c) => c.version),
    ids,
    { actorId, now },
  );
  await recordChanges(tx, plan.changes, ids, actor, now);
  return { inserted: created.length, updated: changed.length, voided: 0 };
}

const snake = (f: PlannedChange['next']) => ({
  name: f.name,
  kind: f.kind,
  customer_id: f.customerId,
  am_id: f.amId,
  track_id: f.trackId,
  business_line: f.businessLine,
  stage: f.stage,
  lost_reason: f.lostReason,
  push_count: f.pushCount,
});

const monthLines = (id: number, c: PlannedChange) => {
  const v = c.version!;
  const lines = (line: 'order' | 'shipment', amounts: Record<string, number>) =>
    Object.entries(amounts).map(([month, amount]) => ({
      opportunityId: id,
      version: v.name,
      line,
      month: `${month}-01`,
      amount: amount.toFixed(2),
    }));
  return [...lines('shipment', v.values.shipments), ...lines('order', v.values.orders ?? {})];
};

/** The version each row sends replaces the stored one with its monthly lines, as `PUT …/forecast/:version` does. */
async function storeVersions(
  tx: Db,
  changes: PlannedChange[],
  ids: Map<string, number>,
  by: { actorId: number | null; now: Date },
): Promise<void> {
  for (const chunk of chunks(changes)) {
    const rows = chunk.map((c) => {
      const v = c.version!;
      return {
        opportunityId: ids.get(c.code)!,
        version: v.name,
        orderMonth: v.values.orderMonth ? `${v.values.orderMonth}-01` : null,
        amount: v.values.amount === null ? null : v.values.amount.toFixed(2),
        items: v.items ?? null,
        hasOrders: v.values.orders !== undefined,
        updatedAt: by.now,
        updatedBy: by.actorId,
      };
    });
    await tx
      .insert(forecastVersions)
      .values(rows)
      .onConflictDoUpdate({
        target: [forecastVersions.opportunityId, forecastVersions.version],
        set: {
          orderMonth: sql`excluded.order_month`,
          amount: sql`excluded.amount`,
          items: sql`excluded.items`,
          hasOrders: sql`excluded.has_orders`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      });
    const keys = rows.map((r) => ({ id: r.opportunityId, version: r.version }));
    await tx.execute(sql`delete from forecast_months m using jsonb_to_recordset(${json(keys)}) as k(id int, version text)
      where m.opportunity_id = k.id and m.version = k.version`);
    const lines = chunk.flatMap((c) => monthLines(ids.get(c.code)!, c));
    for (const part of chunks(lines, 5_000)) await tx.insert(forecastMonths).values(part);
  }
}

const versionOf = (v: VersionValues) => ({
  orderMonth: v.orderMonth,
  amount: v.amount,
  shipments: v.shipments,
  ...(v.orders ? { orders: v.orders } : {}),
});

/** One history row per change, with the actions and before → after of the app's own use cases. */
async function recordChanges(
  tx: Db,
  changes: PlannedChange[],
  ids: Map<string, number>,
  actor: Changer,
  now: Date,
): Promise<void> {
  const who = {
    entity: 'opportunity',
    actorId: actor === 'system' ? null : actor.id,
    actorKind: actor === 'system' ? 'system' : actor.kind,
    at: now,
  };
  const rows: (typeof history.$inferInsert)[] = [];
  for (const c of changes) {
    const entityId = ids.get(c.code)!;
    const v = c.version;
    if (!c.existing) {
      const { name, kind, customerId, amId, trackId, stage } = c.next;
      const after = { code: c.code, name, customerId, amId, trackId, kind, stage };
      rows.push({ ...who, entityId, action: 'created', after: v ? { ...after, [v.name]: v.values } : after });
      continue;
    }
    if (c.fields.length)
      rows.push({
        ...who,
        entityId,
        action: 'updated',
        before: Object.fromEntries(c.fields.map(([k, b]) => [k, b])),
        after: Object.fromEntries(c.fields.map(([k, , a]) => [k, a])),
      });
    if (c.stageChanged)
      rows.push({
        ...who,
        entityId,
        action: c.existing.stage === 'lost' ? 'reopened' : 'stage_changed',
        before: { stage: c.existing.stage },
        after: { stage: c.next.stage },
        reason: c.reason,
      });
    if (v)
      rows.push({
        ...who,
        entityId,
        action: `${v.name}_forecast`,
        before: v.before ? versionOf(v.before) : null,
        after: { ...v.values, ...(v.pushed ? { pushed: true } : {}) },
        reason: c.reason,
      });
  }
  for (const chunk of chunks(rows)) await tx.insert(history).values(chunk);
}
