import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
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
};

const money = (expression: string) => sql.raw(`round(${expression}, 2)::float8`);

/**
 * Per track (subject 'track') or per AM (subject 'am'): every measure the eight dimensions need.
 * A track's target is its own row where one exists, else the sum of its AMs' rows (per month).
 */
export async function measures(
  db: Db,
  subject: 'track' | 'am',
  range: Range,
  only?: number,
): Promise<SubjectMeasures[]> {
  const key = subject === 'track' ? sql.raw('track_id') : sql.raw('am_id');
  const filter = only === undefined ? sql`true` : sql`${key} = ${only}`;
  const targetRows =
    subject === 'track'
      ? sql`select kind, track_id as id, sum(amount) as amount from (
          select kind, year, month, track_id,
                 coalesce(sum(amount) filter (where am_id = 0), sum(amount) filter (where am_id <> 0)) as amount
          from targets where make_date(year, month, 1) between ${range.from}::date and ${range.to}::date
          group by 1, 2, 3, 4) x group by 1, 2`
      : sql`select kind, am_id as id, sum(amount) as amount from targets
          where am_id <> 0 and make_date(year, month, 1) between ${range.from}::date and ${range.to}::date group by 1, 2`;
  return queryRows<SubjectMeasures>(
    db,
    sql`with subjects as (
      ${subject === 'track' ? sql`select id, id as track_id from tracks` : sql`select id, track_id from users where role = 'am'`}
    ), facts as (
      select ${key} as id, measure, sum(amount) as amount from fact_am_monthly
      where month between ${range.from}::date and ${range.to}::date and ${filter} group by 1, 2
    ), goals as (${targetRows}), ar as (
      select ${key} as id, sum(balance) as balance from (
        select distinct on (customer_id) customer_id, track_id, am_id, balance from receivables
        where as_of <= ${range.end}::date and not void order by customer_id, as_of desc) latest
      group by 1
    ), s90 as (
      select ${key} as id, sum(amount) as amount from sales_daily
      where day between ${range.end}::date - 89 and ${range.end}::date and ${filter} group by 1
    )
    select s.id, s.track_id as "trackId",
      ${money("(select amount from facts f where f.id = s.id and f.measure = 'sales')")} as sales,
      ${money("(select amount from goals g where g.id = s.id and g.kind = 'sales')")} as "salesTarget",
      ${money("(select amount from facts f where f.id = s.id and f.measure = 'orders')")} as orders,
      ${money("(select amount from goals g where g.id = s.id and g.kind = 'orders')")} as "ordersTarget",
      ${money("(select amount from facts f where f.id = s.id and f.measure = 'sales_with_cost')")} as "salesWithCost",
      ${money("(select amount from facts f where f.id = s.id and f.measure = 'cost')")} as cost,
      ${money("(select amount from facts f where f.id = s.id and f.measure = 'expenses')")} as expenses,
      ${money('(select balance from ar where ar.id = s.id)')} as "arBalance",
      ${money('(select amount from s90 where s90.id = s.id)')} as sales90
    from subjects s where ${only === undefined ? sql`true` : sql`s.id = ${only}`} order by s.id`,
  );
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

/** "Data as of" per source: the last successful write-back, the latest fact, the latest closed month. */
export async function freshness(db: Db): Promise<SourceFreshness[]> {
  return queryRows<SourceFreshness>(
    db,
    sql`with sources as (
      select distinct source, 'shipments' as kind from fact_am_monthly where measure = 'sales'
      union select 'SAP', 'orders'
      union select 'ERP', 'expenses'
      union select 'ERP', 'receivables'
    )
    select s.source, s.kind,
      (select to_char(max(started_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from exchange_runs r where r.kind = s.kind and r.status = 'ok') as "lastWriteAt",
      case s.kind
        when 'shipments' then (select to_char(max(day), 'YYYY-MM-DD') from sales_daily d where d.source = s.source)
        when 'orders' then (select to_char(max(month), 'YYYY-MM') from fact_am_monthly where measure = 'orders')
        when 'expenses' then (select to_char(max(month), 'YYYY-MM') from fact_am_monthly where measure = 'expenses')
        else (select to_char(max(as_of), 'YYYY-MM-DD') from receivables)
      end as "latestFactDate",
      (select to_char(max(month), 'YYYY-MM') from month_closes c where c.source = s.source) as "closedThrough"
    from sources s order by s.kind, s.source`,
  );
}
