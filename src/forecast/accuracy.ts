import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, together } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import { type AccuracyConfig, accuracyConfigFor } from './accuracy-config.js';
import type { AccuracyDto, AccuracyItemDto } from './accuracy-contract.js';
import {
  type AccuracyFormula,
  type AccuracySums,
  accuracyOf,
  addSums,
  boardFraction,
  emptySums,
  itemScore,
} from './accuracy-rules.js';

/** Whose item-months a reading covers: every one, a track's, or an AM's own. */
export type AccuracyScope = { trackId?: number; amId?: number } | 'none';

export type AccuracyPeriod = { month: string; view: 'month' | 'ytd' };

/** The months measured: M alone, or January…M (YTD), as first days. */
function periodOf({ month, view }: AccuracyPeriod): { from: string; to: string; count: number } {
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
function itemMonths(config: AccuracyConfig, period: AccuracyPeriod, scope: AccuracyScope): SQL {
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
      select distinct i.month, i.track_id from items i where ${scopeOf(scope, 'i')}
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
      select a.month, a.track_id, ${group.select}, sum(a.actual) as actual, sum(a.forecast) as forecast
      from atoms a join measured m on m.month = a.month and m.track_id = a.track_id
      where ${scopeOf(scope, 'a')}
      group by a.month, a.track_id, ${group.by}
      having sum(a.actual) <> 0 or sum(a.forecast) <> 0
    )`;
}

type TrackSums = { trackId: number; sums: AccuracySums; months: string[] };

/** Per track the sums of its measured item-months — what the board needs, without the items. */
async function trackSums(db: Db, config: AccuracyConfig, period: AccuracyPeriod, scope: AccuracyScope) {
  const rows = await queryRows<{
    track_id: number;
    months: string[];
    actual: number | null;
    forecast: number | null;
    abs_error: number | null;
    score: number | null;
    items: number | null;
  }>(
    db,
    sql`with ${itemMonths(config, period, scope)},
      sums as (
        select track_id, round(sum(actual) * 100)::float8 as actual, round(sum(forecast) * 100)::float8 as forecast,
          round(sum(abs(actual - forecast)) * 100)::float8 as abs_error,
          sum(case when actual > 0 then greatest(0, 1 - abs(actual - forecast) / actual) else 0 end)::float8 as score,
          count(*)::int as items
        from scored group by track_id
      )
      select m.track_id, array_agg(to_char(m.month, 'YYYY-MM') order by m.month) as months,
        s.actual, s.forecast, s.abs_error, s.score, s.items
      from measured m left join sums s on s.track_id = m.track_id
      group by m.track_id, s.actual, s.forecast, s.abs_error, s.score, s.items`,
  );
  return rows.map(
    (r): TrackSums => ({
      trackId: r.track_id,
      months: r.months,
      sums: {
        actualCents: r.actual ?? 0,
        forecastCents: r.forecast ?? 0,
        absErrorCents: r.abs_error ?? 0,
        scoreSum: r.score ?? 0,
        items: r.items ?? 0,
        measured: true,
      },
    }),
  );
}

/** The item-months themselves, for the answer and the board's drill-down. */
async function itemRows(db: Db, config: AccuracyConfig, period: AccuracyPeriod, scope: AccuracyScope) {
  const rows = await queryRows<{
    month: string;
    track_id: number;
    kind: AccuracyItemDto['kind'];
    opportunity_id: number | null;
    code: string | null;
    customer_id: number | null;
    am_id: number | null;
    in_snapshot: boolean;
    actual: number;
    forecast: number;
  }>(
    db,
    sql`with ${itemMonths(config, period, scope)}
      select to_char(month, 'YYYY-MM') as month, track_id, kind, opportunity_id, code, customer_id, am_id, in_snapshot,
        round(actual, 2)::float8 as actual, round(forecast, 2)::float8 as forecast
      from scored order by month, track_id, kind desc, code, customer_id`,
  );
  return rows.map((r) => ({
    trackId: r.track_id,
    item: {
      month: r.month,
      kind: r.kind,
      opportunityId: r.opportunity_id,
      code: r.code,
      customerId: r.customer_id,
      amId: r.am_id,
      inSnapshot: r.in_snapshot,
      actual: r.actual,
      forecast: r.forecast,
      accuracy: itemScore(r.actual, r.forecast),
    } satisfies AccuracyItemDto,
  }));
}

/** Which item-months a reader sees (SPEC §9.1): CEO, admin and planner all; a director their track; an AM their own. */
export function accuracyScopeOf(actor: Actor): AccuracyScope {
  if (hasRole(actor, 'ceo', 'admin', 'planner')) return {};
  if (hasRole(actor, 'director')) return { trackId: personOf(actor)?.trackId ?? -1 };
  if (hasRole(actor, 'am')) return { amId: actor.id };
  return 'none';
}

function present(formula: AccuracyFormula, sums: AccuracySums, months: string[]) {
  return {
    ...accuracyOf(formula, sums),
    actual: sums.actualCents / 100,
    forecast: sums.forecastCents / 100,
    absError: sums.absErrorCents / 100,
    itemCount: sums.items,
    months,
  };
}

/**
 * `GET /forecast/accuracy?month=&view=` (SPEC §6.7, §9.1) with the config in force for M — also for
 * every month a YTD view pools. Tracks: every track the reader may see (a director's own, an AM's own
 * track with only their own items); `total` pools the same item-months.
 */
export async function readAccuracy(db: Db, period: AccuracyPeriod, actor: Actor): Promise<AccuracyDto> {
  const config = await accuracyConfigFor(db, period.month);
  const scope = accuracyScopeOf(actor);
  const person = personOf(actor);
  const [tracks, sums, items] = await together(db, [
    () =>
      queryRows<{ id: number }>(
        db,
        scope === 'none'
          ? sql`select id from tracks where false`
          : scope.trackId !== undefined
            ? sql`select id from tracks where id = ${scope.trackId}`
            : scope.amId !== undefined
              ? sql`select id from tracks where id = ${person?.trackId ?? -1}`
              : sql`select id from tracks order by id`,
      ),
    () => trackSums(db, config, period, scope),
    () => itemRows(db, config, period, scope),
  ]);
  const byTrack = new Map(sums.map((s) => [s.trackId, s]));
  const total = emptySums();
  const months = new Set<string>();
  const trackIds = [...new Set([...tracks.map((t) => t.id), ...byTrack.keys()])].sort((a, b) => a - b);
  const answer = trackIds.map((trackId) => {
    const s = byTrack.get(trackId) ?? { trackId, sums: emptySums(), months: [] };
    addSums(total, s.sums);
    for (const m of s.months) months.add(m);
    return {
      trackId,
      ...present(config.formula, s.sums, s.months),
      items: items.filter((i) => i.trackId === trackId).map((i) => i.item),
    };
  });
  const { actualsSource, effectiveMonth, formula, lag, version, granularity } = config;
  return {
    month: period.month,
    view: period.view,
    config: { formula, lag, version, granularity, actualsSource, effectiveMonth },
    tracks: answer,
    total: present(config.formula, total, [...months].sort()),
  };
}

/** Board dimension 6: every track's accuracy as the board's fraction (value, numerator, denominator). */
export async function boardAccuracy(db: Db, period: AccuracyPeriod) {
  const config = await accuracyConfigFor(db, period.month);
  const sums = await trackSums(db, config, period, {});
  return new Map(sums.map((s) => [s.trackId, boardFraction(config.formula, s.sums)]));
}

/** The board's fraction of one subject (a track or an AM's own items), pooled over its tracks. */
export async function boardAccuracyOf(db: Db, period: AccuracyPeriod, scope: { trackId?: number; amId?: number }) {
  const config = await accuracyConfigFor(db, period.month);
  const total = emptySums();
  for (const s of await trackSums(db, config, period, scope)) addSums(total, s.sums);
  return boardFraction(config.formula, total);
}

/** The items of the board's drill-down of dimension 6, narrowed to the scope given. */
export async function boardAccuracyItems(db: Db, period: AccuracyPeriod, scope: { trackId?: number; amId?: number }) {
  const config = await accuracyConfigFor(db, period.month);
  return (await itemRows(db, config, period, scope)).map((r) => r.item);
}
