import { bigint, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Red / yellow bands per dimension, effective from a month; every change is a new row (history kept).
 * The board uses, for month M, the row with the latest effective month ≤ M (latest change wins).
 */
export const thresholdBands = pgTable(
  'threshold_bands',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    no: integer('no').notNull(),
    effectiveMonth: text('effective_month').notNull(),
    red: numeric('red', { precision: 12, scale: 4 }).notNull(),
    yellow: numeric('yellow', { precision: 12, scale: 4 }).notNull(),
    changedAt: instant('changed_at').notNull(),
    changedBy: integer('changed_by'),
    reason: text('reason'),
  },
  (t) => [index('threshold_bands_no_idx').on(t.no, t.effectiveMonth)],
);

/** P3: a director's cause analysis and improvement plan for a dimension of their track in a month. */
export const boardExplanations = pgTable(
  'board_explanations',
  {
    trackId: integer('track_id').notNull(),
    month: text('month').notNull(),
    no: integer('no').notNull(),
    cause: text('cause').notNull(),
    plan: text('plan').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.month, t.no] })],
);

/**
 * The whole board of a period, kept (board/cache.ts): computed once for every reader, current while the
 * count of changes to its inputs (change_stamps, topics `board` and `accuracy`, months up to `month`) is
 * `stamp`, the count read before it was computed. Data as of is not kept: it is read fresh each time.
 */
export const boardCache = pgTable(
  'board_cache',
  {
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    view: text('view', { enum: ['month', 'ytd'] }).notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    board: jsonb('board').notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.view] })],
);
