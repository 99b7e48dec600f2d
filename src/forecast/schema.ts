import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { customers, tracks, users } from '../org/schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
/** A month is stored as its first day. */
const month = (name: string) => date(name, { mode: 'string' });

export const STAGES = ['lead', 'L', 'M', 'H', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const OPPORTUNITY_KINDS = ['mold_development', 'mass_production', 'commodity_mold'] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];
export const FORECAST_VERSIONS = ['rolling', 'precision'] as const;
export type ForecastVersionName = (typeof FORECAST_VERSIONS)[number];

/**
 * 商机 (SPEC §6.1): AM and track come from the customer when it is created or moved; the business line
 * is the track's. Facts carry `opportunity_code` as text, so lines sent before the opportunity existed
 * resolve by code the moment it appears.
 */
export const opportunities = pgTable(
  'opportunities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    amId: integer('am_id')
      .notNull()
      .references(() => users.id),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id),
    businessLine: text('business_line', { enum: ['integrated', 'commodity'] }).notNull(),
    kind: text('kind', { enum: OPPORTUNITY_KINDS }).notNull(),
    stage: text('stage', { enum: STAGES }).notNull().default('lead'),
    /** Order-month moves later of the version that leads (rolling; the quote for commodity). */
    pushCount: integer('push_count').notNull().default(0),
    lostReason: text('lost_reason'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by'),
    /** Moves on any change of the opportunity, its versions or its stage (the feeds' `updatedSince`). */
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('opportunities_code_key').on(t.code),
    index('opportunities_track_idx').on(t.trackId, t.stage),
    index('opportunities_am_idx').on(t.amId),
    index('opportunities_customer_idx').on(t.customerId),
    index('opportunities_updated_idx').on(t.updatedAt, t.id),
  ],
);

/**
 * 滚动预测版 / 精度版: one row per opportunity and version. `order_month` and `amount` are the schedule's
 * first month and sum when the version carries monthly orders; either may be missing at year start.
 */
export const forecastVersions = pgTable(
  'forecast_versions',
  {
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    version: text('version', { enum: FORECAST_VERSIONS }).notNull(),
    orderMonth: month('order_month'),
    amount: money('amount'),
    /** The quote's lines (commodity), passed on to APS as sent. */
    items: jsonb('items'),
    /** Whether the schedule came as `orders` (mass production call-offs) rather than one order month. */
    hasOrders: boolean('has_orders').notNull().default(false),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.opportunityId, t.version] })],
);

/** The monthly lines of a version: orders (the schedule) and shipments, one row per month. */
export const forecastMonths = pgTable(
  'forecast_months',
  {
    opportunityId: integer('opportunity_id').notNull(),
    version: text('version', { enum: FORECAST_VERSIONS }).notNull(),
    line: text('line', { enum: ['order', 'shipment'] }).notNull(),
    month: month('month').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.opportunityId, t.version, t.line, t.month] }),
    index('forecast_months_month_idx').on(t.month, t.line, t.version),
  ],
);

/** The forecast's configurable numbers (SPEC assumptions): one row, versioned, history kept. */
export const forecastSettings = pgTable('forecast_settings', {
  id: integer('id').primaryKey().default(1),
  data: jsonb('data').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull().default(sql`now()`),
  updatedBy: integer('updated_by'),
});

/** 预测快照: month M's forecast as it was when M's rolling window closed (SPEC §6.4, §9.1). */
export const forecastSnapshots = pgTable('forecast_snapshots', {
  month: month('month').primaryKey(),
  /** The window's close: the instant the snapshot stands for, also when it was frozen late. */
  frozenAt: instant('frozen_at').notNull(),
  /** When it was actually written (a catch-up writes after the close). */
  writtenAt: instant('written_at').notNull(),
  items: integer('items').notNull(),
});

/** One opportunity of a snapshot: every one not lost and not fully shipped at the close. */
export const forecastSnapshotItems = pgTable(
  'forecast_snapshot_items',
  {
    month: month('month').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    code: text('code').notNull(),
    customerId: integer('customer_id').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    businessLine: text('business_line', { enum: ['integrated', 'commodity'] }).notNull(),
    kind: text('kind', { enum: OPPORTUNITY_KINDS }).notNull(),
    stage: text('stage', { enum: STAGES }).notNull(),
    probability: numeric('probability', { precision: 6, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.opportunityId] }),
    index('forecast_snapshot_items_track_idx').on(t.month, t.trackId),
    index('forecast_snapshot_items_code_idx').on(t.code),
  ],
);

/** The two versions of each snapshot item, as `forecast_versions` held them at the close. */
export const forecastSnapshotVersions = pgTable(
  'forecast_snapshot_versions',
  {
    month: month('month').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    version: text('version', { enum: FORECAST_VERSIONS }).notNull(),
    orderMonth: month('order_month'),
    amount: money('amount'),
    hasOrders: boolean('has_orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.opportunityId, t.version] })],
);

/** Their monthly lines (orders and shipments), as `forecast_months` held them at the close. */
export const forecastSnapshotMonths = pgTable(
  'forecast_snapshot_months',
  {
    month: month('month').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    version: text('version', { enum: FORECAST_VERSIONS }).notNull(),
    line: text('line', { enum: ['order', 'shipment'] }).notNull(),
    lineMonth: month('line_month').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.opportunityId, t.version, t.line, t.lineMonth] }),
    index('forecast_snapshot_months_line_idx').on(t.lineMonth, t.line, t.version),
  ],
);

