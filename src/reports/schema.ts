import { sql } from 'drizzle-orm';
import { integer, json, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** 开场报告 (SPEC §4.5): immutable snapshots, one row per version of a meeting's report. */
export const openingReports = pgTable(
  'opening_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id').notNull(),
    version: integer('version').notNull(),
    /** scheduled (24 h before) · escalation · final (at the start) · on_demand */
    trigger: text('trigger', { enum: ['scheduled', 'escalation', 'final', 'on_demand'] }).notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true, mode: 'date' }).notNull(),
    generatedBy: integer('generated_by'),
    /**
     * The snapshot as JSON text: written once and read whole, so it is kept as made — PostgreSQL builds
     * text JSON in half the time of `jsonb` and sends it back without converting it (issue 14).
     */
    content: json('content').notNull(),
    /** The ids the report lists, for the per-minute check of what a new version owes (reports/jobs.ts). */
    escalatedTaskIds: integer('escalated_task_ids').array().notNull().default(sql`'{}'`),
    alertIds: integer('alert_ids').array().notNull().default(sql`'{}'`),
  },
  (t) => [uniqueIndex('opening_reports_meeting_version_key').on(t.meetingId, t.version)],
);
