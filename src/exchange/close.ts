import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Changer, recordHistory } from '../history/store.js';
import { monthCloses } from './schema.js';

/** Marks a source's month complete (idempotent); rules that need complete data wait for it (SPEC §7). */
export async function closeMonth(db: Db, input: { source: string; month: string }, actor: Changer, now: Date) {
  const month = `${input.month}-01`;
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
