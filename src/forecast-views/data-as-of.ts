import { sql } from 'drizzle-orm';
import type { SourceFreshness } from '../board/store.js';
import { type Db, queryRows } from '../db/client.js';

/**
 * "Data as of" per source, as the board shows it (SPEC §3, §9.1): last write, latest fact, latest closed
 * month, and whether `month` is closed for the source. Each view names the kinds it reads (shipment
 * tracking reads the APS plans, which the board leaves out).
 */
export async function dataAsOf(db: Db, month: string, kinds?: readonly string[]) {
  // Without kinds: the board's sources of actuals (every kind but the plans).
  const which = kinds
    ? sql`d.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql`d.kind <> 'shipment-plans'`;
  const rows = await queryRows<SourceFreshness>(
    db,
    sql`select d.source, d.kind,
      to_char(d.last_write_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastWriteAt",
      to_char(d.latest_fact_date, 'YYYY-MM-DD') as "latestFactDate",
      (select to_char(max(month), 'YYYY-MM') from month_closes c where c.source = d.source) as "closedThrough"
    from data_sources d where ${which} order by d.kind, d.source`,
  );
  return rows.map((s) => ({ ...s, complete: s.closedThrough !== null && s.closedThrough >= month }));
}
