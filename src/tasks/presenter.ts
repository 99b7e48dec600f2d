import type { Locale } from '../http/locale.js';
import type { Actor } from '../org/permissions.js';
import { taskBackgroundFor } from './background-text.js';
import type { TaskListRow } from './list.js';
import { isOverdue, isOverdueIso } from './rules.js';
import type { tasks } from './schema.js';
import { taskCan } from './scope.js';

type TaskRow = typeof tasks.$inferSelect;
/** Rows carry instants as dates, or as ISO-8601 text already (the list, list.ts). */
type Instant = Date | string;
function iso(d: Instant): string;
function iso(d: Instant | null): string | null;
function iso(d: Instant | null) {
  return typeof d === 'string' || d === null ? d : d.toISOString();
}
// A page presents all its rows at one `now`: its text is made once, not per row.
let nowText = { time: Number.NaN, iso: '' };
function isoOfNow(now: Date): string {
  if (nowText.time !== now.getTime()) nowText = { time: now.getTime(), iso: now.toISOString() };
  return nowText.iso;
}
const overdue = ({ status, deadline }: { status: TaskRow['status']; deadline: Instant }, now: Date) =>
  typeof deadline === 'string'
    ? isOverdueIso({ status, deadline }, isoOfNow(now))
    : isOverdue({ status, deadline }, now);

/** The API shape of a task as the caller sees it; `overdue`, `escalated` and `can` are derived, never stored. */
export function presentTask(row: TaskRow | TaskListRow, now: Date, actor: Actor, locale: Locale = 'zh-CN') {
  const background = taskBackgroundFor(row, locale);
  return {
    id: row.id,
    meetingId: row.meetingId,
    meetingType: row.meetingType,
    trackId: row.trackId,
    dimension: row.dimension,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    month: row.month,
    background,
    // nobody typed a description: it is the system's sentence, so it reads in the reader's language too
    description: row.description === row.background ? background : row.description,
    ownerId: row.ownerId,
    deadline: iso(row.deadline),
    status: row.status,
    overdue: overdue(row, now),
    escalated: row.escalatedAt !== null,
    escalatedAt: iso(row.escalatedAt),
    escalatedToMeetingId: row.escalatedToMeetingId,
    escalationDueAt: iso(row.escalationDueAt),
    lateEntry: row.lateEntry,
    extensions: row.extensions,
    reassignments: row.reassignments,
    projectId: row.projectId,
    originTaskId: row.originTaskId,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
    completedAt: iso(row.completedAt),
    completionNote: row.completionNote,
    confirmedAt: iso(row.confirmedAt),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason,
    onBehalfOfId: row.onBehalfOfId,
    version: row.version,
    can: taskCan(actor, row),
  };
}
