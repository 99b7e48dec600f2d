import { index, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A2: a director proposes new bands for a dimension; the CEO approves (from a month) or rejects. */
export const thresholdProposals = pgTable(
  'threshold_proposals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    no: integer('no').notNull(),
    red: numeric('red', { precision: 12, scale: 4 }).notNull(),
    yellow: numeric('yellow', { precision: 12, scale: 4 }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    proposedBy: integer('proposed_by').notNull(),
    proposedAt: instant('proposed_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: instant('decided_at'),
    decisionReason: text('decision_reason'),
    effectiveMonth: text('effective_month'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('threshold_proposals_status_idx').on(t.status, t.id)],
);
