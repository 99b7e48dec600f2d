import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { insertOnce } from './store.js';

const JOB = 'task_reminders';

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const deadlineIso = iso(sql`t.deadline`);

/** The columns of a task notice: kind, params (description, deadline), link, dedupe key, when. */
function taskNotice(kind: string, key: SQL, at: SQL, withDeadline = true): SQL {
  const deadline = withDeadline ? sql`, 'deadline', ${deadlineIso}` : sql``;
  return sql`${kind}::text as kind,
    jsonb_build_object('taskId', t.id, 'description', left(t.description, 200)${deadline}) as params,
    '/tasks/' || t.id as link, 'task:' || t.id || ${key} as dedupe_key, ${at} as created_at`;
}

/** The owner and the chair of the meeting that will see the task: a weekly task's track director, else the CEO. */
const ownerAndChair = sql`select t.owner_id
  union all select tr.director_id from tracks tr where t.meeting_type = 'weekly' and tr.id = t.track_id
  union all select u.id from users u where t.meeting_type = 'supervision' and u.role = 'ceo' and u.active`;

/**
 * 24 h before the deadline, the owner (SPEC §4.2). Only deadlines still ahead at the due moment: after
 * downtime a deadline already past gets its overdue notice, never a stale reminder. A new deadline (an
 * extension) is a new event and reminds again.
 */
const dueSoon = (dueAt: string) => sql`select t.owner_id as user_id,
    ${taskNotice('task_due_soon', sql`':due:' || ${deadlineIso}`, sql`${dueAt}::timestamptz`)}
  from tasks t
  where t.status = 'pending' and t.deadline > ${dueAt}::timestamptz
    and t.deadline <= ${dueAt}::timestamptz + interval '24 hours'`;

/** Where the previous run left off: its due moment less the slack, and the last task entered by then. */
type Since = { at: string; lastTaskId: number };

/**
 * Pending tasks that became overdue since the previous run — deadlines passed in the window, and tasks
 * entered since then already past their deadline (late entry) — so a run stays cheap however many
 * tasks are open. The first run ever looks at every overdue task.
 */
function overdueTasks(dueAt: string, since: Since | null): SQL {
  const overdue = sql`status = 'pending' and deadline <= ${dueAt}::timestamptz`;
  if (!since) return sql`select * from tasks where ${overdue}`;
  return sql`select * from tasks where ${overdue} and id in (
    select id from tasks where ${overdue} and deadline > ${since.at}::timestamptz
    union select id from tasks where ${overdue} and id > ${since.lastTaskId})`;
}

/** Overdue: owner and chair, dated when the task became overdue. */
const overdue = (dueAt: string, since: Since | null) => sql`select r.user_id,
    ${taskNotice('task_overdue', sql`':overdue:' || ${deadlineIso}`, sql`greatest(t.deadline, t.created_at)`)}
  from (${overdueTasks(dueAt, since)}) t cross join lateral (${ownerAndChair}) r(user_id)`;

/** Every task notice due at `dueAt`; `since` bounds the overdue window (null: no bound). */
export const taskDeadlineNotices = (dueAt: string, since: Since | null): SQL =>
  sql`${dueSoon(dueAt)} union all ${overdue(dueAt, since)}`;

/**
 * The window starts 5 minutes before the previous run (changes that committed late still fall in it);
 * read in statements of their own, so its bounds reach the planner as constants.
 */
async function sinceLastRun(db: Db, dueAt: Date): Promise<Since | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(
    db,
    sql`select max(due_at) - interval '5 minutes' as at from job_runs
      where job = ${JOB} and due_at < ${dueAt.toISOString()}::timestamptz`,
  );
  if (!row?.at) return null;
  const at = new Date(row.at).toISOString();
  // Newest first by id: only the tasks entered since `at` are stepped over.
  const [last] = await queryRows<{ id: number }>(
    db,
    sql`select id from tasks where created_at <= ${at}::timestamptz order by id desc limit 1`,
  );
  return { at, lastTaskId: last?.id ?? 0 };
}

/**
 * Reminders and notices of task deadlines (SPEC §4.2, §5), evaluated at the due moment, set-based.
 * (任务已升级 notices are written by the escalation statement itself, with the mark.)
 */
export async function notifyTaskDeadlines(db: Db, dueAt: Date): Promise<Record<string, number>> {
  const since = await sinceLastRun(db, dueAt);
  const rows = await queryRows<{ kind: string }>(db, insertOnce(taskDeadlineNotices(dueAt.toISOString(), since)));
  const counts: Record<string, number> = { task_due_soon: 0, task_overdue: 0 };
  for (const row of rows) counts[row.kind] = (counts[row.kind] ?? 0) + 1;
  return counts;
}

/** Every minute of the clock, after the escalation job; a catch-up runs once, at the latest minute. */
export const taskRemindersJob: JobDefinition = {
  name: JOB,
  ...EVERY_MINUTE,
  run: async (tx, dueAt) => notifyTaskDeadlines(tx, dueAt),
};
