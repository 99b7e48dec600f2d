import { type SQL, sql } from 'drizzle-orm';

/**
 * The task lists of a version (`where` over `t` = tasks and `raised` = the meeting each was raised in);
 * `escalated` null for a weekly meeting, which lists none.
 */
export type ReportLists = { pending: SQL; completed: SQL; escalated: SQL | null };

const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A task as an opening report lists it (ReportTask in contract.ts): each field's name and its SQL over
 * `t` = the listed task — names, the overdue mark, how many supervision meetings before this one already
 * carried an escalated task, and the linked project's phase and latest progress (C3, as
 * projects/summaries.ts).
 */
const REPORT_TASK: [string, string][] = [
  ['id', 't.id'],
  ['raisedInMeetingId', 't.meeting_id'],
  ['meetingType', 't.meeting_type'],
  ['dimension', 't.dimension'],
  ['subjectType', 't.subject_type'],
  ['subjectId', 't.subject_id'],
  ['subjectName', `case when t.subject_type = 'track' then st.name else su.name end`],
  ['trackId', 't.track_id'],
  ['trackName', 'tr.name'],
  ['ownerId', 't.owner_id'],
  ['ownerName', 'ow.name'],
  ['month', 't.month'],
  ['background', 't.background'],
  ['description', 't.description'],
  ['deadline', utc('t.deadline')],
  ['status', 't.status'],
  ['overdue', 't.overdue'],
  ['escalated', '(t.escalated_at is not null)'],
  ['escalatedAt', utc('t.escalated_at')],
  [
    'meetingsCarried',
    'case when t.escalated_at is null then null else (select count(*)::int from supervisions o where o.starts_at > t.escalated_at) end',
  ],
  ['lateEntry', 't.late_entry'],
  ['extensions', 't.extensions'],
  ['reassignments', 't.reassignments'],
  ['completedAt', utc('t.completed_at')],
  ['completionNote', 't.completion_note'],
  ['confirmedAt', utc('t.confirmed_at')],
  ['closedAt', utc('t.closed_at')],
  ['closeReason', 't.close_reason'],
  ['originTaskId', 't.origin_task_id'],
  ['projectId', 't.project_id'],
  [
    'project',
    `case when p.id is null then null else jsonb_build_object('id', p.id, 'title', p.title, 'phase', p.phase,
      'latestProgress', case when lp.date is null or lp.text is null or lp.author_name is null then null
        else jsonb_build_object('date', lp.date, 'text', lp.text, 'authorName', lp.author_name) end) end`,
  ],
];
const TASK_COLUMNS = sql.raw(REPORT_TASK.map(([name, expression]) => `${expression} as "${name}"`).join(',\n  '));
const TASK_FIELDS = sql.raw(REPORT_TASK.map(([name]) => `o."${name}"`).join(', '));

/** Every listed task once per list it is in (1 pending, 2 completed or closed, 3 escalated), overdue as of `at`. */
function listed(lists: ReportLists, at: Date): SQL {
  const from = sql`from tasks t join meeting_occurrences raised on raised.id = t.meeting_id`;
  const row = sql`t.*, (t.status = 'pending' and t.deadline <= ${at}::timestamptz) as overdue`;
  const escalated = lists.escalated ? sql`union all select 3, ${row} ${from} where ${lists.escalated}` : sql``;
  return sql`select 1 as list, ${row} ${from} where ${lists.pending}
    union all select 2, ${row} ${from} where ${lists.completed} ${escalated}`;
}

/** A list as an array of task records, in the list's order (track name, deadline, id); empty, never null. */
const tasksOf = (list: 1 | 2 | 3) =>
  sql`array(select x from ordered o, lateral (select ${TASK_FIELDS}) x where o.list = ${sql.raw(String(list))} order by o.n)`;

/**
 * One row: `content`, the version's contents as JSON text, assembled where the rows are so a 2,500-task
 * snapshot never travels to Node and back (issue 14), and `escalated_ids`, the escalated tasks it lists.
 * `head` holds what Node already has (meeting, previous meeting, alerts, board), passed as JSON text and
 * written through unchanged. The whole snapshot is one record — task lists as arrays of records, counts as
 * a record — turned into JSON by a single `row_to_json`: one pass, where `jsonb_build_object`/`jsonb_agg`
 * per task would copy every task again at each level, and `to_jsonb` takes twice as long (it sorts every
 * object's keys and builds a tree before writing it out).
 */
export function snapshotQuery(head: Record<string, unknown>, lists: ReportLists, at: Date, before: Date): SQL {
  const heads = sql.join(
    Object.entries(head).map(([key, value]) => sql`${JSON.stringify(value)}::json as ${sql.identifier(key)}`),
    sql`, `,
  );
  return sql`with supervisions as materialized (
      select o.starts_at from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where s.type = 'supervision' and o.status = 'scheduled' and o.starts_at < ${before}::timestamptz),
    t as materialized (${listed(lists, at)}),
    latest as (
      select distinct on (g.project_id) g.project_id, g.date, g.text, u.name as author_name
      from project_progress g join users u on u.id = g.author_id
      where g.project_id in (select project_id from t)
      order by g.project_id, g.date desc, g.id desc),
    ordered as materialized (
      select t.list, row_number() over (partition by t.list order by tr.name, t.deadline, t.id) as n, ${TASK_COLUMNS}
      from t
      left join tracks tr on tr.id = t.track_id
      left join users ow on ow.id = t.owner_id
      left join tracks st on t.subject_type = 'track' and st.id = t.subject_id
      left join users su on t.subject_type = 'am' and su.id = t.subject_id
      left join projects p on p.id = t.project_id
      left join latest lp on lp.project_id = p.id),
    tally as (
      select count(*) filter (where list = 1) as pending, count(*) filter (where list = 2 and status = 'completed') as done,
        count(*) filter (where list = 2) as finished, count(*) filter (where list = 1 and overdue) as overdue,
        count(*) filter (where list = 3) as escalated, count(*) filter (where list = 3 and overdue) as escalated_overdue,
        count(*) filter (where "lateEntry") as late_entries,
        coalesce(sum(extensions), 0) as extensions, coalesce(sum(reassignments), 0) as reassignments
      from ordered)
    select row_to_json(c) as content, array(select id from ordered where list = 3) as escalated_ids from (
      select ${heads}, ${tasksOf(1)} as "pending", ${tasksOf(2)} as "completed", ${tasksOf(3)} as "escalated",
        array(select g from (
            select "trackId", min("trackName") as "trackName", count(*)::int as "count", min(n) as first
            from ordered where list = 3 group by "trackId") s,
          lateral (select s."trackId", s."trackName", s."count") g order by s.first) as "escalatedByTrack",
        (select k from (select pending as "pending", overdue as "overdue", done as "completed", finished - done as "closed",
          escalated as "escalated", escalated_overdue as "escalatedOverdue", late_entries as "lateEntries",
          extensions as "extensions", reassignments as "reassignments",
          -- the same double as done / (done + pending) in JavaScript (shortest round-trip digits)
          case when done + pending = 0 then null else done::float8 / (done + pending) end as "completionRate"
        ) k) as "counts"
      from tally) c`;
}
