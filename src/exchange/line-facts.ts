import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { OrderRow, ShipmentPlanRow, ShipmentRow } from './contract.js';

/**
 * Shipments, shipment plans and SAP orders are lines of source documents. They share one merge: the
 * batch is staged set-based, unknown customers are found in one query, the lines are upserted, and
 * the rollups move by (new − old) of exactly the lines that changed — nothing is counted twice.
 */
type LineSpec = {
  table: 'shipments' | 'shipment_plans' | 'sales_orders';
  docCol: 'doc_no' | 'plan_no' | 'order_no';
  dayCol: 'date' | 'month';
  hasSource: boolean;
  hasCost: boolean;
  /** Rollup measures: [measure, amount expression over the delta row d]. */
  measures: [string, string][];
  daily: boolean;
};

export const LINE_SPECS = {
  shipments: {
    table: 'shipments',
    docCol: 'doc_no',
    dayCol: 'date',
    hasSource: true,
    hasCost: true,
    measures: [
      ['sales', 'd.amount'],
      ['sales_with_cost', 'case when d.cost is not null then d.amount end'],
      ['cost', 'd.cost'],
    ],
    daily: true,
  },
  'shipment-plans': {
    table: 'shipment_plans',
    docCol: 'plan_no',
    dayCol: 'month',
    hasSource: true,
    hasCost: false,
    measures: [['plans', 'd.amount']],
    daily: false,
  },
  orders: {
    table: 'sales_orders',
    docCol: 'order_no',
    dayCol: 'date',
    hasSource: false,
    hasCost: false,
    measures: [['orders', 'd.amount']],
    daily: false,
  },
} satisfies Record<string, LineSpec>;

export type LineKind = keyof typeof LINE_SPECS;

/** SAP is the only source of orders (SPEC §7); the rollup names it so the board can tell sources apart. */
export const ORDER_SOURCE = 'SAP';

type StageRow = {
  i: number;
  source: string;
  doc: string;
  line: string;
  day: string;
  customer: string;
  opp: string | null;
  amount: number;
  cost: number | null;
  void: boolean;
};

export function stageRowsOf(kind: LineKind, rows: unknown[]): StageRow[] {
  return rows.map((raw, i) => {
    if (kind === 'shipments') {
      const r = raw as ShipmentRow;
      return {
        i,
        source: r.source,
        doc: r.docNo,
        line: String(r.lineNo),
        day: r.date,
        customer: r.customerCode,
        opp: r.opportunityCode ?? null,
        amount: r.amount,
        cost: r.cost ?? null,
        void: r.void === true,
      };
    }
    if (kind === 'shipment-plans') {
      const r = raw as ShipmentPlanRow;
      return {
        i,
        source: r.source,
        doc: r.planNo,
        line: String(r.lineNo),
        day: `${r.month}-01`,
        customer: r.customerCode,
        opp: r.opportunityCode ?? null,
        amount: r.amount,
        cost: null,
        void: r.void === true,
      };
    }
    const r = raw as OrderRow;
    return {
      i,
      source: ORDER_SOURCE,
      doc: r.orderNo,
      line: String(r.lineNo),
      day: r.date,
      customer: r.customerCode,
      opp: r.opportunityCode ?? null,
      amount: r.amount,
      cost: null,
      void: r.void === true,
    };
  });
}

export async function unknownCustomers(tx: Db): Promise<{ i: number; customer: string }[]> {
  return queryRows(
    tx,
    sql`select s.i, s.customer from stage_lines s
    left join customers c on c.code = s.customer where c.id is null order by s.i`,
  );
}

export type MergeCounts = { inserted: number; updated: number; voided: number };

/** Where the statement's bound values go in its text: the write's instant and the run. */
const NOW = '/*now*/';
const RUN = '/*run*/';

/**
 * One statement: old values of the staged lines (the pre-statement snapshot), the update of the lines
 * found that differ, the insert of those not found, and the rollup deltas (new − old) of exactly those
 * lines. Attribution (customer, track, AM) is set at first write and kept on re-sends. Callers hold the
 * kind's advisory lock.
 */

