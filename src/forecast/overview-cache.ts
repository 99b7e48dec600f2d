import { lte, type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../db/client.js';
import { foldStamps, stampsOnSql } from '../db/stamps.js';
import { forecastOverviewCache } from './overview-schema.js';

/**
 * The overview of a year as kept: its tracks and total. "As of" and "data as of" are read fresh, the
 * rest depends only on the year, the tracks read, "today" and the inputs the `overview` stamps follow
 * (migration 0018: orders targets, SAP orders, opportunities, rolling schedules, the target ledger, the
 * stage probabilities, tracks' lines).
 */
export type KeptOverview = { tracks: unknown[]; total: unknown };

/**
 * The overview computed once per (year, tracks read, day) for every reader and instance, and kept in
 * `forecast_overview_cache` until a change stamps its year (or every year): the tracks (`tracks`, a query
 * of their ids) and the count of changes are read in the same statement as the kept row, before any
 * computing, so a change committed while it is being computed leaves the kept overview stale, never the
 * reverse. One small query when it holds: reading the view scans neither the schedules and order lines
 * nor the history of changes (folded at each computing).
 */
export async function keptOverview<T extends KeptOverview>(
  db: Db,
  key: { year: number; tracks: SQL; today: string },
  compute: (tracks: number[]) => Promise<T>,
): Promise<T> {
  const days = ['-infinity', `${key.year}-01-01`];
  const [row] = await queryRows<{
    scope: string;
    count: string | number;
    stamp: string | number | null;
    overview: string | null;
  }>(
    db,
    sql`with t as (select coalesce(string_agg(id::text, ',' order by id), '') as scope from (${key.tracks}) x)
        select t.scope, (${stampsOnSql('overview', days)}) as count, c.stamp, c.overview::text as overview
        from t left join forecast_overview_cache c
          on c.year = ${key.year} and c.scope = t.scope and c.day = ${key.today}::date`,
  );
  const scope = row?.scope ?? '';
  const stamp = Number(row?.count ?? 0);
  if (row?.overview && Number(row.stamp) === stamp) return JSON.parse(row.overview) as T;
  const overview = await compute(scope ? scope.split(',').map(Number) : []);
  await keep(db, key.year, scope, key.today, stamp, overview);
  // The changes counted so far become one row per day, so the reads that find this overview kept count a
  // few rows, not every write since the year began. Never inside a transaction (its locks last with it).
  if (!(db instanceof PgTransaction)) await foldStamps(db, 'overview', days);
  return overview;
}

/**
 * Stores an overview under its count; one computed under an older count never replaces a newer one. The
 * same tracks' overviews of other days are dropped: "today" only moves on.
 */
async function keep(db: Db, year: number, scope: string, day: string, stamp: number, overview: KeptOverview) {
  const computedAt = new Date();
  await db
    .insert(forecastOverviewCache)
    .values({ year, scope, day, stamp, overview, computedAt })
    .onConflictDoUpdate({
      target: [forecastOverviewCache.year, forecastOverviewCache.scope, forecastOverviewCache.day],
      set: { stamp, overview, computedAt },
      setWhere: lte(forecastOverviewCache.stamp, sql`excluded.stamp`),
    });
  await db.execute(
    sql`delete from forecast_overview_cache where year = ${year} and scope = ${scope} and day < ${day}::date`,
  );
}
