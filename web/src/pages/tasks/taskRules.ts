// Who may do what is the server's (src/tasks/scope.ts): it sends `can` with each task and the caller's
// task scope with /me; these helpers only arrange what it sent.
import type { DecisionKind, TaskDto } from '../../api/tasks';
import type { Me } from '../../api/types';

const PENDING_ORDER: DecisionKind[] = ['extend', 'reassign', 'revise', 'close', 'redispatch'];
const COMPLETED_ORDER: DecisionKind[] = ['confirm', 'reopen', 'revise'];

/** The decisions the server allows this caller on this task now, in the order the buttons show them. */
export function decisionsFor(task: TaskDto): DecisionKind[] {
  const order = task.status === 'completed' ? COMPLETED_ORDER : PENDING_ORDER;
  return order.filter((kind) => task.can[kind]);
}

/** Whom the task list shows by default: the tabs of the caller's task scope (SPEC §2). */
export type TaskTab = 'mine' | 'track' | 'all';

export function tabsFor(scope: Me['taskScope']): TaskTab[] {
  if (scope === 'all') return ['all'];
  if (scope === 'track_and_own') return ['mine', 'track'];
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