export async function mergeLines(tx: Db, kind: LineKind, runId: number, now: Date): Promise<MergeCounts> {
  const s = LINE_SPECS[kind] as LineSpec;
  const src = s.hasSource ? 'source' : null;
  const key = [src, s.docCol, 'line_no'].filter(Boolean).join(', ');
  const stageKey = [src ? 's.source' : null, 's.doc', 's.line'].filter(Boolean).join(', ');
  const dayIsMonth = s.dayCol === 'month';
  // Only constants and column names of this file are spliced into the SQL; now and the run are bound.
  const sourceOf = (alias: string) => (s.hasSource ? `${alias}.source` : `'${ORDER_SOURCE}'`);
  // The line's values (besides its key and attribution): compared, updated and inserted from one list.
  const valued = ['day', 'amount', ...(s.hasCost ? ['cost'] : []), 'opportunity_code', 'void'];
  const columns = valued.map((c) => (c === 'day' ? s.dayCol : c));
  // The staged line's values under the fact table's column names (the day truncated for monthly kinds).
  const staged: Record<string, string> = {
    day: dayIsMonth ? "date_trunc('month', s.day)::date" : 's.day',
    amount: 's.amount',
    cost: 's.cost',
    opportunity_code: 's.opp',
    void: 's.void',
  };
  const stagedValues = valued.map((c) => staged[c]);
  // A line as the deltas read it, before (old) and after (changed, added).
  const returned = `f.id, f.${s.dayCol} as day, ${sourceOf('f')} as source, f.track_id, f.am_id, f.customer_id,
        coalesce(f.opportunity_code, '') as opp, f.amount${s.hasCost ? ', f.cost' : ', null::numeric as cost'}, f.void`;
  // Named first, so pg_stat_activity (which keeps a statement's first kilobyte) tells what is running.
  const text = `/* write-back merge of ${s.table} */
    with old as (
      select s.i, ${returned}
      from stage_lines s cross join lateral (
        -- One probe of the line key's unique index per staged line (limit 1 keeps it a nested loop): a
        -- join let the planner hash the whole fact table on every batch, a cost growing with the history.
        select * from ${s.table} f where (${key
          .split(', ')
          .map((c) => `f.${c}`)
          .join(', ')}) = (${stageKey}) limit 1
      ) f
    ), changed as (
      -- Lines already there: updated where a value differs. Attribution stays as first written.
      update ${s.table} as f set ${columns.map((c, k) => `${c} = ${stagedValues[k]}`).join(', ')},
        updated_at = ${NOW}, run_id = ${RUN}
      from stage_lines s join old o on o.i = s.i
      where f.id = o.id and (${columns.map((c) => `f.${c}`).join(', ')}) is distinct from (${stagedValues.join(', ')})
      returning ${returned}, false as inserted
    ), added as (
      -- Lines the probe did not find: a plain insert (the kind's advisory lock keeps other writers out, so
      -- no conflict can arise; one would fail the batch, not merge it twice).
      insert into ${s.table} as f (${key}, ${columns.join(', ')}, customer_id, track_id, am_id, created_at, updated_at, run_id)
      select ${stageKey}, ${stagedValues.join(', ')}, c.id, c.track_id, c.am_id, ${NOW}, ${NOW}, ${RUN}
      from stage_lines s join customers c on c.code = s.customer
      where not exists (select 1 from old o where o.i = s.i)
      returning ${returned}, true as inserted
    ), upserted as (
      select * from changed union all select * from added
    ), deltas as (
      select u.day, u.source, u.track_id, u.am_id, u.customer_id, u.opp, u.amount, u.cost from upserted u where not u.void
      union all
      select o.day, o.source, o.track_id, o.am_id, o.customer_id, o.opp, -o.amount, -o.cost from old o join upserted u on u.id = o.id where not o.void
    ), agg as (
      -- Aggregate the deltas once (tens of thousands of lines → a few thousand cells), then spread measures.
      select date_trunc('month', d.day)::date as month, d.source, d.track_id, d.am_id, d.customer_id, d.opp,
             ${s.measures.map(([, e], k) => `sum(${e}) as m${k}`).join(', ')}
      from deltas d group by 1, 2, 3, 4, 5, 6
    ), cells as (
      select v.measure, a.month, a.source, a.track_id, a.am_id, a.customer_id, a.opp, v.amount
      from agg a cross join lateral (values ${s.measures.map(([m], k) => `('${m}', a.m${k})`).join(', ')}) as v(measure, amount)
      where v.amount is not null
    ), monthly as (
      insert into fact_monthly as m (measure, month, source, track_id, am_id, customer_id, opportunity_code, amount)
      select measure, month, source, track_id, am_id, customer_id, opp, amount from cells
      on conflict (am_id, measure, month, source, track_id, customer_id, opportunity_code) do update set amount = m.amount + excluded.amount
      returning 1
    ), by_am as (
      insert into fact_am_monthly as m (measure, month, source, track_id, am_id, amount)
      select measure, month, source, track_id, am_id, sum(amount) from cells group by 1, 2, 3, 4, 5
      on conflict (month, measure, source, track_id, am_id) do update set amount = m.amount + excluded.amount
      returning 1
    )${
      s.daily
        ? `, daily as (
      insert into sales_daily as sd (day, source, track_id, am_id, amount)
      select d.day, d.source, d.track_id, d.am_id, sum(d.amount) from deltas d group by 1, 2, 3, 4
      on conflict (day, source, track_id, am_id) do update set amount = sd.amount + excluded.amount
      returning 1
    )`
        : ''
    }
    select
      (select count(*) from upserted where inserted)::int as inserted,
      (select count(*) from upserted where not inserted)::int as updated,
      (select count(*) from upserted u where u.void and not inserted)::int as voided,
      (select count(*) from monthly)::int as rollups, (select count(*) from by_am)::int as am_rollups${s.daily ? ', (select count(*) from daily)::int as days' : ''}`;
  const at = now.toISOString();
  const parts = text
    .split(/(\/\*now\*\/|\/\*run\*\/)/)
    .map((part) => (part === NOW ? sql`${at}::timestamptz` : part === RUN ? sql`${runId}::int` : sql.raw(part)));
  const [row] = await queryRows<MergeCounts>(tx, sql.join(parts));
  return { inserted: row!.inserted, updated: row!.updated, voided: row!.voided };
}
