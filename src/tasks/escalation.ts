import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';

/**
 * 任务升级 (SPEC §4.4): every weekly task still pending at its escalation moment is marked escalated
 * — once, in one statement, whoever is online — with `escalatedAt` the trigger moment (also when a run
 * catches up after downtime) and attached to the first supervision meeting not started by then.
 */
export async function escalateDueWeeklyTasks(db: Db, dueAt: Date): Promise<number> {
  return escalate(
    db,
    sql`t.escalation_due_at <= ${dueAt}::timestamptz`,
    sql`greatest(t.escalation_due_at, t.created_at)`,
  );
}

/** A task reopened after its escalation moment that never escalated escalates when reopened (SPEC §4.4). */
export async function escalateReopened(db: Db, taskId: number, at: Date): Promise<boolean> {
  const n = await escalate(
    db,
    sql`t.id = ${taskId} and t.escalation_due_at <= ${at}::timestamptz`,
    sql`${at}::timestamptz`,
  );
  return n > 0;
}

/**
 * Marks the chosen weekly tasks escalated at `moment` — the trigger moment: the escalation moment, or
 * the entry of a task born after it (late entry), or a reopening — attached to the first supervision
 * meeting not started by then, with history, in one statement.
 */
async function escalate(db: Db, which: SQL, moment: SQL): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with due as (
      select t.id, ${moment} as escalated_at
      from tasks t
      where t.meeting_type = 'weekly' and t.status = 'pending' and t.escalated_at is null and ${which}
      for update of t skip locked
    ), attached as (
      select due.id, due.escalated_at,
        (select o.id from meeting_occurrences o join meeting_series s on s.id = o.series_id
          where s.type = 'supervision' and o.status = 'scheduled' and o.starts_at > due.escalated_at
          order by o.starts_at limit 1) as meeting_id
      from due
    ), marked as (
      update tasks t set escalated_at = a.escalated_at, escalated_to_meeting_id = a.meeting_id, version = t.version + 1
      from attached a where t.id = a.id
      returning t.id, t.escalated_at, t.escalated_to_meeting_id, t.owner_id, t.track_id, t.description
    ), notified as (
      -- 任务已升级 to the owner, the track's director and the CEO (SPEC §4.2), once, with the mark itself
      insert into notifications (user_id, kind, params, link, dedupe_key, created_at)
      select distinct r.user_id, 'task_escalated', jsonb_build_object('taskId', m.id, 'description', left(m.description, 200)),
        '/tasks/' || m.id, 'task:' || m.id || ':escalated', m.escalated_at
      from marked m cross join lateral (
        select m.owner_id union all select tr.director_id from tracks tr where tr.id = m.track_id
        union all select u.id from users u where u.role = 'ceo' and u.active) r(user_id)
      where r.user_id is not null
      on conflict (user_id, dedupe_key) do nothing
      returning 1
    ), logged as (
      insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after)
      select 'task', m.id, 'escalated', null, 'system', m.escalated_at, jsonb_build_object('escalated', false),
        jsonb_build_object('escalated', true, 'escalatedAt', m.escalated_at, 'escalatedToMeetingId', m.escalated_to_meeting_id)
      from marked m
      returning 1
    )
    select id from marked`,
  );
  return rows.length;
}

/** Runs every minute of the clock; a catch-up after downtime runs once and escalates at the trigger moments. */
export const taskEscalationJob: JobDefinition = {
  name: 'task_escalation',
  ...EVERY_MINUTE,
  run: async (tx, dueAt) => ({ escalated: await escalateDueWeeklyTasks(tx, dueAt) }),
};
