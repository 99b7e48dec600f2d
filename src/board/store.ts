import { sql } from 'drizzle-orm';
import { type Db, queryRows, together } from '../db/client.js';
import { boardAccuracy } from '../forecast/accuracy.js';
import type { BandValues } from './rules.js';

/**
 * The board's SQL. It reads the rollups kept by the write-back (fact_am_monthly, sales_daily) and the
 * small tables (targets, receivable snapshots); never the fact lines. Sums are numeric, rounded to cents.
 */
export type Range = { from: string; to: string; end: string };

export type SubjectMeasures = {
  id: number;
  trackId: number;
  sales: number | null;
  salesTarget: number | null;
  orders: number | null;
  ordersTarget: number | null;
  salesWithCost: number | null;
  cost: number | null;
  expenses: number | null;
  arBalance: number | null;
  sales90: number | null;
  /** Dimension 6 (tracks): forecast accuracy as the forecast capability measures it. */
  accuracy?: { value: number | null; numerator: number | null; denominator: number | null };
};

const money = (expression: string) => sql.raw(`round(${expression}, 2)::float8`);

type Cell = {
  trackId: number;
  amId: number;
  sales: number | null;
  orders: number | null;
  swc: number | null;
  cost: number | null;
  expenses: number | null;
  ar: number | null;
  s90: number | null;
};
/** AR at the period end per (track, AM): the month-end rollup, or a search of the snapshots past its horizon. */
function arAtMonthEnd(range: Range, monthEnds: boolean) {
  if (monthEnds) {
    return sql`
      select track_id, am_id, sum(balance) as ar from receivable_month_ends where month = ${range.to}::date group by 1, 2`;
  }
  return sql`
      select r.track_id, r.am_id, sum(r.balance) as ar from customers c cross join lateral (
        select track_id, am_id, balance from receivables r where r.customer_id = c.id and r.as_of <= ${range.end}::date and not r.void
        order by r.as_of desc limit 1) r group by 1, 2`;
}

type Goal = { kind: 'sales' | 'orders'; trackId: number; amId: number; month: number; year: number; amount: number };

/**
 * Every measure at the (track, AM) grain in one pass over the rollups; AM 0 holds what no AM carries.
 * Receivables: per customer the latest non-void snapshot on or before the period end, found by one
 * index probe per customer (a sort of all snapshots would cost ten times more).
 */
async function cells(db: Db, range: Range): Promise<Cell[]> {
  const [horizon] = await queryRows<{ h: string | null }>(
    db,
    sql`select to_char(max(month), 'YYYY-MM-DD') as h from receivable_month_ends`,
  );
  const monthEnds = horizon?.h !== null && horizon?.h !== undefined && range.to <= horizon.h;
  return queryRows<Cell>(
    db,
    sql`with facts as (
      select track_id, am_id,
        sum(amount) filter (where measure = 'sales') as sales, sum(amount) filter (where measure = 'orders') as orders,
        sum(amount) filter (where measure = 'sales_with_cost') as swc, sum(amount) filter (where measure = 'cost') as cost,
        sum(amount) filter (where measure = 'expenses') as expenses
      from fact_am_monthly where month between ${range.from}::date and ${range.to}::date group by 1, 2
    ), ar as (${arAtMonthEnd(range, monthEnds)}
    ), s90 as (
      -- The trailing 90 days: whole months from the monthly rollup, the first, partial month from the daily one.
      select track_id, am_id, sum(amount) as s90 from (
        select track_id, am_id, amount from fact_am_monthly
        where measure = 'sales' and month > date_trunc('month', ${range.end}::date - 89) and month <= ${range.end}::date
        union all
        select track_id, am_id, amount from sales_daily
        where day between ${range.end}::date - 89 and (date_trunc('month', ${range.end}::date - 89) + interval '1 month' - interval '1 day')::date
      ) w group by 1, 2
    )
    select coalesce(f.track_id, ar.track_id, s90.track_id) as "trackId", coalesce(f.am_id, ar.am_id, s90.am_id) as "amId",
      ${money('f.sales')} as sales, ${money('f.orders')} as orders, ${money('f.swc')} as swc, ${money('f.cost')} as cost,
      ${money('f.expenses')} as expenses, ${money('ar.ar')} as ar, ${money('s90.s90')} as s90
    from facts f
      full join ar on (ar.track_id, ar.am_id) = (f.track_id, f.am_id)
      full join s90 on (s90.track_id, s90.am_id) = (coalesce(f.track_id, ar.track_id), coalesce(f.am_id, ar.am_id))`,
  );
}

async function goals(db: Db, range: Range): Promise<Goal[]> {
  return queryRows<Goal>(
    db,
    sql`select kind, track_id as "trackId", am_id as "amId", year, month, amount::float8 as amount from targets
        where make_date(year, month, 1) between ${range.from}::date and ${range.to}::date`,
  );
}

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.round((a + b) * 100) / 100);
const empty = (id: number, trackId: number): SubjectMeasures => ({
  id,
  trackId,
  sales: null,
  salesTarget: null,
  orders: null,
  ordersTarget: null,
  salesWithCost: null,
  cost: null,
  expenses: null,
  arBalance: null,
  sales90: null,
});

