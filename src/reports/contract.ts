import { type Static, Type } from 'typebox';
import { AlertSummary } from '../alerts/contract.js';
import { Board } from '../board/contract.js';
import { Task } from '../tasks/contract.js';

/** 开场报告 (SPEC §4.5): what a version holds and how the API answers it. No server imports: web/ imports this too. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const MeetingType = Type.Union([Type.Literal('supervision'), Type.Literal('weekly')]);

export const ReportTrigger = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('escalation'),
  Type.Literal('final'),
  Type.Literal('on_demand'),
]);

export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });

/** A task as an opening report lists it: enough to discuss it without opening it. */
export const ReportTask = Type.Object({
  id: Type.Integer(),
  raisedInMeetingId: Type.Integer(),
  meetingType: MeetingType,
  dimension: Type.Integer(),
  subjectType: Type.Union([Type.Literal('track'), Type.Literal('am')]),
  subjectId: Type.Integer(),
  subjectName: Nullable(Type.String()),
  trackId: Type.Integer(),
  trackName: Nullable(Type.String()),
  ownerId: Type.Integer(),
  ownerName: Nullable(Type.String()),
  month: Type.String(),
  background: Type.String(),
  description: Type.String(),
  deadline: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('closed')]),
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
  escalatedAt: Nullable(Type.String()),
  /** Supervision meetings before this one that already listed the escalated task (0 the first time). */
  meetingsCarried: Nullable(Type.Integer()),
  lateEntry: Type.Boolean(),
  extensions: Type.Integer(),
  reassignments: Type.Integer(),
  completedAt: Nullable(Type.String()),
  completionNote: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closeReason: Nullable(Type.String()),
  originTaskId: Nullable(Type.Integer()),
  projectId: Nullable(Type.Integer()),
  /** The linked project's phase and latest progress (C3). */
  project: Nullable(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      phase: Type.String(),
      latestProgress: Nullable(
        Type.Object({ date: Type.String(), text: Type.String(), authorName: Nullable(Type.String()) }),
      ),
    }),
  ),
});
export type ReportTaskDto = Static<typeof ReportTask>;

export const ReportCounts = Type.Object({
  pending: Type.Integer(),
  /** The pending tasks (of `pending`) past their deadline: never more than `pending`. */
  overdue: Type.Integer(),
  completed: Type.Integer(),
  closed: Type.Integer(),
  escalated: Type.Integer(),
  /** The escalated weekly tasks (of `escalated`) past their deadline. */
  escalatedOverdue: Type.Integer(),
  lateEntries: Type.Integer(),
  extensions: Type.Integer(),
  reassignments: Type.Integer(),
  /** completed ÷ (completed + pending) over the tasks of the series listed; null when there are none. */
  completionRate: Nullable(Type.Number()),
});
export type ReportCountsDto = Static<typeof ReportCounts>;

/** One stored version's contents, fixed when it was made. */
export const ReportContent = Type.Object({
  meeting: Type.Object({
    id: Type.Integer(),
    seriesId: Type.Integer(),
    type: MeetingType,
    trackId: Nullable(Type.Integer()),
    startsAt: Type.String(),
    endsAt: Type.String(),
    periodMonth: Type.String(),
  }),
  previousMeetingStartsAt: Nullable(Type.String()),
  pending: Type.Array(ReportTask),
  completed: Type.Array(ReportTask),
  escalated: Type.Array(ReportTask),
  escalatedByTrack: Type.Array(
    Type.Object({ trackId: Type.Integer(), trackName: Nullable(Type.String()), count: Type.Integer() }),
  ),
  /** Forecast alerts escalated to the CEO since the previous supervision meeting, and those still with her (§6.5). */
  alerts: Type.Array(AlertSummary),
  counts: ReportCounts,
  /** The board of the meeting's period with data-as-of per source. */
  board: Board,
});
export type ReportContentDto = Static<typeof ReportContent>;

/** GET/POST /meetings/:id/opening-report: a version, the list of versions, and each listed task as it stands now. */
export const OpeningReport = Type.Intersect([
  Type.Object({
    meetingId: Type.Integer(),
    version: Type.Integer(),
    trigger: ReportTrigger,
    generatedAt: Type.String(),
    generatedBy: Nullable(Type.Integer()),
  }),
  ReportContent,
  Type.Object({
    versions: Type.Array(Type.Object({ version: Type.Integer(), trigger: ReportTrigger, generatedAt: Type.String() })),
    /** Task id → the task now (the same shape as GET /tasks/:id without history). */
    live: Type.Record(Type.String(), Task),
  }),
]);
export type OpeningReportDto = Static<typeof OpeningReport>;

/**
 * GET /meetings/:id/opening-report/preview: what the report would hold if it were made now — the same
 * assembly as a version, computed on the fly and never stored — shown until the first version exists.
 */
export const OpeningReportPreview = Type.Intersect([
  Type.Object({
    meetingId: Type.Integer(),
    preview: Type.Literal(true),
    /** When the preview was computed (the server's now). */
    computedAt: Type.String(),
  }),
  ReportContent,
  Type.Object({
    /** The stored versions so far (empty until the first one is made). */
    versions: Type.Array(Type.Object({ version: Type.Integer(), trigger: ReportTrigger, generatedAt: Type.String() })),
    live: Type.Record(Type.String(), Task),
  }),
]);
export type OpeningReportPreviewDto = Static<typeof OpeningReportPreview>;
