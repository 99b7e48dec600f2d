import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { tasks } from './schema.js';
import { taskListScope, taskSqlScope } from './scope.js';

export type TaskFilter = {
  ownerId?: number;
  status?: 'pending' | 'completed' | 'closed';
  type?: 'supervision' | 'weekly';
  escalated?: boolean;
  overdue?: boolean;
  trackId?: number;
  meetingId?: number;
};

/** Lists tasks in scope with the SPEC §9 filters; overdue is evaluated against `now`, as everywhere. */
export async function listTasks(db: Db, actor: Actor, filter: TaskFilter, now: Date, afterId: number, limit: number) {
  const where: (SQL | undefined)[] = [gt(tasks.id, afterId), taskSqlScope(actor)];
  if (filter.ownerId) where.push(eq(tasks.ownerId, filter.ownerId));
  if (filter.status) where.push(eq(tasks.status, filter.status));
  if (filter.type) where.push(eq(tasks.meetingType, filter.type));
  if (filter.trackId) where.push(eq(tasks.trackId, filter.trackId));
  if (filter.meetingId) where.push(eq(tasks.meetingId, filter.meetingId));
  if (filter.escalated !== undefined)
    where.push(filter.escalated ? isNotNull(tasks.escalatedAt) : isNull(tasks.escalatedAt));
  if (filter.overdue === true) where.push(and(eq(tasks.status, 'pending'), lte(tasks.deadline, now)));
  if (filter.overdue === false) where.push(or(sql`${tasks.status} <> 'pending'`, gt(tasks.deadline, now)));
  return db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(asc(tasks.id))
    .limit(limit + 1);
}

/** Tasks by id, unscoped: for callers that already checked the scope of what lists them (opening reports). */
export async function tasksByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(tasks).where(inArray(tasks.id, ids));
}

/** An instant as `Date.prototype.toISOString` writes it, made by PostgreSQL (both truncate to the millisecond). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// What the list answer shows, under the presenter's names; instants arrive as ISO text, so no Date is
// made or formatted per row. The series and the meetings a deadline or escalation follows stay unread.
const LIST_COLUMNS = `id, meeting_id as "meetingId", meeting_type as "meetingType", track_id as "trackId", dimension,
  subject_type as "subjectType", subject_id as "subjectId", month, background, background_facts as "backgroundFacts",
  description, owner_id as "ownerId", ${iso('deadline')} as deadline, status, ${iso('escalated_at')} as "escalatedAt",
  escalated_to_meeting_id as "escalatedToMeetingId", ${iso('escalation_due_at')} as "escalationDueAt",
  late_entry as "lateEntry", extensions, reassignments, project_id as "projectId", origin_task_id as "originTaskId",
  ${iso('created_at')} as "createdAt", created_by as "createdBy", ${iso('completed_at')} as "completedAt",
  completion_note as "completionNote", ${iso('confirmed_at')} as "confirmedAt", ${iso('closed_at')} as "closedAt",
  close_reason as "closeReason", on_behalf_of_id as "onBehalfOfId", version`;

type Instants =
  | 'deadline'
  | 'escalatedAt'
  | 'escalationDueAt'
  | 'createdAt'
  | 'completedAt'
  | 'confirmedAt'
  | 'closedAt';
type TaskRow = typeof tasks.$inferSelect;
/** A task as the list reads it: the fields the API shows, instants as ISO-8601 text. */
export type TaskListRow = Omit<TaskRow, Instants | 'seriesId' | 'deadlineMeetingId' | 'escalationMeetingId'> & {
  [K in Instants]: TaskRow[K] extends Date ? string : string | null;
};

/**
 * The list's statement for one shape of request (scope and the filters given), with the values in
 * order. The name follows from the shape alone, so PostgreSQL prepares each shape once per connection.
 */
function listStatement(actor: Actor, filter: TaskFilter, now: Date, afterId: number, limit: number) {
  const values: unknown[] = [afterId, limit + 1];
  const where = ['id > $1'];
  const shape: string[] = [];
  const add = (key: string, clause: (...refs: string[]) => string, ...params: unknown[]) => {
    const refs = params.map((value) => `$${values.push(value)}`);
    where.push(clause(...refs));
    shape.push(key);
  };
  const scope = taskListScope(actor);
  if (scope === 'none') add('none', () => 'false');
  else if (scope !== 'all' && scope.trackId === null) add('own', (o) => `owner_id = ${o}`, scope.ownerId);
  else if (scope !== 'all')
    add('track', (t, o) => `(track_id = ${t} or owner_id = ${o})`, scope.trackId, scope.ownerId);
  if (filter.ownerId) add('o', (v) => `owner_id = ${v}`, filter.ownerId);
  if (filter.status) add('s', (v) => `status = ${v}`, filter.status);
  if (filter.type) add('t', (v) => `meeting_type = ${v}`, filter.type);
  if (filter.trackId) add('tr', (v) => `track_id = ${v}`, filter.trackId);
  if (filter.meetingId) add('m', (v) => `meeting_id = ${v}`, filter.meetingId);
  if (filter.escalated === true) add('e1', () => 'escalated_at is not null');
  if (filter.escalated === false) add('e0', () => 'escalated_at is null');
  const at = now.toISOString();
  if (filter.overdue === true) add('d1', (n) => `(status = 'pending' and deadline <= ${n}::timestamptz)`, at);
  if (filter.overdue === false) add('d0', (n) => `(status <> 'pending' or deadline > ${n}::timestamptz)`, at);
  const text = `select ${LIST_COLUMNS} from tasks where ${where.join(' and ')} order by id limit $2`;
  return { name: `tasks_list_${shape.join('_')}`, text, values };
}

/**
 * `listTasks` for GET /tasks: the same tasks in the same order (test/api/tasks-list.test.ts holds the
 * two together), read as a prepared statement without the ORM and without the columns the answer
 * lacks — per request the ORM's query building and row mapping cost more than the query itself.
 */
export async function listTaskPage(
  database: Database,
  actor: Actor,
  filter: TaskFilter,
  now: Date,
  afterId: number,
  limit: number,
): Promise<TaskListRow[]> {
  const { name, text, values } = listStatement(actor, filter, now, afterId, limit);
  return database.query<TaskListRow>(text, values, name);
}
