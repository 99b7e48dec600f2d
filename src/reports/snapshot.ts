import { type SQL, sql } from 'drizzle-orm';

/**
 * The task lists of a version (`where` over `t` = tasks and `raised` = the meeting each was raised in);
 * `escalated` null for a weekly meeting, which lists none.
 */
export type ReportLists = { pending: SQL; completed: SQL; escalated: SQL | null };

const utc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * A task as an opening report lists it (ReportTask in contract.ts), built as `jsonb` where the rows are:
 * names, the overdue mark as of `at`, how many supervision meetings before `before` already carried an
 * escalated one, and the linked project's phase and latest progress (C3, as projects/summaries.ts).
 */
function reportTask(at: Date, before: Date): SQL {
  return sql`jsonb_build_object(
    'id', t.id, 'raisedInMeetingId', t.meeting_id, 'meetingType', t.meeting_type, 'dimension', t.dimension,
    'subjectType', t.subject_type, 'subjectId', t.subject_id,
    'subjectName', case when t.subject_type = 'track' then st.name else su.name end,
    'trackId', t.track_id, 'trackName', tr.name, 'ownerId', t.owner_id, 'ownerName', ow.name,
    'month', t.month, 'background', t.background, 'description', t.description, 'deadline', ${utc('t.deadline')},
    'status', t.status, 'overdue', (t.status = 'pending' and t.deadline <= ${at}::timestamptz),
    'escalated', (t.escalated_at is not null), 'escalatedAt', ${utc('t.escalated_at')},
    'meetingsCarried', case when t.escalated_at is null then null else (
      select count(*)::int from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where s.type = 'supervision' and o.status = 'scheduled'
        and o.starts_at > t.escalated_at and o.starts_at < ${before}::timestamptz) end,
    'lateEntry', t.late_entry, 'extensions', t.extensions, 'reassignments', t.reassignments,
    'completedAt', ${utc('t.completed_at')}, 'completionNote', t.completion_note,
    'confirmedAt', ${utc('t.confirmed_at')}, 'closedAt', ${utc('t.closed_at')}, 'closeReason', t.close_reason,
    'originTaskId', t.origin_task_id, 'projectId', t.project_id,
    'project', case when p.id is null then null else jsonb_build_object(
      'id', p.id, 'title', p.title, 'phase', p.phase,
      'latestProgress', case when lp.date is null or lp.text is null or lp.author_name is null then null
        else jsonb_build_object('date', lp.date, 'text', lp.text, 'authorName', lp.author_name) end) end)`;
}

/** Every listed task once per list it is in (1 pending, 2 completed or closed, 3 escalated). */
function listed(lists: ReportLists): SQL {
  const from = sql`from tasks t join meeting_occurrences raised on raised.id = t.meeting_id`;
  const escalated = lists.escalated ? sql`union all select 3, t.id ${from} where ${lists.escalated}` : sql``;
  return sql`select 1 as list, t.id ${from} where ${lists.pending}
    union all select 2, t.id ${from} where ${lists.completed} ${escalated}`;
}

/**
 * One row, one column `content`: the version's contents as `jsonb`, assembled where the rows are so a
 * 2,500-task snapshot never travels to Node and back (issue 14). `head` holds what Node already has
 * (meeting, previous meeting, alerts, board); the lists, escalatedByTrack and counts are built here,
 * each list ordered by track name, deadline and id, the groups by track in the order of the list.
 */
export function snapshotQuery(head: object, lists: ReportLists, at: Date, before: Date): SQL {
  const list = (n: number) =>
    sql`coalesce((select jsonb_agg(item order by n) from items where list = ${sql.raw(String(n))}), '[]'::jsonb)`;
  return sql`with items as (
      select l.list, t.track_id, tr.name as track_name, t.status, t.late_entry, t.extensions, t.reassignments,
        (t.status = 'pending' and t.deadline <= ${at}::timestamptz) as overdue,
        row_number() over (partition by l.list order by tr.name, t.deadline, t.id) as n,
        ${reportTask(at, before)} as item
      from (${listed(lists)}) l
      join tasks t on t.id = l.id
      left join tracks tr on tr.id = t.track_id
      left join users ow on ow.id = t.owner_id
      left join tracks st on t.subject_type = 'track' and st.id = t.subject_id
      left join users su on t.subject_type = 'am' and su.id = t.subject_id
      left join projects p on p.id = t.project_id
      left join lateral (
        select g.date, g.text, u.name as author_name from project_progress g join users u on u.id = g.author_id
        where g.project_id = p.id order by g.date desc, g.id desc limit 1) lp on true),
    tally as (
      select count(*) filter (where list = 1) as pending, count(*) filter (where list = 2 and status = 'completed') as done,
        count(*) filter (where list = 2) as finished, count(*) filter (where list = 1 and overdue) as overdue,
        count(*) filter (where list = 3) as escalated, count(*) filter (where list = 3 and overdue) as escalated_overdue,
        count(*) filter (where late_entry) as late_entries,
        coalesce(sum(extensions), 0) as extensions, coalesce(sum(reassignments), 0) as reassignments
      from items)
    select ${JSON.stringify(head)}::jsonb || jsonb_build_object(
      'pending', ${list(1)}, 'completed', ${list(2)}, 'escalated', ${list(3)},
      'escalatedByTrack', coalesce((
        select jsonb_agg(jsonb_build_object('trackId', track_id, 'trackName', track_name, 'count', c) order by first)
        from (select track_id, min(track_name) as track_name, count(*)::int as c, min(n) as first
          from items where list = 3 group by track_id) g), '[]'::jsonb),
      'counts', jsonb_build_object(
        'pending', pending, 'overdue', overdue, 'completed', done, 'closed', finished - done,
        'escalated', escalated, 'escalatedOverdue', escalated_overdue, 'lateEntries', late_entries,
        'extensions', extensions, 'reassignments', reassignments,
        -- the same double as done / (done + pending) in JavaScript (shortest round-trip digits)
        'completionRate', case when done + pending = 0 then null else done::float8 / (done + pending) end)
    ) as content
    from tally`;
}
