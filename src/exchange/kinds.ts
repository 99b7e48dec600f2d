import { sql } from 'drizzle-orm';
import { copyRows, type Db, queryRows } from '../db/client.js';
import type { Changer } from '../history/store.js';
import type { CustomerRow, ExchangeKind, ExpenseRow, ReceivableRow, TargetRow } from './contract.js';
import {
  LINE_SPECS,
  type LineKind,
  type MergeCounts,
  mergeLines,
  stageRowsOf,
  unknownCustomers,
} from './line-facts.js';
import {
  mergeOpportunities,
  OPPORTUNITY_STAGE_COLUMNS,
  opportunityProblems,
  stageOpportunityRows,
} from './opportunities.js';
import {
  customerProblems,
  expenseProblems,
  mergeCustomers,
  mergeExpenses,
  mergeReceivables,
  mergeTargets,
  type Problem,
  receivableProblems,
  targetProblems,
} from './other-facts.js';

/**
 * How each write-back kind is staged (a transaction-scoped table filled chunk by chunk, so memory stays
 * flat whatever the batch size), which staged columns key a line, and how it is checked and merged.
 */
export type KindHandler = {
  table: string;
  columns: string;
  /** Staged columns naming one line: a line may appear once per batch. */
  key: string[];
  /** The row field reported for a duplicate. */
  keyField: string;
  toStage(rows: unknown[], firstIndex: number): Record<string, unknown>[];
  /** (source, latest fact date) of the staged rows, for "data as of"; null for kinds that are not facts. */
  freshness: string | null;
  problems(tx: Db, actor: Changer): Promise<Problem[]>;
  /**
   * Whether the checks read only the batch and the organisation, never what this kind's own merges write:
   * then a batch is checked and staged before it waits for the kind's lock, while another one merges.
   */
  checksBeforeLock?: true;
  merge(tx: Db, runId: number, now: Date, actor: Changer, timeZone?: string): Promise<MergeCounts>;
};

const LINE_COLUMNS =
  'i int, source text, doc text, line text, day date, customer text, opp text, amount numeric(18,2), cost numeric(18,2), void boolean';

const UNKNOWN_CUSTOMER = { zh: '客户编码不存在', en: 'unknown customer code' };

const lineHandler = (kind: LineKind): KindHandler => ({
  table: 'stage_lines',
  columns: LINE_COLUMNS,
  key: ['source', 'doc', 'line'],
  keyField: 'lineNo',
  toStage: (rows, first) => stageRowsOf(kind, rows).map((r) => ({ ...r, i: r.i + first })),
  freshness: 'select source, max(day) from stage_lines group by source',
  problems: async (tx) =>
    (await unknownCustomers(tx)).map((u) => ({
      i: u.i,
      field: 'customerCode',
      value: u.customer,
      why: UNKNOWN_CUSTOMER,
    })),
  checksBeforeLock: true,
  merge: (tx, runId, now) => mergeLines(tx, kind, runId, now),
});

const withIndex = <T>(rows: unknown[], first: number, map: (row: T) => Record<string, unknown>) =>
  rows.map((row, k) => ({ i: first + k, ...map(row as T) }));

