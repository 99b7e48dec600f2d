import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rebuildMonthEnds } from './receivable-month-ends.js';

/**
 * Recomputes every rollup from the fact lines, set-based. The write-back keeps the rollups
 * incrementally; this is the reference they must equal (tests compare the two), and the repair tool
 * after a bulk load straight into the fact tables (benchmarks, migrations of history).
 */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`truncate fact_monthly, fact_am_monthly, sales_daily`);
    await tx.execute(sql`insert into fact_monthly (measure, month, source, track_id, am_id, customer_id, opportunity_code, amount)
      select v.measure, date_trunc('month', f.date)::date, f.source, f.track_id, f.am_id, f.customer_id, coalesce(f.opportunity_code, ''), sum(v.amount)
      from shipments f cross join lateral (values ('sales', f.amount), ('sales_with_cost', case when f.cost is not null then f.amount end), ('cost', f.cost)) v(measure, amount)
      where not f.void and v.amount is not null group by 1, 2, 3, 4, 5, 6, 7
      union all
      select 'plans', f.month, f.source, f.track_id, f.am_id, f.customer_id, coalesce(f.opportunity_code, ''), sum(f.amount)
      from shipment_plans f where not f.void group by 2, 3, 4, 5, 6, 7
      union all
      select 'orders', date_trunc('month', f.date)::date, 'SAP', f.track_id, f.am_id, f.customer_id, coalesce(f.opportunity_code, ''), sum(f.amount)
      from sales_orders f where not f.void group by 2, 4, 5, 6, 7
      union all
      select 'expenses', date_trunc('month', f.date)::date, '', f.track_id, coalesce(f.am_id, 0), 0, '', sum(f.amount)
      from expenses f where not f.void group by 2, 4, 5`);
    await tx.execute(sql`insert into fact_am_monthly (measure, month, source, track_id, am_id, amount)
      select measure, month, source, track_id, am_id, sum(amount) from fact_monthly group by 1, 2, 3, 4, 5`);
    await tx.execute(sql`insert into sales_daily (day, source, track_id, am_id, amount)
      select date, source, track_id, am_id, sum(amount) from shipments where not void group by 1, 2, 3, 4`);
    await rebuildMonthEnds(tx);
  });
}
