import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Stage } from '../forecast/schema.js';
import { IN_SNAPSHOT } from '../forecast/snapshots.js';
import type { FlowSideDto } from './contract.js';
import type { ComparedRow } from './flow-rules.js';

/** A side's rows narrowed over the columns `track_id`, `am_id`, `business_line`, `stage` of `alias`. */
export type Narrow = (alias: string) => SQL;

/**
 * One side of a comparison: a frozen snapshot month, or the live state (what the month's snapshot would
 * hold if it were frozen now). `at` is the instant the side stands for (stages of missing ones).
 */
export type Side = { kind: 'snapshot'; month: string; at: Date } | { kind: 'live'; at: Date };

type SideRow = {
  id: number;
  trackId: number;
  amId: number;
  stage: Stage;
  businessLine: 'integrated' | 'commodity';
  orderMonth: string | null;
  amount: number | null;
};

const leading = (line: string) => (line === 'commodity' ? 'precision' : 'rolling');

/**
 * A snapshot side in two plain reads (its items, its versions) joined here: a month frozen moments ago has
 * no statistics yet, and a planner that believes it holds one row would join 50,000 items by nested loop.
 */
async function snapshotRows(db: Db, month: string, narrow: Narrow): Promise<SideRow[]> {
  const day = `${month}-01`;
  const items = await queryRows<Omit<SideRow, 'orderMonth' | 'amount'>>(
    db,
    sql`select i.opportunity_id as id, i.track_id as "trackId", i.am_id as "amId", i.stage, i.business_line as "businessLine"
      from forecast_snapshot_items i where i.month = ${day}::date and ${narrow('i')}`,
  );
  const versions = await queryRows<{ id: number; version: string; orderMonth: string | null; amount: number | null }>(
    db,
    sql`select opportunity_id as id, version, to_char(order_month, 'YYYY-MM') as "orderMonth", amount::float8 as amount
      from forecast_snapshot_versions where month = ${day}::date`,
  );
  const byKey = new Map(versions.map((v) => [`${v.id}:${v.version}`, v]));
  return items.map((i) => {
    const v = byKey.get(`${i.id}:${leading(i.businessLine)}`);
    return { ...i, orderMonth: v?.orderMonth ?? null, amount: v?.amount ?? null };
  });
}

/** The live side: the opportunities the snapshot would hold now, with the version that leads. */
function liveRows(db: Db, narrow: Narrow): Promise<SideRow[]> {
  return queryRows<SideRow>(
    db,
    sql`select o.id, o.track_id as "trackId", o.am_id as "amId", o.stage, o.business_line as "businessLine",
        to_char(v.order_month, 'YYYY-MM') as "orderMonth", v.amount::float8 as amount
      from opportunities o
      left join forecast_versions v on v.opportunity_id = o.id
        and v.version = case when o.business_line = 'commodity' then 'precision' else 'rolling' end
      where o.id in (${IN_SNAPSHOT}) and ${narrow('o')}`,
  );
}

const sideRows = (db: Db, side: Side, narrow: Narrow) =>
  side.kind === 'snapshot' ? snapshotRows(db, side.month, narrow) : liveRows(db, narrow);

/** Ids as a relation from one text parameter (a list of 100,000 would exceed the protocol's parameter limit). */
const idList = (ids: number[]) => sql`(select unnest(string_to_array(${ids.join(',')}, ',')::int[]) as id)`;

/** The stage of each opportunity at an instant, from the stage history (the current stage when nothing changed since). */
async function stagesAt(db: Db, ids: number[], at: Date): Promise<Map<number, Stage>> {
  if (ids.length === 0) return new Map();
  const iso = at.toISOString();
  const rows = await queryRows<{ id: number; stage: Stage }>(
    db,
    sql`with changes as (
        select h.entity_id, h.at, h.id, h.before ->> 'stage' as before, h.after ->> 'stage' as after
        from ${idList(ids)} x join history h on h.entity = 'opportunity' and h.entity_id = x.id
        where h.action in ('stage_changed', 'reopened')
      ),
      upto as (select distinct on (entity_id) entity_id, after as stage from changes
        where at <= ${iso}::timestamptz order by entity_id, at desc, id desc),
      later as (select distinct on (entity_id) entity_id, before as stage from changes
        where at > ${iso}::timestamptz order by entity_id, at, id)
      select o.id, coalesce(u.stage, l.stage, o.stage) as stage from ${idList(ids)} x join opportunities o on o.id = x.id
      left join upto u on u.entity_id = o.id left join later l on l.entity_id = o.id`,
  );
  return new Map(rows.map((r) => [r.id, r.stage]));
}

const sideOf = (r: SideRow | undefined): FlowSideDto | null =>
  r ? { stage: r.stage, orderMonth: r.orderMonth, amount: r.amount, trackId: r.trackId, amId: r.amId } : null;

/**
 * Every opportunity either side holds, with both sides (null where missing) and, for one missing from
 * `after`, its stage at `after`'s instant. `narrow` keeps the reads to the subject's rows; sides are
 * restricted again in flow-rules.ts.
 */
export async function compareSides(db: Db, before: Side | null, after: Side, narrow: Narrow): Promise<ComparedRow[]> {
  const b = new Map((before ? await sideRows(db, before, narrow) : []).map((r) => [r.id, r]));
  const a = new Map((await sideRows(db, after, narrow)).map((r) => [r.id, r]));
  const ids = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
  const missing = ids.filter((id) => !a.has(id));
  const stageAtTo = after.kind === 'live' ? new Map<number, Stage>() : await stagesAt(db, missing, after.at);
  const heads = ids.length
    ? await queryRows<{
        id: number;
        code: string;
        name: string;
        businessLine: 'integrated' | 'commodity';
        stage: Stage;
      }>(
        db,
        sql`select o.id, o.code, o.name, o.business_line as "businessLine", o.stage
          from ${idList(ids)} x join opportunities o on o.id = x.id`,
      )
    : [];
  const head = new Map(heads.map((h) => [h.id, h]));
  return ids.map((id) => {
    const h = head.get(id)!;
    return {
      opportunityId: id,
      code: h.code,
      name: h.name,
      businessLine: h.businessLine,
      before: sideOf(b.get(id)),
      after: sideOf(a.get(id)),
      // Live: the stage now; a snapshot: the stage at its instant.
      stageAtTo: a.has(id) ? null : after.kind === 'live' ? h.stage : (stageAtTo.get(id) ?? h.stage),
    };
  });
}