/** 承接基准 (SPEC §6.2): a year's baseline; once locked, its items never change. */
export const baselines = pgTable('baselines', {
  year: integer('year').primaryKey(),
  status: text('status', { enum: ['open', 'locked'] }).notNull(),
  lockedAt: instant('locked_at'),
  lockedBy: integer('locked_by'),
});

/** The locked baseline: one row per opportunity and month of its rolling schedule in the year. */
export const baselineItems = pgTable(
  'baseline_items',
  {
    year: integer('year').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    code: text('code').notNull(),
    trackId: integer('track_id').notNull(),
    amId: integer('am_id').notNull(),
    month: month('month').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.opportunityId, t.month] })],
);

/** 机会层目标 ledger versions: 1 is the baseline at its lock; each executed request adds one. */
export const targetLedgerVersions = pgTable(
  'target_ledger_versions',
  {
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    requestId: integer('request_id'),
    executedAt: instant('executed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.version] })],
);

/** Signed entries (opportunity, month, amount) of a version; nothing is ever overwritten. */
export const targetLedgerEntries = pgTable(
  'target_ledger_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    month: month('month').notNull(),
    amount: money('amount').notNull(),
    requestId: integer('request_id'),
    at: instant('at').notNull(),
  },
  (t) => [
    index('target_ledger_entries_version_idx').on(t.year, t.version),
    index('target_ledger_entries_opportunity_idx').on(t.opportunityId, t.month),
  ],
);

export const REQUEST_KINDS = ['migrate', 'adjust_total'] as const;
export const REQUEST_STATUSES = [
  'submitted',
  'director_approved',
  'approved',
  'rejected',
  'withdrawn',
  'executed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** 目标修改请求 (SPEC §6.3, §9.1): lines of one track, decided step by step, executed into the ledger. */
export const targetRequests = pgTable(
  'target_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: REQUEST_KINDS }).notNull(),
    year: integer('year').notNull(),
    trackId: integer('track_id').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    submittedBy: integer('submitted_by').notNull(),
    submittedRole: text('submitted_role').notNull(),
    submittedAt: instant('submitted_at').notNull(),
    approvedAt: instant('approved_at'),
    executeDueAt: instant('execute_due_at'),
    executedAt: instant('executed_at'),
    ledgerVersion: integer('ledger_version'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('target_requests_track_idx').on(t.trackId, t.status),
    index('target_requests_submitter_idx').on(t.submittedBy),
  ],
);

export const targetRequestLines = pgTable(
  'target_request_lines',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => targetRequests.id),
    line: integer('line').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    month: month('month').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.line] })],
);

export const targetRequestDecisions = pgTable(
  'target_request_decisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => targetRequests.id),
    by: integer('by').notNull(),
    role: text('role').notNull(),
    decision: text('decision', { enum: ['approve', 'reject', 'withdraw', 'execute'] }).notNull(),
    comment: text('comment'),
    at: instant('at').notNull(),
  },
  (t) => [index('target_request_decisions_request_idx').on(t.requestId, t.id)],
);

export const ACCURACY_FORMULAS = ['wape', 'mean_item', 'ratio'] as const;
export const ACCURACY_VERSIONS = ['rolling', 'precision', 'precision_else_rolling'] as const;
export const ACCURACY_GRANULARITIES = ['opportunity', 'customer', 'track'] as const;

/**
 * How forecast accuracy is measured (SPEC §6.7): effective-dated rows, each change a new row (history
 * kept). Month M reads the latest row with `effective_month` ≤ M (the latest change wins a tie).
 */
export const forecastAccuracyConfigs = pgTable(
  'forecast_accuracy_configs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** `YYYY-MM`, compared as text like the board's threshold bands. */
    effectiveMonth: text('effective_month').notNull(),
    formula: text('formula', { enum: ACCURACY_FORMULAS }).notNull(),
    lag: integer('lag').notNull(),
    version: text('version', { enum: ACCURACY_VERSIONS }).notNull(),
    granularity: text('granularity', { enum: ACCURACY_GRANULARITIES }).notNull(),
    /** The shipment source that counts for actuals; null: every source. */
    actualsSource: text('actuals_source'),
    changedAt: instant('changed_at').notNull(),
    changedBy: integer('changed_by'),
  },
  (t) => [index('forecast_accuracy_configs_month_idx').on(t.effectiveMonth, t.id)],
);

/**
 * Each month's accuracy sums per track (amId 0) and per AM, for one way of measuring (lag, version,
 * granularity, source): the board and the YTD view add months up instead of re-reading a year of lines.
 */
export const forecastAccuracyCache = pgTable(
  'forecast_accuracy_cache',
  {
    month: month('month').notNull(),
    lag: integer('lag').notNull(),
    version: text('version', { enum: ACCURACY_VERSIONS }).notNull(),
    granularity: text('granularity', { enum: ACCURACY_GRANULARITIES }).notNull(),
    /** The actuals source, '' for every source. */
    source: text('source').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    sums: jsonb('sums').notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.lag, t.version, t.granularity, t.source] })],
);
