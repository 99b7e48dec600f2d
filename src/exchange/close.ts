import { desc, sql } from 'drizzle-orm';
import { monthCloseChecks } from '../alerts/checks.js';
import type { Db } from '../db/client.js';
import { type Changer, recordHistory } from '../history/store.js';
import { fieldError } from '../http/errors.js';
import { ORDER_SOURCE } from './line-facts.js';
import { dataSources, monthCloses } from './schema.js';

/**
 * The sources SPEC §7 names for the kinds — shipments from APS, ERP or PM, shipment plans from APS,
 * expenses and receivables from ERP, orders from SAP. A source that has written facts is known too.
 */
export const NAMED_SOURCES = ['APS', 'ERP', 'PM', 'SAP'] as const;

/** A close for a source nobody sends would make rules wait for data that never comes: 400. */
async function checkKnownSource(db: Db, source: string): Promise<void> {
  if ((NAMED_SOURCES as readonly string[]).includes(source)) return;
  const written = await db.selectDistinct({ source: dataSources.source }).from(dataSources);
  const known = [...new Set([...NAMED_SOURCES, ...written.map((w) => w.source)])];
  if (!known.includes(source)) throw fieldError('source', 'enum', { values: known.join(', ') });
}

/** Marks a source's month complete (idempotent); rules that need complete data wait for it (SPEC §7). */
export async function closeMonth(db: Db, input: { source: string; month: string }, actor: Changer, now: Date) {
  const month = `${input.month}-01`;
  await checkKnownSource(db, input.source);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(monthCloses)
      .values({ source: input.source, month, closedAt: now, actorName: actor === 'system' ? 'system' : actor.name })
      .onConflictDoNothing()
      .returning({ source: monthCloses.source });
    if (inserted.length) {
      await recordHistory(tx, {
        entity: 'month_close',
        entityId: 0,
        action: 'closed',
        actor,
        at: now,
        after: { source: input.source, month: input.month },
      });
      // SAP's close completes the month's orders: delay and commodity deviation alerts, once, in this transaction.
      if (input.source === ORDER_SOURCE) await monthCloseChecks(tx, input.month, now);
    }
    return { source: input.source, month: input.month, closed: true, alreadyClosed: inserted.length === 0 };
  });
}

export async function closedMonths(db: Db): Promise<{ source: string; month: string }[]> {
  return db
    .select({ source: monthCloses.source, month: sql<string>`to_char(${monthCloses.month}, 'YYYY-MM')` })
    .from(monthCloses)
    .orderBy(desc(monthCloses.month));
}
