import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { tasks } from './schema.js';
import { taskSqlScope } from './scope.js';

export type TaskFilter = {
  ownerId?: number;
  status?: 'pending' | 'completed' | 'closed';
  type?: 'supervision' | 'weekly';
  escalated?: boolean;
  overdue?: boolean;
  trackId?: number;
  meetingId?: number;
};

/** Lists tasks in scope with the SPEC §9 filters; overdue is evaluated against `now`, as everywhere. */
export async function listTasks(db: Db, actor: Actor, filter: TaskFilter, now: Date, afterId: number, limit: number) {
  const where: (SQL | undefined)[] = [gt(tasks.id, afterId), taskSqlScope(actor)];
  if (filter.ownerId) where.push(eq(tasks.ownerId, filter.ownerId));
  if (filter.status) where.push(eq(tasks.status, filter.status));
  if (filter.type) where.push(eq(tasks.meetingType, filter.type));
  if (filter.trackId) where.push(eq(tasks.trackId, filter.trackId));
  if (filter.meetingId) where.push(eq(tasks.meetingId, filter.meetingId));
  if (filter.escalated !== undefined)
    where.push(filter.escalated ? isNotNull(tasks.escalatedAt) : isNull(tasks.escalatedAt));
  if (filter.overdue === true) where.push(and(eq(tasks.status, 'pending'), lte(tasks.deadline, now)));
  if (filter.overdue === false) where.push(or(sql`${tasks.status} <> 'pending'`, gt(tasks.deadline, now)));
  return db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(asc(tasks.id))
    .limit(limit + 1);
}

/** Tasks by id, unscoped: for callers that already checked the scope of what lists them (opening reports). */
export async function tasksByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(tasks).where(inArray(tasks.id, ids));
}
