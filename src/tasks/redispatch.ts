import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, ruleViolation } from '../http/errors.js';
import { checkVersion } from '../http/versioning.js';
import { meetingOccurrences as meetingOf } from '../meetings/schema.js';
import { tracks } from '../org/schema.js';
import { hasRole } from '../org/scope.js';
import { assertStatus, ceoId, type DecisionCtx, noticeOf, type TaskRow } from './decide.js';
import { findTask } from './lifecycle.js';
import { nextMeeting } from './next-meeting.js';
import { tasks } from './schema.js';
import { isRedispatchable, mayRedispatch } from './scope.js';

const why = (zh: string, en: string) => ({ zh, en });

type Redispatch = { reason: string; description?: string };
type Escalated = TaskRow & { escalatedToMeetingId: number };

/**
 * 重新派发 (SPEC §4.4): at the supervision meeting the CEO turns an escalated weekly task into a new
 * supervision task for the track's director (`originTaskId` names the weekly one), and the weekly task
 * is closed with that reason — both in one transaction, each with its history event.
 */
export async function redispatchTask(db: Db, id: number, input: Redispatch, ctx: DecisionCtx): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    const weekly = await findRedispatchable(tx, id, ctx);
    // The secretary records the CEO's decision at the supervision meeting (SPEC §2).
    const onBehalfOfId = hasRole(ctx.actor, 'secretary') ? await ceoId(tx) : null;
    const created = await insertSupervisionTask(tx, weekly, input, { ...ctx, onBehalfOfId });
    await tx
      .update(tasks)
      .set({ status: 'closed', closedAt: ctx.now, closeReason: input.reason, version: weekly.version + 1 })
      .where(eq(tasks.id, id));
    const event = { actor: ctx.actor, at: ctx.now, reason: input.reason, onBehalfOfId };
    await recordHistory(tx, {
      ...event,
      entity: 'task',
      entityId: id,
      action: 'redispatched',
      before: { status: 'pending' },
      after: { status: 'closed', redispatchedAs: created.id },
    });
    await recordHistory(tx, {
      ...event,
      entity: 'task',
      entityId: created.id,
      action: 'created',
      after: { ownerId: created.ownerId, deadline: created.deadline.toISOString(), originTaskId: id },
    });
    await noticeOf(tx, created, { kind: 'task_assigned', userId: created.ownerId }, ctx.now);
    return created;
  });
}

/** The weekly task, if the caller may re-dispatch it and it is escalated, pending and at the version sent. */
async function findRedispatchable(tx: Db, id: number, ctx: DecisionCtx): Promise<Escalated> {
  const weekly = await findTask(tx, id, ctx.actor);
  if (!mayRedispatch(ctx.actor))
    throw forbidden(why('只有CEO可以重新派发已升级的任务', 'only the CEO re-dispatches an escalated task'));
  checkVersion(weekly.version, ctx.version);
  assertStatus(weekly, 'pending');
  if (!isRedispatchable(weekly) || !weekly.escalatedToMeetingId)
    throw ruleViolation(
      422,
      why('只有已升级的周会任务可以重新派发', 'only an escalated weekly task can be re-dispatched'),
    );
  return { ...weekly, escalatedToMeetingId: weekly.escalatedToMeetingId };
}

/**
 * The new supervision task: in the meeting the weekly one was escalated to, owned by the track's
 * director, due at the next supervision meeting after now (the escalation meeting may lie ahead).
 */
async function insertSupervisionTask(
  tx: Db,
  weekly: Escalated,
  input: Redispatch,
  ctx: DecisionCtx & { onBehalfOfId: number | null },
): Promise<TaskRow> {
  const [track] = await tx.select().from(tracks).where(eq(tracks.id, weekly.trackId));
  if (!track?.directorId)
    throw ruleViolation(422, why('该赛道没有总监，无法派发', 'the track has no director to take the task'));
  const [meeting] = await tx.select().from(meetingOf).where(eq(meetingOf.id, weekly.escalatedToMeetingId));
  const after = new Date(Math.max(ctx.now.getTime(), meeting!.startsAt.getTime()));
  const next = await nextMeeting(tx, meeting!.seriesId, after);
  const [created] = await tx
    .insert(tasks)
    .values({
      meetingId: meeting!.id,
      seriesId: meeting!.seriesId,
      meetingType: 'supervision',
      trackId: weekly.trackId,
      dimension: weekly.dimension,
      subjectType: weekly.subjectType,
      subjectId: weekly.subjectId,
      month: weekly.month,
      background: weekly.background,
      backgroundFacts: weekly.backgroundFacts,
      description: input.description ?? weekly.description,
      ownerId: track.directorId,
      deadline: next.startsAt,
      deadlineMeetingId: next.id,
      projectId: weekly.projectId,
      originTaskId: weekly.id,
      createdAt: ctx.now,
      createdBy: ctx.actor.id,
      onBehalfOfId: ctx.onBehalfOfId,
    })
    .returning();
  return created!;
}
