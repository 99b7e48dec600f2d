import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const day = (name: string) => date(name, { mode: 'string' });

/** Columns every write-back fact carries: attribution fixed at first write, the resolved references, the run. */
const attribution = () => ({
  customerId: integer('customer_id').notNull(),
  trackId: integer('track_id').notNull(),
  amId: integer('am_id').notNull(),
  opportunityCode: text('opportunity_code'),
  void: boolean('void').notNull().default(false),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  runId: integer('run_id').notNull(),
});

/** 出货 · actual shipments (APS/ERP/PM): the sales amount and, where known, the cost of sales. */
export const shipments = pgTable(
  'shipments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    docNo: text('doc_no').notNull(),
    lineNo: text('line_no').notNull(),
    date: day('date').notNull(),
    amount: money('amount').notNull(),
    cost: money('cost'),
    ...attribution(),
  },
  (t) => [
    uniqueIndex('shipments_doc_key').on(t.source, t.docNo, t.lineNo),
    index('shipments_customer_date_idx').on(t.customerId, t.date),
    index('shipments_opportunity_idx').on(t.opportunityCode).where(sql`${t.opportunityCode} is not null`),
  ],
);

/** 出货计划 · shipment plans from APS, by month. */
export const shipmentPlans = pgTable(
  'shipment_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    planNo: text('plan_no').notNull(),
    lineNo: text('line_no').notNull(),
    month: day('month').notNull(),
    amount: money('amount').notNull(),
    ...attribution(),
  },
  (t) => [
    uniqueIndex('shipment_plans_doc_key').on(t.source, t.planNo, t.lineNo),
    index('shipment_plans_customer_idx').on(t.customerId, t.month),
  ],
);

/** 接单 · SAP sales orders. */
export const salesOrders = pgTable(
  'sales_orders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderNo: text('order_no').notNull(),
    lineNo: text('line_no').notNull(),
    date: day('date').notNull(),
    amount: money('amount').notNull(),
    ...attribution(),
  },
  (t) => [
    uniqueIndex('sales_orders_doc_key').on(t.orderNo, t.lineNo),
    index('sales_orders_customer_date_idx').on(t.customerId, t.date),
  ],
);

/** 销售费用 · selling expenses, per track and optionally per AM. */
export const expenses = pgTable(
  'expenses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    docNo: text('doc_no').notNull(),
    lineNo: text('line_no').notNull(),
    date: day('date').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id'),
    category: text('category'),
    amount: money('amount').notNull(),
    void: boolean('void').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    runId: integer('run_id').notNull(),
  },
  (t) => [
    uniqueIndex('expenses_doc_key').on(t.docNo, t.lineNo),
    index('expenses_track_date_idx').on(t.trackId, t.date),
  ],
);

/** 应收 · receivable balance snapshots per customer. */
export const receivables = pgTable(
  'receivables',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    asOf: day('as_of').notNull(),
    balance: money('balance').notNull(),
    customerId: integer('customer_id').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    void: boolean('void').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    runId: integer('run_id').notNull(),
  },
  (t) => [
    uniqueIndex('receivables_key').on(t.customerId, t.asOf),
    index('receivables_track_idx').on(t.trackId, t.asOf),
  ],
);

/**
 * Sales and order targets per month, track and AM (am_id 0 = the track's own row). The current value
 * is here; every imported version of a row is kept in target_versions.
 */
export const targets = pgTable(
  'targets',
  {
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    kind: text('kind', { enum: ['sales', 'orders'] }).notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    amount: money('amount').notNull(),
    runId: integer('run_id').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year, t.month, t.trackId, t.amId] })],
);

export const targetVersions = pgTable(
  'target_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    kind: text('kind').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    before: money('before'),
    after: money('after'),
    at: instant('at').notNull(),
  },
  (t) => [index('target_versions_key_idx').on(t.kind, t.year, t.trackId, t.amId)],
);

/**
 * Monthly rollups the board reads (ARCHITECTURE: never the raw lines). One row per measure, month,
 * source, track, AM, customer and opportunity code; kept in the write-back's transaction.
 * measure: sales | sales_with_cost | cost | orders | expenses | plans. 0 / '' mean "none".
 */
export const factMonthly = pgTable(
  'fact_monthly',
  {
    measure: text('measure').notNull(),
    month: day('month').notNull(),
    source: text('source').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    customerId: integer('customer_id').notNull(),
    opportunityCode: text('opportunity_code').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    // AM first: the drill-down below an AM reads its customers' cells through this key alone.
    primaryKey({
      name: 'fact_monthly_pk',
      columns: [t.amId, t.measure, t.month, t.source, t.trackId, t.customerId, t.opportunityCode],
    }),
    // Which months' shipments name an opportunity: its accuracy months go stale when it appears or moves.
    index('fact_monthly_opportunity_idx')
      .on(t.opportunityCode, t.month)
      .where(sql`${t.opportunityCode} <> '' and ${t.measure} = 'sales'`),
  ],
);

/** The board's grain — month × source × track × AM — so a whole board reads a few thousand rows. */
export const factAmMonthly = pgTable(
  'fact_am_monthly',
  {
    measure: text('measure').notNull(),
    month: day('month').notNull(),
    source: text('source').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [primaryKey({ name: 'fact_am_monthly_pk', columns: [t.month, t.measure, t.source, t.trackId, t.amId] })],
);

/** Daily sales per track and AM, for DSO's trailing 90 days. */
export const salesDaily = pgTable(
  'sales_daily',
  {
    day: day('day').notNull(),
    source: text('source').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.source, t.trackId, t.amId] })],
);

/** Every import: who, what kind, how many rows did what, how long, and the errors of a rejected batch. */
export const exchangeRuns = pgTable(
  'exchange_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    via: text('via').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    startedAt: instant('started_at').notNull(),
    durationMs: integer('duration_ms').notNull().default(0),
    status: text('status').notNull(),
    rows: integer('rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    voided: integer('voided').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors'),
    fileName: text('file_name'),
  },
  (t) => [index('exchange_runs_started_idx').on(t.startedAt)],
);

/** An Idempotency-Key is scoped to its caller and remembers the first answer (SPEC §9). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** A month marked complete for a source (POST /exchange/close): rules that need complete data wait for it. */
export const monthCloses = pgTable(
  'month_closes',
  {
    source: text('source').notNull(),
    month: day('month').notNull(),
    closedAt: instant('closed_at').notNull(),
    actorName: text('actor_name'),
  },
  (t) => [primaryKey({ columns: [t.source, t.month] })],
);

/** "Data as of" per kind and source (SPEC §3): kept by each write-back, read by the board. */
export const dataSources = pgTable(
  'data_sources',
  {
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    lastWriteAt: instant('last_write_at').notNull(),
    latestFactDate: day('latest_fact_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.source] })],
);

/** Per customer and month the receivable balance in force at month end (see receivable-month-ends.ts). */
export const receivableMonthEnds = pgTable(
  'receivable_month_ends',
  {
    month: day('month').notNull(),
    customerId: integer('customer_id').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    balance: money('balance').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.customerId] })],
);
