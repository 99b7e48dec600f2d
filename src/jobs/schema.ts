import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A claimed run of a scheduled job: the primary key makes every (job, period) happen once across instances. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    dueAt: instant('due_at').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    result: jsonb('result'),
  },
  (t) => [primaryKey({ columns: [t.job, t.periodKey] })],
);

/** The fake clock's time (SPEC §8): stored so every instance sees the same instant, still between moves. */
export const appClock = pgTable('app_clock', {
  id: integer('id').primaryKey(),
  fakeNow: instant('fake_now').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const jobErrors = pgTable('job_errors', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  job: text('job').notNull(),
  periodKey: text('period_key').notNull(),
  at: instant('at').notNull(),
  message: text('message').notNull(),
});
