import type { Db } from '../db/client.js';
import { invalidField } from '../http/errors.js';
import { assertStatus, type DecisionCtx, decide } from './decide.js';
import { escalateReopened } from './escalation.js';
import { findTask } from './lifecycle.js';
import { nextMeeting } from './next-meeting.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * 重新打开 (SPEC §4.2): a completed task goes back to pending with a reason and a new deadline — the
 * one given, or by default the next meeting of its series (which it then follows). A weekly task
 * reopened after its escalation moment that never escalated escalates now (SPEC §4.4).
 */
export async function reopenTask(db: Db, id: number, input: { reason: string; deadline?: Date }, ctx: DecisionCtx) {
  const reopened = await decide(db, id, ctx, async (task, tx) => {
    assertStatus(task, 'completed');
    if (input.deadline && input.deadline <= ctx.now) {
      const why = { zh: '新的完成时限须晚于当前时间', en: 'the new deadline must be in the future' };
      throw invalidField('deadline', why);
    }
    const next = input.deadline ? null : await nextMeeting(tx, task.seriesId, ctx.now);
    const deadline = input.deadline ?? next!.startsAt;
    return {
      action: 'reopened',
      set: {
        status: 'pending',
        completedAt: null,
        // the note of the completion that was not accepted stays in the history, not on the task
        completionNote: null,
        confirmedAt: null,
        deadline,
        deadlineMeetingId: next?.id ?? null,
      },
      before: {
        status: task.status,
        deadline: iso(task.deadline),
        completedAt: iso(task.completedAt),
        completionNote: task.completionNote,
      },
      after: { status: 'pending', deadline: iso(deadline) },
      reason: input.reason,
      notice: { kind: 'task_reopened', userId: task.ownerId },
    };
  });
  if (reopened.meetingType !== 'weekly' || reopened.escalatedAt) return reopened;
  return db.transaction(async (tx) => {
    await escalateReopened(tx, id, ctx.now);
    return findTask(tx, id, ctx.actor);
  });
}
