import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const PROJECT_TYPES = ['opportunity_anomaly', 'sales_forecast', 'other'] as const;
export const PROJECT_PHASES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

/** 专项PDCA (SPEC §4.7): tasks and forecast alerts link to a project instead of repeating its background. */
export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: text('type', { enum: PROJECT_TYPES }).notNull(),
    title: text('title').notNull(),
    trackId: integer('track_id'),
    ownerId: integer('owner_id').notNull(),
    phase: text('phase', { enum: PROJECT_PHASES }).notNull().default('plan'),
    description: text('description'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('projects_track_idx').on(t.trackId), index('projects_owner_idx').on(t.ownerId)],
);

/** One entry of a project's progress log (date, text, author); entries are never edited. */
export const projectProgress = pgTable(
  'project_progress',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    date: text('date').notNull(),
    text: text('text').notNull(),
    authorId: integer('author_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('project_progress_project_idx').on(t.projectId, t.id)],
);
