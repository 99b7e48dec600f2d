import { type SQL, sql } from 'drizzle-orm';
import type { AccuracyConfig } from './accuracy-config.js';

/** Whose item-months a reading covers: every one, a track's, or an AM's own. */
export type AccuracyScope = { trackId?: number; amId?: number } | 'none';

export type AccuracyPeriod = { month: string; view: 'month' | 'ytd' };

/** The months measured: M alone, or January…M (YTD), as first days. */
export function periodOf({ month, view }: AccuracyPeriod): { from: string; to: string; count: number } {
  const m = Number(month.slice(5, 7));
  return view === 'ytd'
    ? { from: `${month.slice(0, 4)}-01-01`, to: `${month}-01`, count: m }
    : { from: `${month}-01`, to: `${month}-01`, count: 1 };
}

/**
 * Which version's shipment lines are F (SPEC §6.7, §9.1): for commodity opportunities the quote
 * (`precision`) plays the rolling part everywhere; `precision` without a precision forecast finds no
 * line (F = 0); "precision where present" means a precision version with shipment months in the snapshot.
 */
function versionOf(version: AccuracyConfig['version']): SQL {
  if (version === 'precision') return sql`'precision'`;
  if (version === 'rolling') return sql`case when i.business_line = 'commodity' then 'precision' else 'rolling' end`;
  return sql`case when i.business_line = 'commodity' or exists (
      select 1 from forecast_snapshot_months p where p.month = i.month and p.opportunity_id = i.opportunity_id
        and p.version = 'precision' and p.line = 'shipment') then 'precision' else 'rolling' end`;
}

function scopeOf(scope: AccuracyScope, alias: string): SQL {
  if (scope === 'none') return sql`false`;
  const parts = [sql`true`];
  if (scope.trackId !== undefined) parts.push(sql`${sql.raw(alias)}.track_id = ${scope.trackId}`);
  if (scope.amId !== undefined) parts.push(sql`${sql.raw(alias)}.am_id = ${scope.amId}`);
  return sql.join(parts, sql` and `);
}

/** The item key of each granularity: opportunity (or customer for shipments matching none), customer, track. */
function groupingOf(granularity: AccuracyConfig['granularity']) {
  switch (granularity) {
    case 'opportunity':
      return {
        select: sql`a.kind, max(a.opportunity_id) as opportunity_id, max(a.code) as code,
          max(a.customer_id) as customer_id, max(a.am_id) as am_id, bool_or(a.in_snapshot) as in_snapshot`,
        by: sql`a.kind, coalesce(a.opportunity_id, -a.customer_id)`,
      };
    case 'customer':
      return {
        select: sql`'customer' as kind, null::int as opportunity_id, null::text as code, a.customer_id,
          max(a.am_id) as am_id, bool_or(a.in_snapshot) as in_snapshot`,
        by: sql`a.customer_id`,
      };
    case 'track':
      return {
        select: sql`'track' as kind, null::int as opportunity_id, null::text as code, null::int as customer_id,
          null::int as am_id, bool_or(a.in_snapshot) as in_snapshot`,
        by: sql`a.track_id`,
      };
  }
}

/**
 * The item-months of a period, set-based: F from the snapshots of month − lag (their shipment lines for
 * the month), A from the monthly rollup of shipments (the named source only, if one is named). Shipments
 * of an opportunity in the snapshot are its item; carrying the code of an opportunity the snapshot does not
 * hold, that opportunity's item with F = 0; with no code or a code no opportunity has, one item per
 * customer with F = 0. Only the months whose snapshot held forecast items of the track (`measured`) count,
 * and items with A = F = 0 are no items.
 */
export function itemMonths(config: AccuracyConfig, period: AccuracyPeriod, scope: AccuracyScope, perAm = false): SQL {
  const { from, to, count } = periodOf(period);
  const source = config.actualsSource === null ? sql`` : sql`and f.source = ${config.actualsSource}`;
  const group = groupingOf(config.granularity);
  return sql`
    months as (
      select (${from}::date + make_interval(months => k))::date as month,
             (${from}::date + make_interval(months => k - ${config.lag}::int))::date as snap
      from generate_series(0, ${count - 1}::int) k
    ), items as (
      select mo.month, i.opportunity_id, i.code, i.customer_id, i.track_id, i.am_id, coalesce(fm.amount, 0) as forecast
      from months mo
      join forecast_snapshot_items i on i.month = mo.snap
      left join forecast_snapshot_months fm on fm.month = i.month and fm.opportunity_id = i.opportunity_id
        and fm.line = 'shipment' and fm.line_month = mo.month and fm.version = (${versionOf(config.version)})
    ), measured as (
      select distinct i.month, i.track_id, ${perAm ? sql`i.am_id` : sql`0`} as subject_am from items i where ${scopeOf(scope, 'i')}
    ), cells as (
      -- One probe per AM into the rollup's key (AM first); codes resolved to opportunities once.
      select f.month, f.track_id, f.am_id, f.customer_id, o.id as opp, o.code as ocode, o.customer_id as ocustomer,
             o.track_id as otrack, o.am_id as oam, sum(f.amount) as amount
      from (select id from users union all select 0) u
      join fact_monthly f on f.am_id = u.id and f.measure = 'sales'
        and f.month between ${from}::date and ${to}::date ${source}
      left join opportunities o on f.opportunity_code <> '' and o.code = f.opportunity_code
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    ), atoms as (
      select i.month, 'opportunity' as kind, i.opportunity_id, i.code, i.customer_id, i.track_id, i.am_id,
             true as in_snapshot, 0::numeric as actual, i.forecast
      from items i
      union all
      select c.month, case when c.opp is null then 'customer' else 'opportunity' end, c.opp,
             coalesce(i.code, c.ocode), coalesce(i.customer_id, c.ocustomer, c.customer_id),
             coalesce(i.track_id, c.otrack, c.track_id), coalesce(i.am_id, c.oam, c.am_id),
             i.opportunity_id is not null, c.amount, 0
      from cells c left join items i on i.month = c.month and i.opportunity_id = c.opp
    ), scored as (
      select a.month, a.track_id, m.subject_am, ${group.select},
        sum(a.actual) as actual, sum(a.forecast) as forecast
      from atoms a join measured m on m.month = a.month and m.track_id = a.track_id
        and m.subject_am = ${perAm ? sql`a.am_id` : sql`0`}
      where ${scopeOf(scope, 'a')}
      group by a.month, a.track_id, m.subject_am, ${group.by}
      having sum(a.actual) <> 0 or sum(a.forecast) <> 0
    )`;
}
