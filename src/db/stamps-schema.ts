import { bigint, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Changes to the inputs of kept results (db/stamps.ts), appended by PostgreSQL triggers in the writing
 * statement's own transaction: one row per statement and month a `topic` (a kind of kept result) reads.
 * A result is current while the count it was measured under is still the count — a version stamp that
 * every instance on the database sees, not a process-local flag. Append-only, so concurrent writers
 * never wait on each other's row locks; `n` lets old rows be folded together without changing a count.
 */
export const changeStamps = pgTable(
  'change_stamps',
  {
    stamp: bigint('stamp', { mode: 'number' }).primaryKey(),
    /** `accuracy`: a month's forecast accuracy (exact month); `board`: every board from `month` on. */
    topic: text('topic').notNull(),
    /** A month's first day; `-infinity` for a change that reaches every month (the organisation). */
    month: date('month', { mode: 'string' }).notNull(),
    n: integer('n').notNull().default(1),
  },
  (t) => [index('change_stamps_topic_month_idx').on(t.topic, t.month, t.n)],
);
