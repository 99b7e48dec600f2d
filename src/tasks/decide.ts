import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import { notify } from '../notifications/store.js';
import type { Actor } from '../org/permissions.js';
import { users } from '../org/schema.js';
import { findTask } from './lifecycle.js';
import type { TaskStatus } from './rules.js';
import { tasks } from './schema.js';
import { atSupervision, chairOfTask } from './scope.js';

export type TaskRow = typeof tasks.$inferSelect;
export type DecisionCtx = { actor: Actor; now: Date; timeZone: string; version: ExpectedVersion };

const why = (zh: string, en: string) => ({ zh, en });

/**
 * The chair of the task decides (rule in scope.ts: `chairOfTask`). Returns the user the decision is
 * recorded for when the secretary acts on the CEO's behalf.
 */
export async function assertChair(db: Db, actor: Actor, task: TaskRow): Promise<{ onBehalfOfId: number | null }> {
  const chair = chairOfTask(actor, task);
  if (chair === 'self') return { onBehalfOfId: null };
  if (chair === 'on_behalf') return { onBehalfOfId: await ceoId(db) };
  throw forbidden(
    task.meetingType === 'supervision'
      ? why(
          '督导会任务由CEO（或秘书代为记录）决定',
          'the CEO (or the secretary on her behalf) decides supervision tasks',
        )
      : atSupervision(task)
        ? why('已升级的任务在督导会上由CEO决定', 'an escalated task is decided by the CEO at the supervision meeting')
        : why(
            '周会任务由本赛道总监决定，已升级的由CEO决定',
            "the track's director decides weekly tasks, the CEO escalated ones",
          ),
  );
}

export async function ceoId(db: Db): Promise<number | null> {
  const [ceo] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'ceo'), eq(users.active, true)))
    .limit(1);
  return ceo?.id ?? null;
}

export function assertStatus(task: TaskRow, ...allowed: TaskStatus[]): void {
  if (allowed.includes(task.status)) return;
  const names: Record<TaskStatus, string> = { pending: '待完成', completed: '已完成', closed: '已关闭' };
  throw ruleViolation(
    409,
    why(
      `任务当前为「${names[task.status]}」，不能执行此操作`,
      `the task is ${task.status}; this decision does not apply`,
    ),
  );
}

export type Change = {
  action: string;
  set: Partial<TaskRow>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason?: string | null;
  /** Whom the decision concerns (SPEC §5): a new owner is told of the task, an owner of its reopening. */
  notice?: { kind: 'task_assigned' | 'task_reopened'; userId: number };
};

/**
 * One D1 decision: load in scope (404), check the chair (403) and the version (412), let `decideOn`
 * compute the change, then write the task and its history event in the same transaction.
 */
export async function decide(
  db: Db,
  id: number,
  ctx: DecisionCtx,
  decideOn: (task: TaskRow, tx: Db) => Promise<Change> | Change,
): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    const task = await findTask(tx, id, ctx.actor);
    const { onBehalfOfId } = await assertChair(tx, ctx.actor, task);
    checkVersion(task.version, ctx.version);
    const change = await decideOn(task, tx);
    const [after] = await tx
      .update(tasks)
      .set({ ...change.set, version: task.version + 1 })
      .where(eq(tasks.id, id))
      .returning();
    await recordHistory(tx, {
      entity: 'task',
      entityId: id,
      action: change.action,
      actor: ctx.actor,
      at: ctx.now,
      onBehalfOfId,
      before: change.before,
      after: change.after,
      reason: change.reason ?? null,
    });
    if (change.notice) await noticeOf(tx, after!, change.notice, ctx.now);
    return after!;
  });
}

/** One inbox entry for the person a task event concerns, named by the task's version so it is made once. */
export async function noticeOf(
  db: Db,
  task: TaskRow,
  notice: { kind: 'task_assigned' | 'task_reopened'; userId: number },
  at: Date,
): Promise<void> {
  await notify(db, {
    userIds: [notice.userId],
    kind: notice.kind,
    params: { taskId: task.id, description: task.description, deadline: task.deadline.toISOString() },
    link: `/tasks/${task.id}`,
    dedupeKey: `task:${task.id}:${notice.kind}:${task.version}`,
    at,
  });
}
