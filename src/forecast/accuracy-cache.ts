import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { stampsPerMonth } from '../db/stamps.js';
import { type AccuracyConfig, accuracyConfigFor } from './accuracy-config.js';
import type { AccuracySums } from './accuracy-rules.js';
import { itemMonths } from './accuracy-sql.js';
import { monthOf } from './rules.js';
import { forecastAccuracyCache } from './schema.js';

/** One month's sums of one subject: a whole track (`amId` 0) or an AM's own item-months in a track. */
export type MonthSums = { month: string; trackId: number; amId: number; sums: AccuracySums };
type Stored = Omit<MonthSums, 'month'>;

const sourceKey = (config: AccuracyConfig) => config.actualsSource ?? '';

/**
 * Each month's sums per track and per AM, from the cache where it is current, else measured now and
 * kept (SPEC §6.7: months add up — YTD pools the item-months of January…M). A cached month is current
 * while the number of changes to its inputs (change_stamps of topic `accuracy`, written by triggers) is the one
 * counted before it was measured: a change committed while it was being measured makes it stale, never
 * the other way round.
 */
export async function accuracyMonthSums(
  db: Db,
  config: AccuracyConfig,
  months: readonly string[],
): Promise<{ sums: MonthSums[]; measured: number }> {
  if (months.length === 0) return { sums: [], measured: 0 };
  const days = months.map((m) => `${m}-01`);
  const changes = await stampsPerMonth(db, 'accuracy', days);
  const cached = await db
    .select()
    .from(forecastAccuracyCache)
    .where(
      and(
        inArray(forecastAccuracyCache.month, days),
        eq(forecastAccuracyCache.lag, config.lag),
        eq(forecastAccuracyCache.version, config.version),
        eq(forecastAccuracyCache.granularity, config.granularity),
        eq(forecastAccuracyCache.source, sourceKey(config)),
      ),
    );
  const current = new Map(
    cached.filter((c) => c.stamp === (changes.get(c.month) ?? 0)).map((c) => [c.month, c.sums as Stored[]]),
  );
  const answer: MonthSums[] = [];
  let measured = 0;
  for (const day of days) {
    let stored = current.get(day);
    if (!stored) {
      stored = await measureMonth(db, config, day, changes.get(day) ?? 0);
      measured++;
    }
    for (const s of stored) answer.push({ month: day.slice(0, 7), ...s });
  }
  return { sums: answer, measured };
}

/** Measures one month for every track and every AM, and keeps it under the change count read before. */
async function measureMonth(db: Db, config: AccuracyConfig, day: string, stamp: number): Promise<Stored[]> {
  const period = { month: day.slice(0, 7), view: 'month' as const };
  const [tracks, ams] = [await sumsOf(db, config, period, false), await sumsOf(db, config, period, true)];
  const stored = [...tracks, ...ams];
  const key = {
    month: day,
    lag: config.lag,
    version: config.version,
    granularity: config.granularity,
    source: sourceKey(config),
  };
  await db
    .insert(forecastAccuracyCache)
    .values({ ...key, stamp, sums: stored, computedAt: new Date() })
    .onConflictDoUpdate({
      target: [
        forecastAccuracyCache.month,
        forecastAccuracyCache.lag,
        forecastAccuracyCache.version,
        forecastAccuracyCache.granularity,
        forecastAccuracyCache.source,
      ],
      set: { stamp, sums: stored, computedAt: new Date() },
    });
  return stored;
}

async function sumsOf(
  db: Db,
  config: AccuracyConfig,
  period: { month: string; view: 'month' },
  perAm: boolean,
): Promise<Stored[]> {
  const rows = await queryRows<{
    track_id: number;
    am_id: number;
    actual: number | null;
    forecast: number | null;
    abs_error: number | null;
    score: number | null;
    items: number | null;
  }>(
    db,
    sql`with ${itemMonths(config, period, {}, perAm)},
      sums as (
        select track_id, subject_am, round(sum(actual) * 100)::float8 as actual,
          round(sum(forecast) * 100)::float8 as forecast, round(sum(abs(actual - forecast)) * 100)::float8 as abs_error,
          sum(case when actual > 0 then greatest(0, 1 - abs(actual - forecast) / actual) else 0 end)::float8 as score,
          count(*)::int as items
        from scored group by track_id, subject_am
      )
      select m.track_id, m.subject_am as am_id, s.actual, s.forecast, s.abs_error, s.score, s.items
      from measured m left join sums s on s.track_id = m.track_id and s.subject_am = m.subject_am`,
  );
  return rows.map((r) => ({
    trackId: r.track_id,
    amId: r.am_id,
    sums: {
      actualCents: r.actual ?? 0,
      forecastCents: r.forecast ?? 0,
      absErrorCents: r.abs_error ?? 0,
      scoreSum: r.score ?? 0,
      items: r.items ?? 0,
      measured: true,
    },
  }));
}

/**
 * Keeps this year's months measured under the config in force, so the board and the YTD view read sums
 * instead of a year of lines: runs with the snapshot job each minute and measures only what went stale
 * (after a write-back, a freeze, or an opportunity that shipments name). Returns the months measured.
 */
export async function warmAccuracy(db: Db, now: Date, timeZone: string): Promise<number> {
  const [any] = await queryRows<{ one: number }>(db, sql`select 1 as one from forecast_snapshots limit 1`);
  if (!any) return 0;
  const month = monthOf(now, timeZone);
  const months = Array.from({ length: Number(month.slice(5, 7)) }, (_, k) => `${month.slice(0, 4)}-${pad(k + 1)}`);
  const config = await accuracyConfigFor(db, month);
  return (await accuracyMonthSums(db, config, months)).measured;
}

const pad = (n: number) => String(n).padStart(2, '0');
