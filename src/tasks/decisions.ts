import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { forbidden, invalidField, ruleViolation } from '../http/errors.js';
import { users } from '../org/schema.js';
import { assertStatus, type DecisionCtx, decide, type TaskRow } from './decide.js';
import { findTask } from './lifecycle.js';
import { mayExtendAsOwner } from './scope.js';

const why = (zh: string, en: string) => ({ zh, en });
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * 延期 (D1): a chair sets a later deadline with a reason; counted, and never done by the owner
 * (moving dates to dodge review is the classic failure). The escalation moment does not move.
 */
export async function extendTask(db: Db, id: number, input: { deadline: Date; reason: string }, ctx: DecisionCtx) {
  const own = await findTask(db, id, ctx.actor);
  if (!mayExtendAsOwner(ctx.actor, own))
    throw forbidden(why('责任人不能调整自己的完成时限', 'an owner cannot move their own deadline'));
  return decide(db, id, ctx, (task) => {
    assertStatus(task, 'pending');
    const later = input.deadline > task.deadline && input.deadline > ctx.now;
    if (!later) {
      const reason = why(
        '新的完成时限须晚于原时限和当前时间',
        'the new deadline must be after the old one and after now',
      );
      throw invalidField('deadline', reason);
    }
    return {
      action: 'extended',
      set: { deadline: input.deadline, deadlineMeetingId: null, extensions: task.extensions + 1 },
      before: { deadline: iso(task.deadline), extensions: task.extensions },
      after: { deadline: iso(input.deadline), extensions: task.extensions + 1 },
      reason: input.reason,
    };
  });
}

/** 改派 (D1): a supervision task goes to a director; a weekly one — escalated or not — to an AM of its track. */
export async function reassignTask(db: Db, id: number, input: { ownerId: number; reason: string }, ctx: DecisionCtx) {
  return decide(db, id, ctx, async (task, tx) => {
    assertStatus(task, 'pending');
    await assertOwnerFits(tx, task, input.ownerId);
    return {
      action: 'reassigned',
      set: { ownerId: input.ownerId, reassignments: task.reassignments + 1 },
      before: { ownerId: task.ownerId, reassignments: task.reassignments },
      after: { ownerId: input.ownerId, reassignments: task.reassignments + 1 },
      reason: input.reason,
      notice: { kind: 'task_assigned', userId: input.ownerId },
    };
  });
}

async function assertOwnerFits(db: Db, task: TaskRow, ownerId: number): Promise<void> {
  const [owner] = await db.select().from(users).where(eq(users.id, ownerId));
  const supervision = task.meetingType === 'supervision';
  const fits =
    owner?.active &&
    owner.id !== task.ownerId &&
    (supervision ? owner.role === 'director' : owner.role === 'am' && owner.trackId === task.trackId);
  if (fits) return;
  const reason =
    owner?.id === task.ownerId
      ? why('新责任人与原责任人相同', 'the new owner is the current owner')
      : supervision
        ? why('督导会任务须改派给赛道总监', 'a supervision task goes to a director')
        : why('周会任务须改派给本赛道客户经理', "a weekly task goes to an AM of the task's track");
  throw invalidField('ownerId', reason);
}

/** 修改描述 (D1): the chair revises the problem description; the generated background stays. */
export async function reviseTask(db: Db, id: number, description: string, ctx: DecisionCtx) {
  return decide(db, id, ctx, (task) => {
    assertStatus(task, 'pending', 'completed');
    return {
      action: 'revised',
      set: { description },
      before: { description: task.description },
      after: { description },
    };
  });
}

/** 关闭 (D1): no longer needed; shown in the analysis but outside its completion denominator. */
export async function closeTask(db: Db, id: number, reason: string, ctx: DecisionCtx) {
  return decide(db, id, ctx, (task) => {
    assertStatus(task, 'pending');
    return {
      action: 'closed',
      set: { status: 'closed', closedAt: ctx.now, closeReason: reason },
      before: { status: task.status },
      after: { status: 'closed' },
      reason,
    };
  });
}

/** 确认 (D1): the chair confirms a completed task at the next meeting. */
export async function confirmTask(db: Db, id: number, ctx: DecisionCtx) {
  return decide(db, id, ctx, (task) => {
    assertStatus(task, 'completed');
    if (task.confirmedAt) throw ruleViolation(409, why('任务已确认', 'the task has already been confirmed'));
    return {
      action: 'confirmed',
      set: { confirmedAt: ctx.now },
      before: { confirmedAt: null },
      after: { confirmedAt: iso(ctx.now) },
    };
  });
}
