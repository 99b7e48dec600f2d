// What the task screens offer mirrors the server's rules (SPEC §2, §4.2, §4.4); the server still decides.
import type { DecisionKind, TaskDto } from '../../api/tasks';
import type { SessionUser } from '../../api/types';

type TaskFacts = Pick<TaskDto, 'meetingType' | 'trackId' | 'escalatedAt' | 'status' | 'ownerId'>;

/** C1: only the owner marks a pending task completed. */
export const mayComplete = (user: SessionUser, task: TaskFacts) =>
  task.status === 'pending' && task.ownerId === user.id;

/**
 * The chair decides (D1): the CEO — or the secretary on her behalf — supervision tasks and escalated
 * weekly tasks still pending (they are the supervision meeting's); the track's director other weekly
 * ones; the CEO too on weekly ones that were escalated.
 */
export function chairs(user: SessionUser, task: TaskFacts): boolean {
  const atSupervision = task.meetingType === 'supervision' || (task.escalatedAt !== null && task.status === 'pending');
  if (atSupervision) return user.role === 'ceo' || user.role === 'secretary';
  if (user.role === 'director') return user.trackId === task.trackId;
  return user.role === 'ceo' && task.escalatedAt !== null;
}

/** The decisions open to this user on this task now, in the order the buttons show them. */
export function decisionsFor(user: SessionUser, task: TaskDto): DecisionKind[] {
  if (!chairs(user, task)) return [];
  if (task.status === 'pending') {
    const kinds: DecisionKind[] = [];
    // owners never move their own deadline (the classic way to dodge review)
    if (task.ownerId !== user.id) kinds.push('extend');
    kinds.push('reassign', 'revise', 'close');
    const escalated = task.meetingType === 'weekly' && task.escalatedToMeetingId !== null;
    if ((user.role === 'ceo' || user.role === 'secretary') && escalated) kinds.push('redispatch');
    return kinds;
  }
  if (task.status === 'completed') return [...(task.confirmedAt ? [] : ['confirm' as const]), 'reopen', 'revise'];
  return [];
}

/** Whom the task list shows by default: the tabs each role has (SPEC §2 task scope). */
export type TaskTab = 'mine' | 'track' | 'all';

export function tabsFor(user: SessionUser): TaskTab[] {
  if (['ceo', 'secretary', 'admin'].includes(user.role)) return ['all'];
  if (user.role === 'director') return ['mine', 'track'];
  return ['mine'];
}

const HOUR = 3_600_000;

/** "已逾期 3 天" / "剩 5 小时": the time to (or past) a deadline, in whole days, hours under two days. */
export function dueIn(deadline: string, now: number): { overdue: boolean; unit: 'days' | 'hours'; n: number } {
  const delta = Date.parse(deadline) - now;
  const hours = Math.abs(delta) / HOUR;
  const overdue = delta <= 0;
  if (hours < 48) return { overdue, unit: 'hours', n: Math.max(1, Math.floor(hours)) };
  return { overdue, unit: 'days', n: Math.floor(hours / 24) };
}
