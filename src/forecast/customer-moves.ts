import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Changer } from '../history/store.js';
import { afterOpportunityWrite } from './after-write.js';
import { freezeOwedSnapshots } from './snapshots.js';

export const LINE_MISMATCH = {
  zh: '该客户有另一业务线（模塑一体/商品模）的商机，不能转给此客户经理所在的赛道',
  en: "the customer has opportunities of the other business line than this account manager's track",
};

/**
 * Customers whose new AM sits on a track of the other business line while they carry opportunities:
 * an opportunity's kind belongs to its line, so such a move is refused instead of leaving opportunities
 * on a track that cannot hold them. `moves` pairs a customer with the track it would move to.
 */
export async function customersCrossingLines(
  tx: Db,
  moves: readonly { customerId: number; trackId: number }[],
): Promise<number[]> {
  if (moves.length === 0) return [];
  const rows = await queryRows<{ customer_id: number }>(
    tx,
    sql`select distinct o.customer_id from opportunities o
      join jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as m("customerId" int, "trackId" int) on m."customerId" = o.customer_id
      join tracks t on t.id = m."trackId"
      where t.business_line <> o.business_line`,
  );
  return rows.map((r) => r.customer_id);
}

/**
 * 商机随客户转移: an opportunity's AM and track come from its customer (SPEC §6.1, §9.1), so when a
 * customer is given to another AM its opportunities follow, in the same transaction, each with a
 * history entry. Snapshots already frozen keep the AM and track they had (owed ones are frozen first).
 */
export async function opportunitiesFollowCustomers(
  tx: Db,
  customerIds: readonly number[],
  change: { actor: Changer; now: Date; timeZone: string },
): Promise<number> {
  if (customerIds.length === 0) return 0;
  await freezeOwedSnapshots(tx, change.now, change.timeZone);
  const actorId = change.actor === 'system' ? null : change.actor.id;
  const actorKind = change.actor === 'system' ? 'system' : change.actor.kind;
  const moved = await queryRows<{ id: number }>(
    tx,
    sql`with moved as (
        update opportunities o set am_id = c.am_id, track_id = c.track_id, updated_at = ${change.now},
          version = o.version + 1
        from customers c, opportunities old
        where c.id = o.customer_id and old.id = o.id and c.id = any(${sql.raw(`array[${customerIds.map(Number).join(',')}]::int[]`)})
          and (o.am_id, o.track_id) is distinct from (c.am_id, c.track_id)
        returning o.id, old.am_id as before_am, old.track_id as before_track, o.am_id, o.track_id
      ), logged as (
        insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after, reason)
        select 'opportunity', id, 'reassigned', ${actorId}::int, ${actorKind}, ${change.now},
          jsonb_build_object('amId', before_am, 'trackId', before_track), jsonb_build_object('amId', am_id, 'trackId', track_id),
          'customer reassigned'
        from moved returning 1
      )
      select id from moved`,
  );
  await afterOpportunityWrite(
    tx,
    moved.map((r) => r.id),
    change,
  );
  return moved.length;
}
