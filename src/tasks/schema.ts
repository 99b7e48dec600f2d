import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { BackgroundFacts } from './background-text.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 任务: an action item raised in a meeting from a board row (SPEC §4.2). */
export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id').notNull(),
    seriesId: integer('series_id').notNull(),
    meetingType: text('meeting_type', { enum: ['supervision', 'weekly'] }).notNull(),
    trackId: integer('track_id').notNull(),
    dimension: integer('dimension').notNull(),
    subjectType: text('subject_type', { enum: ['track', 'am'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    month: text('month').notNull(),
    background: text('background').notNull(),
    /** What the board showed, rendered per reader (background-text.ts); null for rows it could not be read from. */
    backgroundFacts: jsonb('background_facts').$type<BackgroundFacts>(),
    description: text('description').notNull(),
    ownerId: integer('owner_id').notNull(),
    deadline: instant('deadline').notNull(),
    /** The meeting whose start is the deadline (it follows that meeting when moved); null for an earlier, chosen deadline. */
    deadlineMeetingId: integer('deadline_meeting_id'),
    status: text('status', { enum: ['pending', 'completed', 'closed'] })
      .notNull()
      .default('pending'),
    escalationDueAt: instant('escalation_due_at'),
    escalationMeetingId: integer('escalation_meeting_id'),
    escalatedAt: instant('escalated_at'),
    escalatedToMeetingId: integer('escalated_to_meeting_id'),
    lateEntry: boolean('late_entry').notNull().default(false),
    extensions: integer('extensions').notNull().default(0),
    reassignments: integer('reassignments').notNull().default(0),
    projectId: integer('project_id'),
    originTaskId: integer('origin_task_id'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    onBehalfOfId: integer('on_behalf_of_id'),
    completedAt: instant('completed_at'),
    completionNote: text('completion_note'),
    confirmedAt: instant('confirmed_at'),
    closedAt: instant('closed_at'),
    closeReason: text('close_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('tasks_owner_idx').on(t.ownerId, t.status),
    index('tasks_track_idx').on(t.trackId, t.status),
    index('tasks_meeting_idx').on(t.meetingId),
    index('tasks_series_idx').on(t.seriesId, t.createdAt),
    index('tasks_escalated_meeting_idx').on(t.escalatedToMeetingId),
    // The per-minute reminder job reads open deadlines and escalated open tasks by these two.
    index('tasks_pending_deadline_idx').on(t.deadline).where(sql`${t.status} = 'pending'`),
    index('tasks_pending_escalated_idx')
      .on(t.escalatedAt)
      .where(sql`${t.status} = 'pending' and ${t.escalatedAt} is not null`),
    index('tasks_escalation_idx')
      .on(t.escalationDueAt)
      .where(sql`${t.status} = 'pending' and ${t.escalatedAt} is null`),
    check('tasks_dimension_check', sql`${t.dimension} between 1 and 8`),
  ],
);
