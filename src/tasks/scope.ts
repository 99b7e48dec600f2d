/**
 * Who sees and who decides a task (SPEC §2, §4.2, §4.4) — the one home of these rules. The pure
 * predicates decide single tasks and the `can` flags the API sends with each task; `taskSqlScope` is
 * their SQL mirror for lists and must say the same thing.
 */
import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../org/permissions.js';
import { hasRole, inTrack, personOf, seesEverything } from '../org/scope.js';
import { tasks } from './schema.js';

export type TaskFacts = {
  meetingType: 'supervision' | 'weekly';
  trackId: number;
  ownerId: number;
  status: 'pending' | 'completed' | 'closed';
  /** Instants as dates, or as ISO-8601 text where a list read them so (only their presence counts here). */
  escalatedAt: Date | string | null;
  escalatedToMeetingId: number | null;
  confirmedAt: Date | string | null;
};

/** Which tasks a caller sees: all (CEO, secretary, admin), their track's and their own (director), their own. */
export type TaskScope = 'all' | 'track_and_own' | 'own' | 'none';

export function taskScopeOf(actor: Actor): TaskScope {
  const person = personOf(actor);
  if (!person) return 'none';
  if (seesEverything(actor)) return 'all';
  return person.role === 'director' ? 'track_and_own' : 'own';
}

export function canSeeTask(actor: Actor, task: Pick<TaskFacts, 'trackId' | 'ownerId'>): boolean {
  const scope = taskScopeOf(actor);
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  return task.ownerId === actor.id || (scope === 'track_and_own' && inTrack(actor, task.trackId, 'director'));
}

/**
 * What a list keeps of `canSeeTask`: every task, none, or the caller's own (`ownerId`) plus, for a
 * director, their track's (`trackId`; -1 for a director without one). Both SQL forms below read it.
 */
export type TaskListScope = 'all' | 'none' | { ownerId: number; trackId: number | null };

export function taskListScope(actor: Actor): TaskListScope {
  const scope = taskScopeOf(actor);
  if (scope === 'all' || scope === 'none') return scope;
  return { ownerId: actor.id, trackId: scope === 'own' ? null : (personOf(actor)?.trackId ?? -1) };
}

/** The SQL twin of `canSeeTask`, for lists (undefined: no restriction). */
export function taskSqlScope(actor: Actor): SQL | undefined {
  const scope = taskListScope(actor);
  if (scope === 'all') return undefined;
  if (scope === 'none') return sql`false`;
  if (scope.trackId === null) return eq(tasks.ownerId, scope.ownerId);
  return or(eq(tasks.trackId, scope.trackId), eq(tasks.ownerId, scope.ownerId));
}

/** While an escalated weekly task is pending it belongs to the supervision meeting (§4.4). */
export const atSupervision = (task: Pick<TaskFacts, 'meetingType' | 'escalatedAt' | 'status'>) =>
  task.meetingType === 'supervision' || (task.escalatedAt !== null && task.status === 'pending');

/**
 * Who decides on a task (D1): the CEO — or the secretary, on her behalf — for supervision tasks and
 * for escalated weekly tasks still pending; the track's director for other weekly ones, and the CEO
 * too once a weekly task was escalated. `on_behalf` means the decision is recorded for the CEO.
 */
export function chairOfTask(
  actor: Actor,
  task: Pick<TaskFacts, 'meetingType' | 'escalatedAt' | 'status' | 'trackId'>,
): 'self' | 'on_behalf' | null {
  if (atSupervision(task)) {
    if (hasRole(actor, 'ceo')) return 'self';
    return hasRole(actor, 'secretary') ? 'on_behalf' : null;
  }
  if (inTrack(actor, task.trackId, 'director')) return 'self';
  return hasRole(actor, 'ceo') && task.escalatedAt !== null ? 'self' : null;
}

/** Owners never move their own deadline: moving dates to dodge review is the classic failure. */
export const mayExtendAsOwner = (actor: Actor, task: Pick<TaskFacts, 'ownerId'>) =>
  !(actor.kind === 'user' && task.ownerId === actor.id);

/** 重新派发 is the CEO's decision at the supervision meeting; the secretary records it for her. */
export const mayRedispatch = (actor: Actor) => hasRole(actor, 'ceo', 'secretary');

export const isRedispatchable = (task: Pick<TaskFacts, 'meetingType' | 'escalatedAt' | 'escalatedToMeetingId'>) =>
  task.meetingType === 'weekly' && task.escalatedAt !== null && task.escalatedToMeetingId !== null;

/** C1: only the owner marks the task done. */
export const mayComplete = (actor: Actor, task: Pick<TaskFacts, 'ownerId'>) =>
  actor.kind === 'user' && task.ownerId === actor.id;

/** What the caller may do with the task as it stands now — the buttons the screens show. */
export function taskCan(actor: Actor, task: TaskFacts) {
  const chairAs = canSeeTask(actor, task) ? chairOfTask(actor, task) : null;
  const chair = chairAs !== null;
  const pending = task.status === 'pending';
  const completed = task.status === 'completed';
  return {
    complete: pending && mayComplete(actor, task),
    extend: chair && pending && mayExtendAsOwner(actor, task),
    reassign: chair && pending,
    revise: chair && (pending || completed),
    close: chair && pending,
    confirm: chair && completed && task.confirmedAt === null,
    reopen: chair && completed,
    redispatch: pending && mayRedispatch(actor) && isRedispatchable(task) && canSeeTask(actor, task),
    decidesOnBehalf: chairAs === 'on_behalf',
  };
}
