// Tasks of the meetings loop (SPEC §4.2–4.4, §9): shapes from the server's TypeBox contract (types only).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ExtendTaskRequest,
  MeetingType as MeetingTypeSchema,
  ReassignTaskRequest,
  RedispatchTaskRequest,
  ReopenTaskRequest,
  Task,
  TaskDetail,
  TaskListQuery,
  TaskStatus as TaskStatusSchema,
} from '../../../src/tasks/contract';
import { api, ifMatch } from './client';
import { allOf, type Id, type Page, type Role, type User } from './types';

export type TaskStatus = Static<typeof TaskStatusSchema>;
export type MeetingType = Static<typeof MeetingTypeSchema>;
export type TaskDto = Static<typeof Task>;
export type TaskDetailDto = Static<typeof TaskDetail>;
export type TaskEventDto = TaskDetailDto['history'][number];
export type LinkedProjectDto = NonNullable<TaskDetailDto['project']>;

export const TASK_STATUSES = allOf<TaskStatus>()(['pending', 'completed', 'closed']);
export const MEETING_TYPES = allOf<MeetingType>()(['supervision', 'weekly']);

/** The SPEC §9 filters of GET /tasks (paging is the list's own). */
export type TaskFilters = Omit<Static<typeof TaskListQuery>, 'limit' | 'cursor'>;

/** A person's open tasks are few; one page of 100 shows them all, "load more" serves the long lists. */
const PAGE_SIZE = 100;

export function useTaskList(filters: TaskFilters, enabled = true) {
  const list = useInfiniteQuery({
    queryKey: ['tasks', 'list', filters],
    queryFn: ({ pageParam }) =>
      api<Page<TaskDto>>('/tasks', { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

export const useTask = (id: Id) =>
  useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => api<TaskDetailDto>(`/tasks/${id}`) });

/** Everything a task change can move: lists, the detail, the meeting pages and the inbox. */
function useTaskChanged() {
  const client = useQueryClient();
  return () => {
    for (const key of ['tasks', 'meeting-tasks', 'opening-report', 'notifications'])
      client.invalidateQueries({ queryKey: [key] });
  };
}

/** C1: the owner marks the task done with a note. */
export function useCompleteTask() {
  const changed = useTaskChanged();
  return useMutation({
    mutationFn: ({ task, note }: { task: Pick<TaskDto, 'id'>; note: string }) =>
      api<TaskDto>(`/tasks/${task.id}/complete`, { method: 'POST', body: { note } }),
    onSettled: changed,
  });
}

export type DecisionKind = 'extend' | 'reassign' | 'revise' | 'close' | 'confirm' | 'reopen' | 'redispatch';

/** The bodies of the decisions, each field as its route's contract types it. */
export type DecisionBody = Partial<
  Static<typeof ExtendTaskRequest> &
    Static<typeof ReassignTaskRequest> &
    Static<typeof ReopenTaskRequest> &
    Static<typeof RedispatchTaskRequest>
>;

const DECISION_PATHS: Record<DecisionKind, { path: string; method: 'POST' | 'PATCH' }> = {
  extend: { path: '/extend', method: 'POST' },
  reassign: { path: '/reassign', method: 'POST' },
  revise: { path: '', method: 'PATCH' },
  close: { path: '/close', method: 'POST' },
  confirm: { path: '/confirm', method: 'POST' },
  reopen: { path: '/reopen', method: 'POST' },
  redispatch: { path: '/redispatch', method: 'POST' },
};

/** A D1 decision, sent with If-Match of the version the chair looked at (a stale one answers 412). */
export function useTaskDecision() {
  const changed = useTaskChanged();
  return useMutation({
    mutationFn: ({
      task,
      kind,
      body,
    }: {
      task: Pick<TaskDto, 'id' | 'version'>;
      kind: DecisionKind;
      body?: DecisionBody;
    }) => {
      const { path, method } = DECISION_PATHS[kind];
      return api<TaskDto>(`/tasks/${task.id}${path}`, {
        method,
        ...(kind === 'confirm' ? {} : { body: body ?? {} }),
        headers: ifMatch(task.version),
      });
    },
    onSettled: changed,
  });
}

/** Active users of a role (and track): owner pickers of reassignments and projects. */
export function useActiveUsers(query: { role: Role; trackId?: Id | null }, enabled = true) {
  return useQuery({
    queryKey: ['users', 'active', query],
    queryFn: () =>
      api<Page<User>>('/users', {
        query: { role: query.role, trackId: query.trackId ?? undefined, active: true, limit: 100 },
      }),
    select: (page) => page.items,
    enabled,
  });
}