export const HANDLERS: Record<ExchangeKind, KindHandler> = {
  shipments: lineHandler('shipments'),
  'shipment-plans': lineHandler('shipment-plans'),
  orders: lineHandler('orders'),
  expenses: {
    table: 'stage_expenses',
    columns:
      'i int, doc text, line text, day date, track_code text, am_code text, category text, amount numeric(18,2), void boolean',
    key: ['doc', 'line'],
    keyField: 'lineNo',
    freshness: "select 'ERP', max(day) from stage_expenses",
    toStage: (rows, first) =>
      withIndex<ExpenseRow>(rows, first, (r) => ({
        doc: r.docNo,
        line: String(r.lineNo),
        day: r.date,
        track_code: r.trackCode,
        am_code: r.amCode ?? null,
        category: r.category ?? null,
        amount: r.amount,
        void: r.void === true,
      })),
    problems: expenseProblems,
    merge: (tx, runId, now) => mergeExpenses(tx, runId, now),
  },
  receivables: {
    table: 'stage_receivables',
    columns: 'i int, as_of date, customer text, balance numeric(18,2), void boolean',
    key: ['customer', 'as_of'],
    keyField: 'asOf',
    freshness: "select 'ERP', max(as_of) from stage_receivables",
    toStage: (rows, first) =>
      withIndex<ReceivableRow>(rows, first, (r) => ({
        as_of: r.asOf,
        customer: r.customerCode,
        balance: r.balance,
        void: r.void === true,
      })),
    problems: receivableProblems,
    merge: (tx, runId, now) => mergeReceivables(tx, runId, now),
  },
  targets: {
    table: 'stage_targets',
    columns: 'i int, year int, month int, kind text, track_code text, am_code text, amount numeric(18,2), void boolean',
    key: ['kind', 'year', 'month', 'track_code', 'am_code'],
    keyField: 'amCode',
    freshness: null,
    toStage: (rows, first) =>
      withIndex<TargetRow>(rows, first, (r) => ({
        year: r.year,
        month: r.month,
        kind: r.kind,
        track_code: r.trackCode,
        am_code: r.amCode ?? null,
        amount: r.amount,
        void: r.void === true,
      })),
    problems: targetProblems,
    merge: (tx, runId, now) => mergeTargets(tx, runId, now),
  },
  customers: {
    table: 'stage_customers',
    columns: 'i int, code text, name text, am_code text',
    key: ['code'],
    keyField: 'code',
    freshness: null,
    toStage: (rows, first) =>
      withIndex<CustomerRow>(rows, first, (r) => ({ code: r.code, name: r.name, am_code: r.amCode })),
    problems: customerProblems,
    merge: (tx, _runId, now, actor, timeZone) => mergeCustomers(tx, actor, now, timeZone),
  },
  opportunities: {
    table: 'stage_opportunities',
    columns: OPPORTUNITY_STAGE_COLUMNS,
    key: ['code'],
    keyField: 'code',
    freshness: null,
    toStage: stageOpportunityRows,
    problems: opportunityProblems,
    merge: (tx, _runId, now, actor, timeZone) => mergeOpportunities(tx, now, actor, timeZone),
  },
};

export const isLineKind = (kind: ExchangeKind): kind is LineKind => kind in LINE_SPECS;

export async function createStage(tx: Db, handler: KindHandler): Promise<void> {
  await tx.execute(sql.raw(`create temp table ${handler.table} (${handler.columns}) on commit drop`));
}

/** Appends one chunk of staged rows with COPY (no row-by-row inserts, no JSON round trip). */
export async function stageChunk(tx: Db, handler: KindHandler, rows: Record<string, unknown>[]): Promise<void> {
  // Column names of the stage definition (commas inside numeric(18,2) do not separate columns).
  const columns = handler.columns.split(/,(?![^(]*\))/).map((c) => c.trim().split(' ')[0]!);
  await copyRows(tx, handler.table, columns, rows);
}

/** A line sent twice in one batch: every repeat after the first is a row problem (rows as the caller numbers them). */
export async function duplicateProblems(
  tx: Db,
  handler: KindHandler,
  rowNumber: (index: number) => number = (index) => index,
): Promise<Problem[]> {
  const key = handler.key.join(', ');
  // The common case, no repeats, costs one hash aggregate; only a batch with repeats pays for the window.
  const [counts] = await queryRows<{ rows: number; lines: number }>(
    tx,
    sql.raw(
      `select count(*)::int as rows, (select count(*)::int from (select distinct ${key} from ${handler.table}) d) as lines from ${handler.table}`,
    ),
  );
  if (counts!.rows === counts!.lines) return [];
  const rows = await queryRows<{ i: number; first: number }>(
    tx,
    sql.raw(
      `select i, first from (select i, min(i) over (partition by ${key}) as first from ${handler.table}) d where i <> first order by i`,
    ),
  );
  return rows.map((r) => ({
    i: r.i,
    field: handler.keyField,
    value: null,
    why: {
      zh: `与第 ${rowNumber(r.first)} 行重复（同一单据行在一批中只能出现一次）`,
      en: `repeats row ${rowNumber(r.first)} (a line may appear once per batch)`,
    },
  }));
}

/** Records when each source last wrote and its latest fact date (the board's "data as of"). */
export async function recordFreshness(tx: Db, kind: ExchangeKind, handler: KindHandler, now: Date): Promise<void> {
  if (!handler.freshness) return;
  await tx.execute(sql`insert into data_sources as d (kind, source, last_write_at, latest_fact_date)
    select ${kind}, f.source, ${now}, f.latest from (${sql.raw(handler.freshness)}) as f(source, latest) where f.latest is not null
    on conflict (kind, source) do update set last_write_at = excluded.last_write_at,
      latest_fact_date = greatest(d.latest_fact_date, excluded.latest_fact_date)`);
}
