import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MEETING_TYPES = ['supervision', 'weekly'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Cadence of a series, in the configured time zone. */
export type Cadence =
  | { kind: 'monthly_nth_weekday'; nth: number; weekday: number; start: string; end: string }
  | { kind: 'weekly'; weekday: number; start: string; end: string };

/** 月度销售督导会 (one, company-wide) and one 赛道周会 per track (SPEC §4.1). */
export const meetingSeries = pgTable(
  'meeting_series',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: text('type', { enum: MEETING_TYPES }).notNull(),
    trackId: integer('track_id'),
    cadence: jsonb('cadence').$type<Cadence>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meeting_series_track_key').on(t.trackId),
    // Exactly one supervision series.
    uniqueIndex('meeting_series_supervision_key').on(t.type).where(sql`${t.type} = 'supervision'`),
    check(
      'meeting_series_type_track_check',
      sql`(${t.type} = 'supervision' and ${t.trackId} is null) or (${t.type} = 'weekly' and ${t.trackId} is not null)`,
    ),
  ],
);

/**
 * One meeting of a series, stored ahead (SPEC §4.1): a stable id, when it starts and ends, the board
 * period it reviews. `slot` is the cadence slot it came from; a moved meeting keeps it and is marked.
 */
export const meetingOccurrences = pgTable(
  'meeting_occurrences',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    seriesId: integer('series_id')
      .notNull()
      .references(() => meetingSeries.id),
    slot: timestamp('slot', { withTimezone: true, mode: 'date' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    periodMonth: text('period_month').notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    movedByHand: boolean('moved_by_hand').notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('meeting_occurrences_slot_key').on(t.seriesId, t.slot),
    index('meeting_occurrences_starts_idx').on(t.startsAt),
  ],
);
