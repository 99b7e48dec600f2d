import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';

/**
 * Month-end receivables (for DSO): per customer and month, the latest non-void snapshot on or before
 * the month's last day, from the customer's first snapshot month up to the horizon — the latest month
 * any snapshot falls in. Kept by the receivables write-back so the board sums a few thousand rows
 * instead of searching every customer's snapshots; months past the horizon are searched directly.
 */
export async function refreshMonthEnds(tx: Db, customerIds: string): Promise<void> {
  const [before] = await queryRows<{ h: string | null }>(
    tx,
    sql`select to_char(max(month), 'YYYY-MM-DD') as h from receivable_month_ends`,
  );
  const [after] = await queryRows<{ h: string | null }>(
    tx,
    sql`select to_char(max(date_trunc('month', as_of)), 'YYYY-MM-DD') as h from receivables where not void`,
  );
  const affected = sql.raw(customerIds);
  // Never below the old horizon: other customers' rows reach it, and a month must hold every customer.
  const horizon = before?.h && after?.h && before.h > after.h ? before.h : after?.h;
  await tx.execute(sql`delete from receivable_month_ends where customer_id in (${affected})`);
  if (!after?.h) return;
  await tx.execute(sql`insert into receivable_month_ends (month, customer_id, track_id, am_id, balance)
    select m::date, c.id, r.track_id, r.am_id, r.balance
    from (select id from customers where id in (${affected})) c
    cross join lateral generate_series(
      (select date_trunc('month', min(as_of)) from receivables where customer_id = c.id and not void), ${horizon}::date, interval '1 month') m
    cross join lateral (
      select track_id, am_id, balance from receivables r where r.customer_id = c.id and not r.void
        and r.as_of < m + interval '1 month' order by r.as_of desc limit 1) r`);
  // A later horizon carries every other customer's last balance forward.
  if (before?.h && after.h > before.h) {
    await tx.execute(sql`insert into receivable_month_ends (month, customer_id, track_id, am_id, balance)
      select m::date, e.customer_id, e.track_id, e.am_id, e.balance from receivable_month_ends e
      cross join generate_series(${before.h}::date + interval '1 month', ${after.h}::date, interval '1 month') m
      where e.month = ${before.h}::date and e.customer_id not in (${affected})`);
  }
}

/** Rebuilds every month-end row from the snapshots (the reference, and the repair after bulk loads). */
export async function rebuildMonthEnds(tx: Db): Promise<void> {
  await tx.execute(sql`truncate receivable_month_ends`);
  await refreshMonthEnds(tx, 'select distinct customer_id from receivables');
}
