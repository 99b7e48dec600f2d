import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { projectSummaries } from '../projects/summaries.js';
import type { ReportTaskDto } from './contract.js';

/** A task as an opening report lists it: enough to discuss it without opening it (the contract's shape). */
export type TaskSummary = ReportTaskDto;

const utc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The tasks that match `where` (over `t` = tasks and `raised` = the meeting each was raised in), with
 * names, the overdue mark as of `at`, how many supervision meetings before `before` already carried an
 * escalated one, and the linked project's phase and latest progress (C3) — two queries in all.
 */
export async function taskSummaries(db: Db, where: SQL, at: Date, before: Date): Promise<TaskSummary[]> {
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
