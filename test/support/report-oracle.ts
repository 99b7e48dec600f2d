import { type SQL, sql } from 'drizzle-orm';
import { escalatedAlertsFor } from '../../src/alerts/report.js';
import { buildBoard } from '../../src/board/board.js';
import { type Db, queryRows } from '../../src/db/client.js';
import type { meetingOccurrences, meetingSeries } from '../../src/meetings/schema.js';
import { projectSummaries } from '../../src/projects/summaries.js';
import { countsOf, previousMeeting, type ReportContent } from '../../src/reports/content.js';
import type { ReportTaskDto } from '../../src/reports/contract.js';

/**
 * The opening report's contents as they were assembled in TypeScript before issue 14 moved the assembly
 * into SQL (src/reports/snapshot.ts): kept here, unchanged, as the oracle the SQL snapshot must equal.
 * The board is computed afresh (buildBoard), as it was then, so the comparison also shows that the kept
 * board (readBoard) gives the same numbers.
 */
type Occurrence = typeof meetingOccurrences.$inferSelect;
type Series = typeof meetingSeries.$inferSelect;
type TaskSummary = ReportTaskDto;

const utc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

async function taskSummaries(db: Db, where: SQL, at: Date, before: Date): Promise<TaskSummary[]> {
  const rows = await queryRows<Omit<TaskSummary, 'project'>>(
    db,
    sql`select t.id, t.meeting_id as "raisedInMeetingId", t.meeting_type as "meetingType", t.dimension,
        t.subject_type as "subjectType", t.subject_id as "subjectId",
        case when t.subject_type = 'track' then st.name else su.name end as "subjectName",
        t.track_id as "trackId", tr.name as "trackName", t.owner_id as "ownerId", ow.name as "ownerName",
        t.month, t.background, t.description, ${utc('t.deadline')} as deadline, t.status,
        (t.status = 'pending' and t.deadline <= ${at}::timestamptz) as overdue,
        (t.escalated_at is not null) as escalated, ${utc('t.escalated_at')} as "escalatedAt",
        case when t.escalated_at is null then null else (
          select count(*)::int from meeting_occurrences o join meeting_series s on s.id = o.series_id
          where s.type = 'supervision' and o.status = 'scheduled'
            and o.starts_at > t.escalated_at and o.starts_at < ${before}::timestamptz) end as "meetingsCarried",
        t.late_entry as "lateEntry", t.extensions, t.reassignments,
        ${utc('t.completed_at')} as "completedAt", t.completion_note as "completionNote",
        ${utc('t.confirmed_at')} as "confirmedAt", ${utc('t.closed_at')} as "closedAt", t.close_reason as "closeReason",
        t.origin_task_id as "originTaskId", t.project_id as "projectId"
      from tasks t
      join meeting_occurrences raised on raised.id = t.meeting_id
      left join tracks tr on tr.id = t.track_id
      left join users ow on ow.id = t.owner_id
      left join tracks st on t.subject_type = 'track' and st.id = t.subject_id
      left join users su on t.subject_type = 'am' and su.id = t.subject_id
      where ${where}
      order by tr.name, t.deadline, t.id`,
  );
  const projects = await projectSummaries(
    db,
    rows.flatMap((r) => (r.projectId ? [r.projectId] : [])),
  );
  return rows.map((r) => ({ ...r, project: r.projectId ? (projects.get(r.projectId) ?? null) : null }));
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

export async function oracleReportContent(
  db: Db,
  occurrence: Occurrence,
  series: Series,
  at: Date,
): Promise<ReportContent> {
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
