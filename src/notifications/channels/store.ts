import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recordHistory } from '../../history/store.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../org/permissions.js';
import { users } from '../../org/schema.js';
import { notificationDeliveries as deliveries, notifications } from '../schema.js';
import { MAX_ATTEMPTS } from './deliver.js';

export type DeliveryFilter = { status?: 'pending' | 'sent' | 'failed'; channel?: 'email' | 'webhook' };

const columns = {
  delivery: deliveries,
  kind: notifications.kind,
  params: notifications.params,
  userId: users.id,
  userName: users.name,
};

export type DeliveryRow = {
  delivery: typeof deliveries.$inferSelect;
  kind: string;
  params: Record<string, string | number>;
  userId: number;
  userName: string;
};

function joined(db: Db) {
  return db
    .select(columns)
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .innerJoin(users, eq(users.id, notifications.userId));
}

/** The delivery log, newest first, with the notification's kind and its user. */
export async function listDeliveries(
  db: Db,
  filter: DeliveryFilter,
  beforeId: number,
  limit: number,
): Promise<DeliveryRow[]> {
  const where = and(
    beforeId > 0 ? lt(deliveries.id, beforeId) : undefined,
    filter.status ? eq(deliveries.status, filter.status) : undefined,
    filter.channel ? eq(deliveries.channel, filter.channel) : undefined,
  );
  return joined(db)
    .where(where)
    .orderBy(desc(deliveries.id))
    .limit(limit + 1);
}

/**
 * The admin sends a failed delivery again (after fixing the address or the receiver): pending, due
 * now, with a fresh run of attempts; the last error stays until the next attempt.
 */
export async function retryDelivery(db: Db, id: number, actor: Actor, now: Date): Promise<DeliveryRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(deliveries).where(eq(deliveries.id, id)).for('update');
    if (!before) throw notFound('notification_delivery');
    if (before.status !== 'failed')
      throw ruleViolation(409, {
        zh: '只有发送失败的记录可以重发',
        en: 'Only a failed delivery can be retried',
      });
    const after = { status: 'pending' as const, attempts: 0, nextAttemptAt: now };
    await tx.update(deliveries).set(after).where(eq(deliveries.id, id));
    await recordHistory(tx, {
      entity: 'notification_delivery',
      entityId: id,
      action: 'retried',
      actor,
      at: now,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: after.status, attempts: 0, maxAttempts: MAX_ATTEMPTS },
    });
    const [row] = await joined(tx).where(eq(deliveries.id, id));
    return row as DeliveryRow;
  });
}
