import { sql } from 'drizzle-orm';
import { type Db, queryRows, together } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import { accuracyMonthSums } from './accuracy-cache.js';
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
import { type AccuracyPeriod, type AccuracyScope, itemMonths, periodOf } from './accuracy-sql.js';

type TrackSums = { trackId: number; sums: AccuracySums; months: string[] };

/**
 * Per track the sums of its measured item-months — what the board needs, without the items: each
 * month's sums come from the cache (accuracy-cache.ts) and add up over a YTD period.
 */
async function trackSums(db: Db, config: AccuracyConfig, period: AccuracyPeriod, scope: AccuracyScope) {
  if (scope === 'none') return [];
  const { from, count } = periodOf(period);
  const year = Number(from.slice(0, 4));
  const first = Number(from.slice(5, 7));
  const months = Array.from({ length: count }, (_, k) => `${year}-${String(first + k).padStart(2, '0')}`);
  const byTrack = new Map<number, TrackSums>();
  for (const m of (await accuracyMonthSums(db, config, months)).sums) {
    if (scope.amId !== undefined ? m.amId !== scope.amId : m.amId !== 0) continue;
    if (scope.trackId !== undefined && m.trackId !== scope.trackId) continue;
    const t = byTrack.get(m.trackId) ?? { trackId: m.trackId, sums: emptySums(), months: [] };
    addSums(t.sums, m.sums);
    t.months.push(m.month);
    byTrack.set(m.trackId, t);
  }
  return [...byTrack.values()];
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
export async function readAccuracy(
  db: Db,
  period: AccuracyPeriod,
  actor: Actor,
  options: { items: boolean } = { items: false },
): Promise<AccuracyDto> {
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
    () => (options.items ? itemRows(db, config, period, scope) : Promise.resolve([])),
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
