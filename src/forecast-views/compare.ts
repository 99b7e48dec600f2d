import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Stage } from '../forecast/schema.js';
import { IN_SNAPSHOT } from '../forecast/snapshots.js';
import type { ComparedRow } from './flow-rules.js';

/**
 * One side of a comparison: a frozen snapshot month, or the live state (what the month's snapshot would
 * hold if it were frozen now). `at` is the instant the side stands for (stages of missing ones).
 */
/** A side's rows narrowed over the columns `track_id`, `am_id`, `business_line`, `stage` of `alias`. */
export type Narrow = (alias: string) => SQL;

export type Side = { kind: 'snapshot'; month: string; at: Date } | { kind: 'live'; at: Date };

/** The leading version (rolling; the quote for commodity) of each opportunity a side holds. */
function sideRows(side: Side, narrow: Narrow): SQL {
  if (side.kind === 'snapshot')
    return sql`select i.opportunity_id, i.track_id, i.am_id, i.stage, v.order_month, v.amount
      from forecast_snapshot_items i
      left join forecast_snapshot_versions v on v.month = i.month and v.opportunity_id = i.opportunity_id
        and v.version = case when i.business_line = 'commodity' then 'precision' else 'rolling' end
      where i.month = ${`${side.month}-01`}::date and ${narrow('i')}`;
  return sql`select o.id as opportunity_id, o.track_id, o.am_id, o.stage, v.order_month, v.amount
    from opportunities o
    left join forecast_versions v on v.opportunity_id = o.id
      and v.version = case when o.business_line = 'commodity' then 'precision' else 'rolling' end
    where o.id in (${IN_SNAPSHOT}) and ${narrow('o')}`;
}

/** The stage at an instant, from the stage history (the current stage when nothing changed since). */
const stageAt = (at: Date) => {
  const iso = at.toISOString();
  const changes = sql`from history h where h.entity = 'opportunity' and h.entity_id = o.id
    and h.action in ('stage_changed', 'reopened')`;
  return sql`coalesce(
    (select h.after ->> 'stage' ${changes} and h.at <= ${iso}::timestamptz order by h.at desc, h.id desc limit 1),
    (select h.before ->> 'stage' ${changes} and h.at > ${iso}::timestamptz order by h.at, h.id limit 1),
    o.stage)`;
};

type Raw = {
  id: number;
  code: string;
  name: string;
  business_line: 'integrated' | 'commodity';
  b_track: number | null;
  b_am: number | null;
  b_stage: Stage | null;
  b_month: string | null;
  b_amount: number | null;
  a_track: number | null;
  a_am: number | null;
  a_stage: Stage | null;
  a_month: string | null;
  a_amount: number | null;
  stage_at_to: Stage | null;
};

/**
 * Every opportunity either side holds, with both sides (null where missing) and, for one missing from
 * `after`, its stage at `after`'s instant. `narrow` keeps the read to the subject's rows; sides are restricted again in flow-rules.ts.
 */
export async function compareSides(db: Db, before: Side | null, after: Side, narrow: Narrow): Promise<ComparedRow[]> {
  const b = before
    ? sideRows(before, narrow)
    : sql`select null::int as opportunity_id, null::int as track_id,
    null::int as am_id, null::text as stage, null::date as order_month, null::numeric as amount where false`;
  const stageAtTo = after.kind === 'live' ? sql`o.stage` : stageAt(after.at);
  const rows = await queryRows<Raw>(
    db,
    sql`with b as (${b}), a as (${sideRows(after, narrow)})
      select o.id, o.code, o.name, o.business_line,
        b.track_id as b_track, b.am_id as b_am, b.stage as b_stage, to_char(b.order_month, 'YYYY-MM') as b_month,
        b.amount::float8 as b_amount,
        a.track_id as a_track, a.am_id as a_am, a.stage as a_stage, to_char(a.order_month, 'YYYY-MM') as a_month,
        a.amount::float8 as a_amount,
        case when a.opportunity_id is null then ${stageAtTo} end as stage_at_to
      from b full join a on a.opportunity_id = b.opportunity_id
      join opportunities o on o.id = coalesce(a.opportunity_id, b.opportunity_id)
      order by o.id`,
  );
  return rows.map((r) => ({
    opportunityId: r.id,
    code: r.code,
    name: r.name,
    businessLine: r.business_line,
    before:
      r.b_stage === null
        ? null
        : { stage: r.b_stage, orderMonth: r.b_month, amount: r.b_amount, trackId: r.b_track!, amId: r.b_am! },
    after:
      r.a_stage === null
        ? null
        : { stage: r.a_stage, orderMonth: r.a_month, amount: r.a_amount, trackId: r.a_track!, amId: r.a_am! },
    stageAtTo: r.stage_at_to,
  }));
}
