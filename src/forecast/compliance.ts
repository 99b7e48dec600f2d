import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { rollingWindow } from './rules.js';
import { numbersRowScope } from './scope.js';
import { readSettings } from './settings.js';
import { IN_SNAPSHOT } from './snapshots.js';

/**
 * `GET /forecast/compliance?month=` (SPEC §9.1): per AM, the integrated opportunities due in month M's
 * update (those M's snapshot holds, or would hold while the window is open) and which of them had a
 * rolling PUT inside the window — a PUT with unchanged values counts as the confirmation it is.
 */
export async function readCompliance(db: Db, month: string, actor: Actor, timeZone: string) {
  const { windowDays } = await readSettings(db);
  const { start, close } = rollingWindow(month, windowDays, timeZone);
  const day = `${month}-01`;
  const rows = await queryRows<{ am_id: number; due: number[]; updated: number[] }>(
    db,
    sql`
    with frozen as (select 1 from forecast_snapshots where month = ${day}::date),
    due as (
      select i.opportunity_id as id, i.am_id, i.track_id from forecast_snapshot_items i
      where i.month = ${day}::date and i.business_line = 'integrated' and exists (select 1 from frozen)
      union all
      select o.id, o.am_id, o.track_id from opportunities o
      where not exists (select 1 from frozen) and o.business_line = 'integrated' and o.id in (${IN_SNAPSHOT})
    ),
    updated as (
      select distinct h.entity_id as id from history h
      where h.entity = 'opportunity' and h.action = 'rolling_forecast'
        and h.at >= ${start.toISOString()}::timestamptz and h.at < ${close.toISOString()}::timestamptz
    )
    select due.am_id, array_agg(due.id order by due.id) as due,
           coalesce(array_agg(due.id order by due.id) filter (where u.id is not null), '{}') as updated
    from due left join updated u on u.id = due.id
    where ${numbersRowScope(actor, 'due')}
    group by due.am_id order by due.am_id`,
  );
  return {
    month,
    windowStart: start.toISOString(),
    windowEnd: close.toISOString(),
    ams: rows.map((r) => {
      const updated = new Set(r.updated.map(Number));
      const due = r.due.map(Number);
      return { amId: r.am_id, due: due.length, updated: updated.size, missing: due.filter((id) => !updated.has(id)) };
    }),
  };
}
