import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Changer } from '../history/store.js';

const actorColumns = (actor: Changer) =>
  actor === 'system' ? sql`null::int, 'system'` : sql`${actor.id}::int, ${actor.kind}::text`;

/**
 * Deadlines follow their meeting (SPEC §4.2, §4.4): after a meeting of series S is moved, cancelled or
 * recreated by a cadence change, every task anchored to a meeting of S takes the start of that meeting,
 * or — when it was cancelled or recreated — of the first meeting of S not cancelled after the one it
 * was raised in (and after `now`: only future meetings change). Escalation moments of weekly tasks not
 * yet escalated follow the same way; an explicitly chosen (earlier or extended) deadline stays.
 * One statement per anchor kind, with history, in the caller's transaction.
 */
export async function followCalendar(db: Db, seriesId: number, actor: Changer, now: Date): Promise<number> {
  const deadlines = await followAnchor(db, seriesId, actor, now, 'deadline');
  const escalations = await followAnchor(db, seriesId, actor, now, 'escalation');
  const attachments = await reattachEscalations(db, actor, now);
  return deadlines + escalations + attachments;
}

async function followAnchor(
  db: Db,
  seriesId: number,
  actor: Changer,
  now: Date,
  kind: 'deadline' | 'escalation',
): Promise<number> {
  const [at, meeting, only] =
    kind === 'deadline'
      ? [sql.raw('deadline'), sql.raw('deadline_meeting_id'), sql`t.status = 'pending'`]
      : [sql.raw('escalation_due_at'), sql.raw('escalation_meeting_id'), sql`t.escalated_at is null`];
  const action = kind === 'deadline' ? 'deadline_followed_meeting' : 'escalation_moment_followed_meeting';
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with anchored as (
      select t.id, t.${at} as old_at, coalesce(
        (select o.id from meeting_occurrences o where o.id = t.${meeting} and o.status = 'scheduled'),
        (select o.id from meeting_occurrences o join meeting_occurrences raised on raised.id = t.meeting_id
          where o.series_id = t.series_id and o.status = 'scheduled'
            and o.starts_at > greatest(raised.starts_at, ${now}::timestamptz) order by o.starts_at limit 1)
      ) as meeting_id
      from tasks t where t.series_id = ${seriesId} and t.${meeting} is not null and ${only}
      for update of t
    ), moved as (
      update tasks t set ${at} = o.starts_at, ${meeting} = o.id, version = t.version + 1
      from anchored a join meeting_occurrences o on o.id = a.meeting_id
      where t.id = a.id and (t.${at} <> o.starts_at or t.${meeting} <> o.id)
      returning t.id, a.old_at, t.${at} as new_at, t.${meeting} as meeting_id
    ), logged as (
      insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after)
      select 'task', m.id, ${action}::text, ${actorColumns(actor)}, ${now}::timestamptz,
        jsonb_build_object(${kind}::text, m.old_at), jsonb_build_object(${kind}::text, m.new_at, 'meetingId', m.meeting_id)
      from moved m returning 1
    )
    select id from moved`,
  );
  return rows.length;
}

/**
 * An escalated task whose supervision meeting was cancelled — or recreated, or moved before the
 * escalation — attaches to the next supervision meeting that has not started (SPEC §4.4).
 */
async function reattachEscalations(db: Db, actor: Changer, now: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with loose as (
      select t.id, t.escalated_to_meeting_id as old_meeting,
        (select o.id from meeting_occurrences o join meeting_series s on s.id = o.series_id
          where s.type = 'supervision' and o.status = 'scheduled' and o.starts_at > greatest(t.escalated_at, ${now}::timestamptz)
          order by o.starts_at limit 1) as meeting_id
      from tasks t
      where t.escalated_at is not null and t.status = 'pending' and not exists (
        select 1 from meeting_occurrences o where o.id = t.escalated_to_meeting_id
          and o.status = 'scheduled' and o.starts_at > t.escalated_at)
      for update of t
    ), moved as (
      update tasks t set escalated_to_meeting_id = l.meeting_id, version = t.version + 1
      from loose l where t.id = l.id and l.meeting_id is distinct from l.old_meeting
      returning t.id, l.old_meeting, l.meeting_id
    ), logged as (
      insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after)
      select 'task', m.id, 'escalation_reattached', ${actorColumns(actor)}, ${now}::timestamptz,
        jsonb_build_object('escalatedToMeetingId', m.old_meeting), jsonb_build_object('escalatedToMeetingId', m.meeting_id)
      from moved m returning 1
    )
    select id from moved`,
  );
  return rows.length;
}
