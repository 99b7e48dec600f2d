import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, queryRows } from '../db/client.js';
import { invalidField, notFound } from '../http/errors.js';
import { getCustomer } from '../org/customer-store.js';
import type { CustomerScope } from '../org/permissions.js';
import { accuracyDrilldown } from './accuracy-drilldown.js';
import { dimensionValue } from './board.js';
import type { DimensionNo, Drilldown } from './contract.js';
import { type ActualOf, type PlainLevel, type PlainRow, withShares, worstFirst } from './drill-order.js';
import { type LinesOf, linesOfSql, opportunityInScope, opportunityLevel } from './opportunity-drilldown.js';
import { betterOf, monthRange, ratio, statusOf } from './rules.js';
import { allMeasures, bandsFor, measures, type Range } from './store.js';

type DrilldownDto = Static<typeof Drilldown>;
type Row = PlainRow;
const UNASSIGNED = { zh: '未分配到下级', en: 'not assigned below' };
const MAX_LINES = 2000;

const scaleOf = (no: DimensionNo) => (no === 7 ? 1000 : no === 8 ? 90 : 1);

/** What a level's rows do not explain of their parent, so every level sums to the one above. */
function remainder(no: DimensionNo, parent: Row, rows: Row[]): Row | null {
  const sum = (pick: (r: Row) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const num = parent.numerator === null ? null : Math.round((parent.numerator - sum((r) => r.numerator)) * 100) / 100;
  const childDens = rows.some((r) => r.denominator !== null);
  const den =
    parent.denominator === null || !childDens
      ? null
      : Math.round((parent.denominator - sum((r) => r.denominator)) * 100) / 100;
  if (!num && !den) return null;
  // A fully explained numerator shows as "—", not as a misleading 0.
  return {
    id: 'unassigned',
    name: UNASSIGNED.zh,
    numerator: num || null,
    denominator: den,
    value: ratio(num || null, den, scaleOf(no)),
  };
}

async function amRows(db: Db, no: DimensionNo, trackId: number, range: Range): Promise<{ parent: Row; rows: Row[] }> {
  const all = await allMeasures(db, range);
  const track = all.tracks.find((t) => t.id === trackId);
  if (!track) throw notFound('track');
  const names = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from users where role = 'am' and track_id = ${trackId}`,
  );
  const ams = all.ams.filter((m) => m.trackId === trackId);
  const name = new Map(names.map((n) => [n.id, n.name]));
  const rows = ams.map((m) => ({ id: m.id, name: name.get(m.id) ?? String(m.id), ...dimensionValue(no, m) }));
  return { parent: { id: trackId, name: '', ...dimensionValue(no, track) }, rows };
}

async function customerRows(
  db: Db,
  no: DimensionNo,
  amId: number,
  range: Range,
  scope: CustomerScope,
): Promise<{ parent: Row; rows: Row[] }> {
  const [am] = await measures(db, 'am', range, amId);
  if (!am) throw notFound('user');
  if ((scope.kind === 'am' && scope.amId !== amId) || (scope.kind === 'track' && scope.trackId !== am.trackId))
    throw notFound('user');
  const rows = await queryRows<{
    id: number;
    name: string;
    sales: number | null;
    orders: number | null;
    swc: number | null;
    cost: number | null;
    ar: number | null;
    s90: number | null;
  }>(
    db,
    sql`with f as (
      select customer_id, measure, sum(amount) as amount from fact_monthly
      where am_id = ${amId} and month between ${range.from}::date and ${range.to}::date group by 1, 2
    ), ar as (
      select distinct on (customer_id) customer_id, balance from receivables
      where am_id = ${amId} and as_of <= ${range.end}::date and not void order by customer_id, as_of desc
    ), s90 as (
      select customer_id, sum(amount) as amount from shipments
      where am_id = ${amId} and not void and date between ${range.end}::date - 89 and ${range.end}::date group by 1
    ), ids as (select customer_id from f union select customer_id from ar union select customer_id from s90)
    select c.id, c.name,
      (select round(amount, 2)::float8 from f where f.customer_id = c.id and measure = 'sales') as sales,
      (select round(amount, 2)::float8 from f where f.customer_id = c.id and measure = 'orders') as orders,
      (select round(amount, 2)::float8 from f where f.customer_id = c.id and measure = 'sales_with_cost') as swc,
      (select round(amount, 2)::float8 from f where f.customer_id = c.id and measure = 'cost') as cost,
      (select round(balance, 2)::float8 from ar where ar.customer_id = c.id) as ar,
      (select round(amount, 2)::float8 from s90 where s90.customer_id = c.id) as s90
    from customers c join ids on ids.customer_id = c.id order by c.code`,
  );
  const measuresOf = (r: (typeof rows)[number]) => ({
    id: r.id,
    trackId: am.trackId,
    sales: r.sales,
    salesTarget: null,
    orders: r.orders,
    ordersTarget: null,
    salesWithCost: r.swc,
    cost: r.cost,
    expenses: null,
    arBalance: r.ar,
    sales90: r.s90,
  });
  return {
    parent: { id: amId, name: '', ...dimensionValue(no, am) },
    rows: rows.map((r) => ({ id: r.id, name: r.name, ...dimensionValue(no, measuresOf(r)) })),
  };
}

async function lineRows(db: Db, no: DimensionNo, customerId: number, range: Range, of: LinesOf): Promise<Row[]> {
  const orders = no === 3 || no === 4;
  const from = no === 8 ? sql`${range.end}::date - 89` : sql`${range.from}::date`;
  const to =
    no === 8 ? sql`${range.end}::date` : sql`(${range.to}::date + interval '1 month' - interval '1 day')::date`;
  const lines = await queryRows<{
    source: string;
    docNo: string;
    lineNo: string;
    date: string;
    amount: number;
    cost: number | null;
  }>(
    db,
    orders
      ? sql`select 'SAP' as source, order_no as "docNo", line_no as "lineNo", to_char(date, 'YYYY-MM-DD') as date, amount::float8 as amount, null::float8 as cost
          from sales_orders x where customer_id = ${customerId} and not void and date between ${from} and ${to} ${linesOfSql(of)} order by amount desc, date, order_no, line_no limit ${MAX_LINES}`
      : sql`select source, doc_no as "docNo", line_no as "lineNo", to_char(date, 'YYYY-MM-DD') as date, amount::float8 as amount, cost::float8 as cost
          from shipments x where customer_id = ${customerId} and not void and date between ${from} and ${to} ${linesOfSql(of)} order by amount desc, date, doc_no, line_no limit ${MAX_LINES}`,
  );
  return lines.map((l) => {
    const margin = no === 5;
    const numerator = margin ? (l.cost === null ? null : l.amount - l.cost) : no === 7 ? null : l.amount;
    const denominator = margin ? (l.cost === null ? null : l.amount) : no === 7 ? l.amount : null;
    return {
      id: `${l.source}/${l.docNo}/${l.lineNo}`,
      name: `${l.docNo}-${l.lineNo}`,
      numerator,
      denominator,
      value: ratio(numerator, denominator, scaleOf(no)),
      detail: l,
    };
  });
}

/**
 * Which amount a row's `actual` is: the numerator, except where the level carries none of it (dimension 7
 * below the AM: expenses are booked per AM, not per customer, so a customer's part is its sales) or it is
 * not an amount of the subject (dimension 6: the accurately forecast part; the actual shipments instead), or
 * receivables are not booked below it (dimension 8 below the customer: an opportunity's 90-day shipments).
 */
const actualOfLevel = (no: DimensionNo, level: DrilldownDto['level']): ActualOf =>
  level === 'line'
    ? 'amount'
    : no === 6 || (no === 7 && level !== 'am') || (no === 8 && level === 'opportunity')
      ? 'denominator'
      : 'numerator';

/**
 * Track → its AMs → their customers → their opportunities → the fact lines (SPEC §3), each level summing
 * to its parent. `unlinked` with a customer: its lines that name none of its opportunities.
 */
export async function drilldown(
  db: Db,
  query: {
    no: DimensionNo;
    subjectType: 'track' | 'am' | 'customer' | 'opportunity';
    subjectId: number;
    month: string;
    view: 'month' | 'ytd';
    unlinked?: boolean;
  },
  scope: CustomerScope,
): Promise<DrilldownDto> {
  const { no } = query;
  const [level, bands] = await Promise.all([plainDrilldown(db, query, scope), bandsFor(db, query.month)]);
  const better = betterOf(no);
  const band = bands.get(no)!;
  const actualOf = actualOfLevel(no, level.level);
  const parentActual =
    actualOf === 'amount'
      ? Math.round(
          level.rows.reduce((s, r) => s + (typeof r.detail?.amount === 'number' ? r.detail.amount : 0), 0) * 100,
        ) / 100
      : level.parent[actualOf];
  const rows = withShares(
    level.rows.map((r) => ({
      ...r,
      status: r.id === 'unassigned' ? ('none' as const) : statusOf(r.value, band, better),
    })),
    actualOf,
    parentActual,
  );
  return { ...level, actualOf, parent: { ...level.parent, actual: parentActual }, rows: worstFirst(rows, better) };
}

const linesLevel = (no: DimensionNo, rows: Row[]): PlainLevel => ({
  level: 'line',
  no,
  parent: { numerator: null, denominator: null, value: null },
  rows,
});

async function plainDrilldown(
  db: Db,
  query: {
    no: DimensionNo;
    subjectType: 'track' | 'am' | 'customer' | 'opportunity';
    subjectId: number;
    month: string;
    view: 'month' | 'ytd';
    unlinked?: boolean;
  },
  scope: CustomerScope,
): Promise<PlainLevel> {
  const range = monthRange(query.month, query.view);
  const { no } = query;
  if (query.unlinked && query.subjectType !== 'customer')
    throw invalidField('unlinked', {
      zh: '仅用于客户层（subjectType=customer）',
      en: 'only with subjectType=customer',
    });
  if (query.subjectType === 'opportunity') {
    const opportunity = await opportunityInScope(db, query.subjectId, scope);
    const of = { kind: 'opportunity', code: opportunity.code } as const;
    return linesLevel(no, await lineRows(db, no, opportunity.customerId, range, of));
  }
  if (query.subjectType === 'customer' && (no === 6 || query.unlinked)) {
    await getCustomer(db, query.subjectId, scope);
    const of = query.unlinked ? ({ kind: 'unlinked' } as const) : ({ kind: 'all' } as const);
    return linesLevel(no, await lineRows(db, no, query.subjectId, range, of));
  }
  if (query.subjectType === 'customer') return opportunityLevel(db, no, query.subjectId, range, scope);
  if (no === 6) return accuracyDrilldown(db, { ...query, subjectType: query.subjectType }, scope);
  const { parent, rows } =
    query.subjectType === 'track'
      ? await amRows(db, no, query.subjectId, range)
      : await customerRows(db, no, query.subjectId, range, scope);
  const rest = remainder(no, parent, rows);
  return {
    level: query.subjectType === 'track' ? 'am' : 'customer',
    no,
    parent: { numerator: parent.numerator, denominator: parent.denominator, value: parent.value },
    rows: rest ? [...rows, rest] : rows,
  };
}
