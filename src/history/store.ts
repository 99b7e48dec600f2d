import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { users } from '../org/schema.js';
import { history } from './schema.js';

/** Who made a change: a user or API key, or the system itself (jobs, the command line). */
export type Changer = Actor | 'system';

export type HistoryEntry = {
  entity: string;
  entityId: number;
  action: string;
  actor: Changer;
  at: Date;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  onBehalfOfId?: number | null;
};

/** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
export async function recordHistory(db: Db, entry: HistoryEntry): Promise<void> {
  await db.insert(history).values({
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    actorId: entry.actor === 'system' ? null : entry.actor.id,
    actorKind: entry.actor === 'system' ? 'system' : entry.actor.kind,
    onBehalfOfId: entry.onBehalfOfId ?? null,
    at: entry.at,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}

export async function listHistory(db: Db, entity: string, entityId: number, afterId: number, limit: number) {
  return db
    .select({
      id: history.id,
      action: history.action,
      actorId: history.actorId,
      actorKind: history.actorKind,
      actorName: users.name,
      onBehalfOfId: history.onBehalfOfId,
      at: history.at,
      before: history.before,
      after: history.after,
      reason: history.reason,
    })
    .from(history)
    .leftJoin(users, and(eq(users.id, history.actorId), eq(history.actorKind, 'user')))
    .where(and(eq(history.entity, entity), eq(history.entityId, entityId), gt(history.id, afterId)))
    .orderBy(asc(history.id))
    .limit(limit + 1);
}

/** Only the fields that changed, as before → after. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
