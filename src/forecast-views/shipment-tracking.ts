import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { accuracyConfigFor } from '../forecast/accuracy-config.js';
import { cents } from '../forecast/rules.js';
import type { Stage } from '../forecast/schema.js';
import { canSeeOpportunity } from '../forecast/scope.js';
import type { Actor } from '../org/permissions.js';
import type { ShipmentTrackingDto } from './contract.js';
import { dataAsOf } from './data-as-of.js';
import { ownTrack, trackInScope, unknownFilter, viewNarrow } from './scope.js';

type Query = { customerId?: number | undefined; opportunityId?: number | undefined; trackId?: number | undefined };
type Opp = {
  id: number;
  code: string;
  name: string;
  customerId: number;
  trackId: number;
  amId: number;
  businessLine: 'integrated' | 'commodity';
  stage: Stage;
};
type Cell = {
  kind: 'planned' | 'actual' | 'forecast';
  month: string;
  customerId: number;
  code: string;
  amount: number;
};

const MONTHS = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Per month of the year the shipment source that counts for actuals (the accuracy config in force then). */
async function actualsSources(db: Db, year: number) {
  const out: { month: string; source: string | null }[] = [];
  for (const month of MONTHS(year)) out.push({ month, source: (await accuracyConfigFor(db, month)).actualsSource });
  return out;
}

/** The customers and opportunities the filters name, each checked against the caller's scope (404 naming it). */
async function resolveFilters(db: Db, actor: Actor, query: Query): Promise<SQL> {
  if (query.trackId) await trackInScope(db, actor, query.trackId);
  const where: SQL[] = [];
  if (query.customerId) {
    const [c] = await queryRows<{ trackId: number }>(
      db,
      sql`select track_id as "trackId" from customers where id = ${query.customerId}`,
    );
    const own = ownTrack(actor);
    if (!c || (own !== null && c.trackId !== own)) throw unknownFilter('customerId', { zh: '客户', en: 'Customer' });
    where.push(sql`c.id = ${query.customerId}`);
  }
  if (query.opportunityId) {
    const [o] = await queryRows<Opp>(
      db,
      sql`select track_id as "trackId", am_id as "amId", business_line as "businessLine", stage, customer_id as "customerId"
        from opportunities where id = ${query.opportunityId}`,
    );
    if (!o || !canSeeOpportunity(actor, o)) throw unknownFilter('opportunityId', { zh: '商机', en: 'Opportunity' });
    where.push(sql`c.id = ${o.customerId}`);
  }
  const track = query.trackId ?? ownTrack(actor);
  if (track) where.push(sql`c.track_id = ${track}`);
  return where.length ? sql.join(where, sql` and `) : sql`true`;
}

/**
 * `GET /forecast/shipment-tracking` (SPEC §6.6 出货跟踪): per opportunity and per customer, by month of the
 * year, the APS shipment plans, the actual shipments (only the source named for actuals) and the
 * forecast (the rolling version's shipments; the quote's for commodity). A customer's row holds all its
 * lines, those carrying no opportunity code too; its forecast is its visible opportunities'.
 */
