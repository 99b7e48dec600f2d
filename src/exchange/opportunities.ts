import { type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, queryRows } from '../db/client.js';
import { afterOpportunityWrite } from '../forecast/after-write.js';
import type { VersionValues } from '../forecast/rules.js';
import { freezeOwedSnapshots } from '../forecast/snapshots.js';
import { loadOpportunities, type OpportunityView } from '../forecast/store.js';
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

const CHUNK = 2_000;
const chunks = <T>(items: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));

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
  const existing: OpportunityView[] = [];
  // In slices: a file may name more opportunities than one statement takes parameters.
  for (const ids of chunks(
    found.map((r) => r.id),
    10_000,
  ))
    existing.push(...(await loadOpportunities(tx, ids)));
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

const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

export async function mergeOpportunities(tx: Db, now: Date, actor: Changer, timeZone?: string): Promise<MergeCounts> {
  // As every write to an opportunity: a month whose window has closed is frozen before anything changes.
  if (!timeZone) throw new Error('the opportunities import needs the configured time zone');
  await freezeOwedSnapshots(tx, now, timeZone);
  const plan = plans.get(tx) ?? (await makePlan(tx, actor));
  plans.delete(tx);
  const actorId = actor === 'system' ? null : actor.id;
  const created = plan.changes.filter((c) => !c.existing);
  const changed = plan.changes.filter((c) => c.existing);
  const ids = new Map(changed.map((c) => [c.code, c.existing!.id]));

  for (const chunk of chunks(created, 10_000)) {
    const rows = await queryRows<{ id: number; code: string }>(
      tx,
      sql`insert into opportunities (code, name, kind, customer_id, am_id, track_id, business_line, stage, lost_reason,
          push_count, created_at, created_by, updated_at)
        select v.code, v.name, v.kind, v.customer_id, v.am_id, v.track_id, v.business_line, v.stage, v.lost_reason,
          v.push_count, ${now}, ${actorId}::int, ${now}
        from jsonb_to_recordset(${json(chunk.map((c) => ({ code: c.code, ...snake(c.next) })))})
          as v(code text, name text, kind text, customer_id int, am_id int, track_id int, business_line text, stage text,
               lost_reason text, push_count int)
        returning id, code`,
    );
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
  await afterOpportunityWrite(tx, [...ids.values()], { now, timeZone });
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
      opportunity_id: id,
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
        opportunity_id: ids.get(c.code)!,
        version: v.name,
        order_month: v.values.orderMonth ? `${v.values.orderMonth}-01` : null,
        amount: v.values.amount === null ? null : v.values.amount.toFixed(2),
        items: v.items ?? null,
        has_orders: v.values.orders !== undefined,
      };
    });
    await tx.execute(sql`insert into forecast_versions as f
        (opportunity_id, version, order_month, amount, items, has_orders, updated_at, updated_by)
      select opportunity_id, version, order_month, amount, items, has_orders, ${by.now}, ${by.actorId}::int
      from jsonb_to_recordset(${json(rows)})
        as v(opportunity_id int, version text, order_month date, amount numeric, items jsonb, has_orders boolean)
      on conflict (opportunity_id, version) do update set order_month = excluded.order_month, amount = excluded.amount,
        items = excluded.items, has_orders = excluded.has_orders, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by`);
    const keys = rows.map((r) => ({ id: r.opportunity_id, version: r.version }));
    await tx.execute(sql`delete from forecast_months m using jsonb_to_recordset(${json(keys)}) as k(id int, version text)
      where m.opportunity_id = k.id and m.version = k.version`);
    const lines = chunk.flatMap((c) => monthLines(ids.get(c.code)!, c));
    // One JSON parameter per statement: far cheaper to bind than thousands of parameters.
    for (const part of chunks(lines, 20_000))
      await tx.execute(sql`insert into forecast_months (opportunity_id, version, line, month, amount)
        select opportunity_id, version, line, month, amount
        from jsonb_to_recordset(${json(part)}) as m(opportunity_id int, version text, line text, month date, amount numeric)`);
  }
}

const versionOf = (v: VersionValues) => ({
  orderMonth: v.orderMonth,
  amount: v.amount,
  shipments: v.shipments,
  ...(v.orders ? { orders: v.orders } : {}),
});

type HistoryRow = { entity_id: number; action: string; before?: unknown; after?: unknown; reason?: string | null };

/** One history row per change, with the actions and before → after of the app's own use cases. */
async function recordChanges(
  tx: Db,
  changes: PlannedChange[],
  ids: Map<string, number>,
  actor: Changer,
  now: Date,
): Promise<void> {
  const who = { actorId: actor === 'system' ? null : actor.id, actorKind: actor === 'system' ? 'system' : actor.kind };
  const rows: HistoryRow[] = [];
  for (const c of changes) {
    const entityId = ids.get(c.code)!;
    const v = c.version;
    if (!c.existing) {
      const { name, kind, customerId, amId, trackId, stage } = c.next;
      const after = { code: c.code, name, customerId, amId, trackId, kind, stage };
      rows.push({ entity_id: entityId, action: 'created', after: v ? { ...after, [v.name]: v.values } : after });
      continue;
    }
    if (c.fields.length)
      rows.push({
        entity_id: entityId,
        action: 'updated',
        before: Object.fromEntries(c.fields.map(([k, b]) => [k, b])),
        after: Object.fromEntries(c.fields.map(([k, , a]) => [k, a])),
      });
    if (c.stageChanged)
      rows.push({
        entity_id: entityId,
        action: c.existing.stage === 'lost' ? 'reopened' : 'stage_changed',
        before: { stage: c.existing.stage },
        after: { stage: c.next.stage },
        reason: c.reason,
      });
    if (v)
      rows.push({
        entity_id: entityId,
        action: `${v.name}_forecast`,
        before: v.before ? versionOf(v.before) : null,
        after: { ...v.values, ...(v.pushed ? { pushed: true } : {}) },
        reason: c.reason,
      });
  }
  for (const chunk of chunks(rows, 10_000))
    await tx.execute(sql`insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after, reason)
      select 'opportunity', entity_id, action, ${who.actorId}::int, ${who.actorKind}, ${now}, before, after, reason
      from jsonb_to_recordset(${json(chunk)}) as h(entity_id int, action text, before jsonb, after jsonb, reason text)`);
}
