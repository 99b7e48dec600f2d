import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { tasks } from './schema.js';
import { canSeeTask, mayComplete } from './scope.js';

type TaskRow = typeof tasks.$inferSelect;

export async function findTask(db: Db, id: number, actor: Actor): Promise<TaskRow> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, id));
  if (!task || !canSeeTask(actor, task)) throw notFound('task');
  return task;
}

/** C1: the owner marks the task done with a note; an escalated task keeps its mark. */
export async function completeTask(
  db: Db,
  id: number,
  note: string,
  actor: Actor,
  now: Date,
  version?: ExpectedVersion,
): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    const task = await findTask(tx, id, actor);
    if (!mayComplete(actor, task))
      throw forbidden({ zh: '只有责任人可以标记完成', en: 'only the owner marks a task completed' });
    checkVersion(task.version, version);
    if (task.status !== 'pending')
      throw ruleViolation(409, { zh: '任务不是待完成状态', en: 'the task is not pending' });
    const [after] = await tx
      .update(tasks)
      .set({ status: 'completed', completedAt: now, completionNote: note, version: task.version + 1 })
      .where(eq(tasks.id, id))
      .returning();
    await recordHistory(tx, {
      entity: 'task',
      entityId: id,
      action: 'completed',
      actor,
      at: now,
      before: { status: 'pending' },
      after: { status: 'completed', completionNote: note },
    });
    return after!;
  });
}
