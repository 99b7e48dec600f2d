import { and, asc, desc, eq, gt, gte, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { opportunities } from '../forecast/schema.js';
import { recordHistory } from '../history/store.js';
import { notFound, ruleViolation } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { apsBody } from './aps-deliver.js';
import type { ApsPayload } from './aps-outbox.js';
import type { ApsDeliveryDto, ApsQuoteDto } from './contract.js';
import type { Position } from './cursor.js';
import { apsDeliveries } from './schema.js';

type DeliveryRow = typeof apsDeliveries.$inferSelect;

/** The quotes APS pulls, oldest first in the order (updatedAt, id); `updatedSince` inclusive. */
export async function apsQuotePage(
  db: Db,
  query: { since: Date | null; from: Position; limit: number },
): Promise<{ items: ApsQuoteDto[]; next: Position | null }> {
  const rows = await db
    .select()
    .from(apsDeliveries)
    .where(
      and(
        query.since ? gte(apsDeliveries.createdAt, query.since) : undefined,
        or(
          gt(apsDeliveries.createdAt, query.from.at),
          and(eq(apsDeliveries.createdAt, query.from.at), gt(apsDeliveries.id, query.from.id)),
        ),
      ),
    )
    .orderBy(asc(apsDeliveries.createdAt), asc(apsDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      apsBody({ ...r, payload: r.payload as ApsPayload, createdAt: r.createdAt.toISOString() }),
    ) as ApsQuoteDto[],
    next: rows.length > query.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

const logColumns = { delivery: apsDeliveries, opportunityCode: opportunities.code };

const joined = (db: Db) =>
  db.select(logColumns).from(apsDeliveries).innerJoin(opportunities, eq(opportunities.id, apsDeliveries.opportunityId));

export function presentDelivery({
  delivery: d,
  opportunityCode,
}: {
  delivery: DeliveryRow;
  opportunityCode: string;
}): ApsDeliveryDto {
  return {
    id: d.id,
    deliveryId: d.deliveryId,
    opportunityId: d.opportunityId,
    opportunityCode,
    cancelled: d.cancelled,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    lastStatus: d.lastStatus,
    sentAt: d.sentAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/** The admin's delivery log, newest first. */
export async function listApsDeliveries(
  db: Db,
  filter: { status?: 'pending' | 'sent' | undefined },
  beforeId: number,
  limit: number,
): Promise<ApsDeliveryDto[]> {
  const rows = await joined(db)
    .where(
      and(
        beforeId > 0 ? lt(apsDeliveries.id, beforeId) : undefined,
        filter.status ? eq(apsDeliveries.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(apsDeliveries.id))
    .limit(limit + 1);
  return rows.map(presentDelivery);
}

/**
 * The admin pushes an unsent delivery now (after APS was fixed) instead of waiting out the backoff;
 * the attempts so far stay counted. A sent one is 409: APS has it.
 */
export async function retryApsDelivery(db: Db, id: number, actor: Actor, now: Date): Promise<ApsDeliveryDto> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(apsDeliveries).where(eq(apsDeliveries.id, id)).for('update');
    if (!before) throw notFound('aps_delivery');
    if (before.status !== 'pending')
      throw ruleViolation(409, { zh: '已送达 APS 的记录无需重发', en: 'APS has acknowledged this delivery already' });
    await tx.update(apsDeliveries).set({ nextAttemptAt: now }).where(eq(apsDeliveries.id, id));
    await recordHistory(tx, {
      entity: 'aps_delivery',
      entityId: id,
      action: 'retried',
      actor,
      at: now,
      before: {
        nextAttemptAt: before.nextAttemptAt.toISOString(),
        attempts: before.attempts,
        lastError: before.lastError,
      },
      after: { nextAttemptAt: now.toISOString() },
    });
    const [row] = await joined(tx).where(eq(apsDeliveries.id, id));
    return presentDelivery(row!);
  });
}