function accumulate(into: SubjectMeasures, c: Cell): void {
  into.sales = add(into.sales, c.sales);
  into.orders = add(into.orders, c.orders);
  into.salesWithCost = add(into.salesWithCost, c.swc);
  into.cost = add(into.cost, c.cost);
  into.expenses = add(into.expenses, c.expenses);
  into.arBalance = add(into.arBalance, c.ar);
  into.sales90 = add(into.sales90, c.s90);
}

/** A track's target per month is its own row where one exists, else the sum of its AMs' rows. */
function applyGoals(tracks: Map<number, SubjectMeasures>, ams: Map<number, SubjectMeasures>, rows: Goal[]): void {
  const ownRows = new Set(rows.filter((g) => g.amId === 0).map((g) => `${g.kind}|${g.trackId}|${g.year}|${g.month}`));
  for (const g of rows) {
    const field = g.kind === 'sales' ? 'salesTarget' : 'ordersTarget';
    const am = ams.get(g.amId);
    if (am) am[field] = add(am[field], g.amount);
    const track = tracks.get(g.trackId);
    const counts = g.amId === 0 || !ownRows.has(`${g.kind}|${g.trackId}|${g.year}|${g.month}`);
    if (track && counts) track[field] = add(track[field], g.amount);
  }
}

/** The board period a range stands for (January's YTD is its month). */
export const periodOf = (range: Range) => ({
  month: range.to.slice(0, 7),
  view: range.from === range.to ? ('month' as const) : ('ytd' as const),
});

/** Every track's and every AM's measures for a period, from two queries (and dimension 6's own). */
export async function allMeasures(
  db: Db,
  range: Range,
): Promise<{ tracks: SubjectMeasures[]; ams: SubjectMeasures[] }> {
  const [cellRows, goalRows, accuracy, trackRows, amRows] = await together(db, [
    () => cells(db, range),
    () => goals(db, range),
    () => boardAccuracy(db, periodOf(range)),
    () => queryRows<{ id: number }>(db, sql`select id from tracks order by id`),
    () =>
      queryRows<{ id: number; trackId: number }>(
        db,
        sql`select id, track_id as "trackId" from users where role = 'am' order by id`,
      ),
  ]);
  const tracks = new Map(trackRows.map((t) => [t.id, empty(t.id, t.id)]));
  const ams = new Map(amRows.map((a) => [a.id, empty(a.id, a.trackId)]));
  for (const c of cellRows) {
    const track = tracks.get(c.trackId);
    if (track) accumulate(track, c);
    const am = ams.get(c.amId);
    if (am) accumulate(am, c);
  }
  applyGoals(tracks, ams, goalRows);
  for (const [trackId, fraction] of accuracy) {
    const track = tracks.get(trackId);
    if (track) track.accuracy = fraction;
  }
  return { tracks: [...tracks.values()], ams: [...ams.values()] };
}

/** One subject's measures (drill-down parents, trends). */
export async function measures(
  db: Db,
  subject: 'track' | 'am',
  range: Range,
  only?: number,
): Promise<SubjectMeasures[]> {
  const all = await allMeasures(db, range);
  const list = subject === 'track' ? all.tracks : all.ams;
  return only === undefined ? list : list.filter((m) => m.id === only);
}

/** The bands in force for a month: per dimension the latest change effective on or before it. */
export async function bandsFor(db: Db, month: string): Promise<Map<number, BandValues & { effectiveMonth: string }>> {
  const rows = await queryRows<{ no: number; red: number; yellow: number; effectiveMonth: string }>(
    db,
    sql`select distinct on (no) no, red::float8 as red, yellow::float8 as yellow, effective_month as "effectiveMonth"
        from threshold_bands where effective_month <= ${month} order by no, effective_month desc, id desc`,
  );
  return new Map(rows.map((r) => [r.no, r]));
}

export type SourceFreshness = {
  source: string;
  kind: string;
  lastWriteAt: string | null;
  latestFactDate: string | null;
  closedThrough: string | null;
};

/** "Data as of" per source of actuals (plans are forecasts, not actuals): last write, latest fact, latest closed month. */
export async function freshness(db: Db): Promise<SourceFreshness[]> {
  return queryRows<SourceFreshness>(
    db,
    sql`select d.source, d.kind,
      to_char(d.last_write_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastWriteAt",
      to_char(d.latest_fact_date, 'YYYY-MM-DD') as "latestFactDate",
      (select to_char(max(month), 'YYYY-MM') from month_closes c where c.source = d.source) as "closedThrough"
    from data_sources d where d.kind <> 'shipment-plans' order by d.kind, d.source`,
  );
}
