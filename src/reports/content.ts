import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { escalatedAlertsFor } from '../alerts/report.js';
import { buildBoard } from '../board/board.js';
import type { Db } from '../db/client.js';
import { meetingOccurrences, type meetingSeries } from '../meetings/schema.js';
import type { ReportContentDto, ReportCountsDto } from './contract.js';
import { type TaskSummary, taskSummaries } from './summaries.js';

type Occurrence = typeof meetingOccurrences.$inferSelect;
type Series = typeof meetingSeries.$inferSelect;

/** The counts and contents of a version: the shapes of the API contract (contract.ts). */
export type ReportCounts = ReportCountsDto;
export type ReportContent = ReportContentDto;

/** The previous meeting of the series that took place (not cancelled) before this one. */
async function previousMeeting(db: Db, occurrence: Occurrence): Promise<Occurrence | null> {
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

/**
 * 开场报告 contents for meeting X of series S (SPEC §4.5), defined by meeting times, not by when the
 * report is made: tasks of S raised before X still pending; tasks of S completed or closed since the
 * start of the previous meeting of S; for a supervision meeting every escalated weekly task still
 * pending; the counts; the board of X's period with data-as-of per source. `at` is the generation time.
 */
export async function reportContent(db: Db, occurrence: Occurrence, series: Series, at: Date): Promise<ReportContent> {
  const startsAt = occurrence.startsAt;
  const previous = await previousMeeting(db, occurrence);
  const since = previous?.startsAt ?? new Date(0);
  const ofSeries = sql`t.series_id = ${series.id}`;
  const pending = await taskSummaries(
    db,
    sql`${ofSeries} and t.status = 'pending' and raised.starts_at < ${startsAt}::timestamptz`,
    at,
    startsAt,
  );
  const completed = await taskSummaries(
    db,
    sql`${ofSeries} and t.status in ('completed', 'closed') and coalesce(t.completed_at, t.closed_at) >= ${since}::timestamptz`,
    at,
    startsAt,
  );
  const escalated =
    series.type === 'supervision'
      ? await taskSummaries(
          db,
          sql`t.meeting_type = 'weekly' and t.status = 'pending' and t.escalated_at < ${startsAt}::timestamptz`,
          at,
          startsAt,
        )
      : [];
  return {
    meeting: {
      id: occurrence.id,
      seriesId: series.id,
      type: series.type,
      trackId: series.trackId,
      startsAt: startsAt.toISOString(),
      endsAt: occurrence.endsAt.toISOString(),
      periodMonth: occurrence.periodMonth,
    },
    previousMeetingStartsAt: previous?.startsAt.toISOString() ?? null,
    pending,
    completed,
    escalated,
    escalatedByTrack: byTrack(escalated),
    alerts: series.type === 'supervision' ? await escalatedAlertsFor(db, since, startsAt) : [],
    counts: countsOf(pending, completed, escalated),
    board: await buildBoard(db, occurrence.periodMonth, 'month'),
  };
}

function byTrack(tasks: TaskSummary[]) {
  const groups = new Map<number, { trackId: number; trackName: string | null; count: number }>();
  for (const t of tasks) {
    const group = groups.get(t.trackId) ?? { trackId: t.trackId, trackName: t.trackName, count: 0 };
    group.count += 1;
    groups.set(t.trackId, group);
  }
  return [...groups.values()];
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
