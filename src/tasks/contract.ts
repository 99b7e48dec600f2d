import { type Static, Type } from 'typebox';
import { Body, Instant, Month } from '../http/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const TaskStatus = Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('closed')]);
export const MeetingType = Type.Union([Type.Literal('supervision'), Type.Literal('weekly')]);
const SubjectType = Type.Union([Type.Literal('track'), Type.Literal('am')]);

export const CreateTaskRequest = Body({
  meetingId: Type.Integer({ minimum: 1 }),
  dimension: Type.Integer({ minimum: 1, maximum: 8 }),
  subjectType: Type.Union([Type.Literal('track'), Type.Literal('am')]),
  subjectId: Type.Integer({ minimum: 1 }),
  month: Month,
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  ownerId: Type.Optional(Type.Integer({ minimum: 1 })),
  deadline: Type.Optional(Instant),
  projectId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type CreateTask = Static<typeof CreateTaskRequest>;

const Text = Type.String({ minLength: 1, maxLength: 4000 });
export const CompleteTaskRequest = Body({ note: Text });
export const ReviseTaskRequest = Body({ description: Text });
export const ReasonRequest = Body({ reason: Text });
export const ReopenTaskRequest = Body({ reason: Text, deadline: Type.Optional(Instant) });
export const ExtendTaskRequest = Body({ deadline: Instant, reason: Text });
export const ReassignTaskRequest = Body({ ownerId: Type.Integer({ minimum: 1 }), reason: Text });
export const RedispatchTaskRequest = Body({ reason: Text, description: Type.Optional(Text) });

/**
 * What the caller may do with the task now (rules in tasks/scope.ts). The screens show a button only
 * when its flag is true; the server still checks every request.
 */
export const TaskCan = Type.Object({
  complete: Type.Boolean(),
  extend: Type.Boolean(),
  reassign: Type.Boolean(),
  revise: Type.Boolean(),
  close: Type.Boolean(),
  confirm: Type.Boolean(),
  reopen: Type.Boolean(),
  redispatch: Type.Boolean(),
  /** The caller's decisions are recorded on the CEO's behalf (the secretary at the supervision meeting). */
  decidesOnBehalf: Type.Boolean(),
});

export const Task = Type.Object({
  id: Type.Integer(),
  meetingId: Type.Integer(),
  meetingType: MeetingType,
  trackId: Type.Integer(),
  dimension: Type.Integer(),
  subjectType: SubjectType,
  subjectId: Type.Integer(),
  month: Type.String(),
  background: Type.String(),
  description: Type.String(),
  ownerId: Type.Integer(),
  deadline: Type.String(),
  status: TaskStatus,
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
  escalatedAt: Nullable(Type.String()),
  escalatedToMeetingId: Nullable(Type.Integer()),
  escalationDueAt: Nullable(Type.String()),
  lateEntry: Type.Boolean(),
  extensions: Type.Integer(),
  reassignments: Type.Integer(),
  projectId: Nullable(Type.Integer()),
  originTaskId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  createdBy: Type.Integer(),
  completedAt: Nullable(Type.String()),
  completionNote: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closeReason: Nullable(Type.String()),
  onBehalfOfId: Nullable(Type.Integer()),
  version: Type.Integer(),
  can: TaskCan,
});

const TaskEvent = Type.Object({
  action: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  onBehalfOfId: Nullable(Type.Integer()),
  at: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
});

const ProjectSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  phase: Type.String(),
  latestProgress: Nullable(
    Type.Object({ date: Type.String(), text: Type.String(), authorName: Nullable(Type.String()) }),
  ),
});

/** GET /tasks/:id: the task with its history timeline and the linked project (C3). */
export const TaskDetail = Type.Intersect([
  Task,
  Type.Object({ history: Type.Array(TaskEvent), project: Nullable(ProjectSummary) }),
]);

export const TaskListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  ownerId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(TaskStatus),
  type: Type.Optional(MeetingType),
  escalated: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  trackId: Type.Optional(Type.Integer({ minimum: 1 })),
  meetingId: Type.Optional(Type.Integer({ minimum: 1 })),
});
