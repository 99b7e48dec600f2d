import { bigint, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The CEO's overview of a year (forecast/overview-cache.ts), kept per set of tracks read and per day in
 * the company's time zone (the overview depends on "today"): current while the count of changes to its
 * inputs (change_stamps, topic `overview`, the year's first day or `-infinity`) is `stamp`, the count read
 * before it was computed. "As of" and "data as of" are not kept: they are read fresh each time.
 */
export const forecastOverviewCache = pgTable(
  'forecast_overview_cache',
  {
    year: integer('year').notNull(),
    /** The integrated tracks read, their ids joined by commas (a director's one track, or all). */
    scope: text('scope').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    overview: jsonb('overview').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.scope, t.day] })],
);
