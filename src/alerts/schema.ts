import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ALERT_KINDS = ['day25', 'dual_version_gap', 'coverage_shortfall', 'delay', 'commodity_deviation'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATUSES = ['open', 'resolved', 'escalated', 'routed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Forecast anomaly alerts (SPEC §6.5, §9.1 `Alert`). `subjectKey` names what the alert is about
 * (`opportunity:12`, `track:3`, `am:7`): with `kind` and `period` it makes an alert happen once per
 * subject and period, whatever the instances, re-runs or catch-up. `dual_version_gap` has no period:
 * one open per opportunity, its facts updated in place.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id'),
    opportunityId: integer('opportunity_id'),
    period: text('period'),
    subjectKey: text('subject_key').notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    raisedAt: instant('raised_at').notNull(),
    dueAt: instant('due_at').notNull(),
    handledBy: integer('handled_by'),
    handledAt: instant('handled_at'),
    note: text('note'),
    projectId: integer('project_id'),
    // When the director escalated it: the opening report of the next supervision meeting after this picks it up.
    escalatedAt: instant('escalated_at'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('alerts_once_per_period').on(t.kind, t.subjectKey, t.period).where(sql`${t.period} is not null`),
    uniqueIndex('alerts_one_open_gap')
      .on(t.opportunityId)
      .where(sql`${t.kind} = 'dual_version_gap' and ${t.status} = 'open'`),
    index('alerts_track_status_idx').on(t.trackId, t.status, t.id),
    index('alerts_am_idx').on(t.amId, t.id),
    index('alerts_open_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
    index('alerts_escalated_idx').on(t.escalatedAt).where(sql`${t.escalatedAt} is not null`),
  ],
);
