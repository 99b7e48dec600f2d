import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { escalatedAlertsFor } from '../alerts/report.js';
import { readBoard } from '../board/cache.js';
import { type Db, queryRows } from '../db/client.js';
import { meetingOccurrences, type meetingSeries } from '../meetings/schema.js';
import type { ReportContentDto, ReportCountsDto, ReportTaskDto } from './contract.js';
import { snapshotQuery } from './snapshot.js';

type TaskSummary = ReportTaskDto;

type Occurrence = typeof meetingOccurrences.$inferSelect;
type Series = typeof meetingSeries.$inferSelect;

/** The counts and contents of a version: the shapes of the API contract (contract.ts). */
export type ReportCounts = ReportCountsDto;
export type ReportContent = ReportContentDto;

/** The previous meeting of the series that took place (not cancelled) before this one. */
export async function previousMeeting(db: Db, occurrence: Occurrence): Promise<Occurrence | null> {
  const [previous] = await db
    .select()
    .from(meetingOccurrences)
    .where(
      and(
        eq(meetingOccurrences.seriesId, occurrence.seriesId),
        eq(meetingOccurrences.status, 'scheduled'),
        lt(meetingOccurrences.startsAt, occurrence.startsAt),
      ),
    )
    .orderBy(desc(meetingOccurrences.startsAt))
    .limit(1);
  return previous ?? null;
}

/** What a version is made of: the SQL that assembles its contents, the meeting it is of, the alerts it lists. */
export type ReportAssembly = { meeting: ReportContent['meeting']; query: SQL; alertIds: number[] };

/**
 * 开场报告 contents for meeting X of series S (SPEC §4.5), defined by meeting times, not by when the
 * report is made: tasks of S raised before X still pending; tasks of S completed or closed since the
 * start of the previous meeting of S; for a supervision meeting every escalated weekly task still
 * pending; the counts; the board of X's period (the kept one, board/cache.ts) with data-as-of per
 * source. `at` is the generation time. The task lists are assembled in SQL (snapshot.ts): a version
 * is stored by `insert … select` without the lists ever reaching Node.
 */
export async function reportAssembly(
  db: Db,
  occurrence: Occurrence,
  series: Series,
  at: Date,
): Promise<ReportAssembly> {
  const startsAt = occurrence.startsAt;
  const previous = await previousMeeting(db, occurrence);
  const since = previous?.startsAt ?? new Date(0);
  const ofSeries = sql`t.series_id = ${series.id}`;
  const meeting = {
    id: occurrence.id,
    seriesId: series.id,
    type: series.type,
    trackId: series.trackId,
    startsAt: startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    periodMonth: occurrence.periodMonth,
  };
  const supervision = series.type === 'supervision';
  const head = {
    meeting,
    previousMeetingStartsAt: previous?.startsAt.toISOString() ?? null,
    alerts: supervision ? await escalatedAlertsFor(db, since, startsAt) : [],
    board: await readBoard(db, occurrence.periodMonth, 'month'),
  };
  const lists = {
    pending: sql`${ofSeries} and t.status = 'pending' and raised.starts_at < ${startsAt}::timestamptz`,
    completed: sql`${ofSeries} and t.status in ('completed', 'closed') and coalesce(t.completed_at, t.closed_at) >= ${since}::timestamptz`,
    escalated: supervision
      ? sql`t.meeting_type = 'weekly' and t.status = 'pending' and t.escalated_at < ${startsAt}::timestamptz`
      : null,
  };
  return { meeting, query: snapshotQuery(head, lists, at, startsAt), alertIds: head.alerts.map((a) => a.id) };
}

/** The contents a version made at `at` would hold, read into Node (the preview shows them unstored). */
export async function reportContent(db: Db, occurrence: Occurrence, series: Series, at: Date): Promise<ReportContent> {
  const { query } = await reportAssembly(db, occurrence, series, at);
  const [row] = await queryRows<{ content: ReportContent }>(db, query);
  return row!.content;
}

export function countsOf(pending: TaskSummary[], completed: TaskSummary[], escalated: TaskSummary[]): ReportCounts {
  const all = [...pending, ...completed, ...escalated];
  const done = completed.filter((t) => t.status === 'completed').length;
  const sum = (key: 'extensions' | 'reassignments') => all.reduce((n, t) => n + t[key], 0);
  return {
    pending: pending.length,
    // Each part counts within its whole: overdue ≤ pending, escalatedOverdue ≤ escalated (issue 13, item 5).
    overdue: pending.filter((t) => t.overdue).length,
    completed: done,
    closed: completed.length - done,
    escalated: escalated.length,
    escalatedOverdue: escalated.filter((t) => t.overdue).length,
    lateEntries: all.filter((t) => t.lateEntry).length,
    extensions: sum('extensions'),
    reassignments: sum('reassignments'),
    completionRate: done + pending.length === 0 ? null : done / (done + pending.length),
  };
}

/**
 * A stored version as it is shown: its lists as frozen, its counts derived from those lists, so versions
 * stored before a count was (re)defined read the same way as new ones (issue 13, item 5).
 */
export function storedContent(stored: unknown): ReportContent {
  const content = stored as ReportContent;
  return {
    ...content,
    alerts: content.alerts ?? [],
    counts: countsOf(content.pending, content.completed, content.escalated),
  };
}
