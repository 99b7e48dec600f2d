import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { getCustomer } from '../org/customer-store.js';
import type { CustomerScope } from '../org/permissions.js';
import { dimensionValue } from './board.js';
import type { DimensionNo } from './contract.js';
import type { PlainLevel, PlainRow } from './drill-order.js';
import type { Range } from './store.js';

/** The row of a customer's lines that name none of its opportunities (no code, or a code not yet known). */
export const UNLINKED = { id: 'unlinked', zh: '未关联商机', en: 'No opportunity' } as const;

/**
 * Which of a customer's fact lines a lines level lists: all of them, one opportunity's, or those naming
 * none of its opportunities. The condition is on a line `x` (shipments or sales orders).
 */
export type LinesOf = { kind: 'all' } | { kind: 'opportunity'; code: string } | { kind: 'unlinked' };

export function linesOfSql(of: LinesOf): SQL {
  if (of.kind === 'opportunity') return sql`and x.opportunity_code = ${of.code}`;
  if (of.kind === 'unlinked')
    return sql`and not exists (select from opportunities o where o.code = x.opportunity_code and o.customer_id = x.customer_id)`;
  return sql``;
}

/** The opportunity a drill-down row opens, checked against the caller's customer scope. */
export async function opportunityInScope(db: Db, id: number, scope: CustomerScope) {
  const [row] = await queryRows<{ code: string; customerId: number }>(
    db,
    sql`select code, customer_id as "customerId" from opportunities where id = ${id}`,
  );
  if (!row) throw notFound('opportunity');
  await getCustomer(db, row.customerId, scope).catch(() => {
    throw notFound('opportunity');
  });
  return row;
}

type Cells = { sales: number; orders: number; swc: number; cost: number; s90: number };
const ZERO: Cells = { sales: 0, orders: 0, swc: 0, cost: 0, s90: 0 };
const round2 = (n: number) => Math.round(n * 100) / 100;

const measuresOf = (c: Cells, arBalance: number | null) => ({
  id: 0,
  trackId: 0,
  sales: round2(c.sales),
  salesTarget: null,
  orders: round2(c.orders),
  ordersTarget: null,
  salesWithCost: round2(c.swc),
  cost: round2(c.cost),
  expenses: null,
  arBalance,
  sales90: round2(c.s90),
});

/**
 * Customer → its opportunities (SPEC §3): the customer's rollup cells of the period and its shipments of
 * the last 90 days, by the opportunity their lines name; lines naming none of the customer's
 * opportunities form one more row. Targets stop at the AM and receivables at the customer, so an
 * opportunity's row carries sales, orders and gross margin, and for dimensions 7 and 8 its part of the
 * denominator (sales, 90-day shipments); the parent is the whole customer, AR balance included.
 */
export async function opportunityLevel(
  db: Db,
  no: DimensionNo,
  customerId: number,
  range: Range,
  scope: CustomerScope,
): Promise<PlainLevel> {
  await getCustomer(db, customerId, scope);
  const cells = await queryRows<Cells & { id: number | null; name: string | null; code: string | null }>(
    db,
    sql`with f as (
      select opportunity_code as code,
        sum(amount) filter (where measure = 'sales') as sales, sum(amount) filter (where measure = 'orders') as orders,
        sum(amount) filter (where measure = 'sales_with_cost') as swc, sum(amount) filter (where measure = 'cost') as cost
      from fact_monthly where customer_id = ${customerId} and month between ${range.from}::date and ${range.to}::date
      group by 1
    ), s90 as (
      select coalesce(opportunity_code, '') as code, sum(amount) as s90 from shipments
      where customer_id = ${customerId} and not void and date between ${range.end}::date - 89 and ${range.end}::date
      group by 1
    ), c as (
      select coalesce(f.code, s90.code) as code, coalesce(f.sales, 0) as sales, coalesce(f.orders, 0) as orders,
        coalesce(f.swc, 0) as swc, coalesce(f.cost, 0) as cost, coalesce(s90.s90, 0) as s90
      from f full join s90 on s90.code = f.code
    )
    select o.id, o.code, o.name, c.sales::float8 as sales, c.orders::float8 as orders, c.swc::float8 as swc,
      c.cost::float8 as cost, c.s90::float8 as s90
    from c left join opportunities o on o.code = c.code and o.customer_id = ${customerId}
    order by o.code nulls last`,
  );
  const [ar] = await queryRows<{ balance: number | null }>(
    db,
    sql`select round(sum(balance), 2)::float8 as balance from (
      select distinct on (am_id) balance from receivables
      where customer_id = ${customerId} and as_of <= ${range.end}::date and not void order by am_id, as_of desc) b`,
  );
  const add = (a: Cells, b: Cells): Cells => ({
    sales: a.sales + b.sales,
    orders: a.orders + b.orders,
    swc: a.swc + b.swc,
    cost: a.cost + b.cost,
    s90: a.s90 + b.s90,
  });
  const linked = cells.filter((c) => c.id !== null);
  const unlinked = cells.filter((c) => c.id === null).reduce(add, ZERO);
  const rowOf = (id: number | string, name: string, c: Cells): PlainRow => {
    const value = dimensionValue(no, measuresOf(c, null));
    return { id, name, ...value, numerator: no === 8 ? null : value.numerator };
  };
  const rows = linked.map((c) => rowOf(c.id!, `${c.code} ${c.name}`, c));
  if (cells.some((c) => c.id === null)) rows.push(rowOf(UNLINKED.id, UNLINKED.zh, unlinked));
  const parent = dimensionValue(no, measuresOf(cells.reduce(add, ZERO), ar?.balance ?? null));
  return { level: 'opportunity', no, parent, rows };
}