export async function readShipmentTracking(
  db: Db,
  actor: Actor,
  year: number,
  query: Query,
): Promise<ShipmentTrackingDto> {
  const customerWhere = await resolveFilters(db, actor, query);
  const sources = await actualsSources(db, year);
  const opps = await queryRows<Opp>(
    db,
    sql`select o.id, o.code, o.name, o.customer_id as "customerId", o.track_id as "trackId", o.am_id as "amId",
        o.business_line as "businessLine", o.stage
      from opportunities o join customers c on c.id = o.customer_id
      where ${customerWhere} and ${viewNarrow(actor, {})('o')}
        ${query.opportunityId ? sql`and o.id = ${query.opportunityId}` : sql``}
      order by o.id`,
  );
  const customers = await queryRows<{ id: number; code: string; name: string; trackId: number; amId: number }>(
    db,
    sql`select c.id, c.code, c.name, c.track_id as "trackId", c.am_id as "amId" from customers c
      where ${customerWhere} order by c.id`,
  );
  const cells = await cellsOf(db, year, sources, customerWhere);
  const visible = new Set(opps.map((o) => o.code));
  const byOpp = groupBy(
    cells.filter((c) => visible.has(c.code)),
    (c) => c.code,
  );
  // A customer's forecast is that of the opportunities the caller reads (the planner: no pre-H quotes).
  const byCustomer = groupBy(
    cells.filter((c) => c.kind !== 'forecast' || visible.has(c.code)),
    (c) => String(c.customerId),
  );
  const months = MONTHS(year);
  return {
    year,
    actualsSources: sources,
    opportunities: opps
      .map((o) => ({
        opportunityId: o.id,
        code: o.code,
        name: o.name,
        customerId: o.customerId,
        trackId: o.trackId,
        amId: o.amId,
        businessLine: o.businessLine,
        stage: o.stage,
        ...figures(months, byOpp.get(o.code) ?? []),
      }))
      .filter((o) => hasFigures(o.total)),
    customers: customers
      .filter(() => !query.opportunityId)
      .map((c) => ({
        customerId: c.id,
        code: c.code,
        name: c.name,
        trackId: c.trackId,
        amId: c.amId,
        ...figures(months, byCustomer.get(String(c.id)) ?? []),
      }))
      .filter((c) => hasFigures(c.total)),
    dataAsOf: await dataAsOf(db, months[11]!, ['shipments', 'shipment-plans']),
  };
}

/** Plans and actuals from the monthly rollup, the live forecast's shipment lines, per customer, code and month. */
async function cellsOf(
  db: Db,
  year: number,
  sources: { month: string; source: string | null }[],
  customerWhere: SQL,
): Promise<Cell[]> {
  const named = sql.join(
    sources.map((s) => sql`(${`${s.month}-01`}::date, ${s.source}::text)`),
    sql`, `,
  );
  const inYear = (column: SQL) =>
    sql`${column} >= make_date(${year}, 1, 1) and ${column} < make_date(${year + 1}, 1, 1)`;
  return queryRows<Cell>(
    db,
    sql`with named(month, source) as (values ${named}),
      cust as (select c.id from customers c where ${customerWhere})
      select case when f.measure = 'plans' then 'planned' else 'actual' end as kind, to_char(f.month, 'YYYY-MM') as month,
        f.customer_id as "customerId", f.opportunity_code as code, sum(f.amount)::float8 as amount
      from fact_monthly f join named n on n.month = f.month
      where f.customer_id in (select id from cust) and f.measure in ('plans', 'sales') and ${inYear(sql`f.month`)}
        and (f.measure = 'plans' or n.source is null or f.source = n.source)
      group by 1, 2, 3, 4
      union all
      select 'forecast', to_char(m.month, 'YYYY-MM'), o.customer_id, o.code, sum(m.amount)::float8
      from opportunities o join forecast_months m on m.opportunity_id = o.id and m.line = 'shipment'
        and m.version = case when o.business_line = 'commodity' then 'precision' else 'rolling' end
      where o.customer_id in (select id from cust) and o.stage <> 'lost' and ${inYear(sql`m.month`)}
      group by 1, 2, 3, 4`,
  );
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

function figures(months: string[], cells: Cell[]) {
  const sum = (kind: Cell['kind'], month?: string) =>
    cents(cells.filter((c) => c.kind === kind && (!month || c.month === month)).reduce((a, c) => a + c.amount, 0));
  return {
    months: months.map((month) => ({
      month,
      planned: sum('planned', month),
      actual: sum('actual', month),
      forecast: sum('forecast', month),
    })),
    total: { planned: sum('planned'), actual: sum('actual'), forecast: sum('forecast') },
  };
}

const hasFigures = (t: { planned: number; actual: number; forecast: number }) =>
  t.planned !== 0 || t.actual !== 0 || t.forecast !== 0;
