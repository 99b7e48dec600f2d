import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { boardExplanations } from './schema.js';

/** P3 (SPEC §4.6): a director explains their track's red and yellow dimensions of a month. */
export async function listExplanations(db: Db, month: string, trackId: number) {
  return queryRows<{ no: number; cause: string; plan: string; updatedAt: string; updatedBy: string | null }>(
    db,
    sql`select e.no, e.cause, e.plan, to_char(e.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt", u.name as "updatedBy"
        from board_explanations e left join users u on u.id = e.updated_by
        where e.month = ${month} and e.track_id = ${trackId} order by e.no`,
  );
}

export async function putExplanations(
  db: Db,
  input: { month: string; trackId: number; items: { no: number; cause: string; plan: string }[] },
  actor: Actor,
  now: Date,
) {
  if (actor.kind !== 'user' || actor.role !== 'director' || actor.trackId !== input.trackId) {
    throw forbidden({
      zh: '只有本赛道总监可以填写原因分析与改善计划',
      en: "only the track's director writes its explanations",
    });
  }
  await db.transaction(async (tx) => {
    for (const item of input.items) {
      const key = and(
        eq(boardExplanations.trackId, input.trackId),
        eq(boardExplanations.month, input.month),
        eq(boardExplanations.no, item.no),
      );
      const [before] = await tx.select().from(boardExplanations).where(key);
      await tx
        .insert(boardExplanations)
        .values({
          trackId: input.trackId,
          month: input.month,
          no: item.no,
          cause: item.cause,
          plan: item.plan,
          updatedAt: now,
          updatedBy: actor.id,
        })
        .onConflictDoUpdate({
          target: [boardExplanations.trackId, boardExplanations.month, boardExplanations.no],
          set: { cause: item.cause, plan: item.plan, updatedAt: now, updatedBy: actor.id },
        });
      await recordHistory(tx, {
        entity: 'board_explanation',
        entityId: input.trackId,
        action: before ? 'updated' : 'created',
        actor,
        at: now,
        before: before ? { month: input.month, no: item.no, cause: before.cause, plan: before.plan } : null,
        after: { month: input.month, no: item.no, cause: item.cause, plan: item.plan },
      });
    }
  });
  return listExplanations(db, input.month, input.trackId);
}
