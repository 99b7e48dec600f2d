import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Changer } from '../history/store.js';
import { reasonText } from '../http/error-handler.js';
import type { Locale } from '../http/locale.js';
import { rangeBound } from '../meetings/range.js';
import type { RunDto, RunFilter } from './contract.js';
import { exchangeRuns } from './schema.js';

export type RunVia = 'api' | 'upload' | 'cli' | 'demo';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The log keeps a refused value and a file's name as they came, but PostgreSQL text and jsonb hold
 * neither a NUL character nor half of a surrogate pair: those become U+FFFD, so logging never fails.
 */
function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

export async function startRun(
  db: Db,
  kind: string,
  via: RunVia,
  actor: Changer,
  now: Date,
  fileName?: string,
): Promise<number> {
  const [row] = await db
    .insert(exchangeRuns)
    .values({
      kind,
      via,
      actorKind: actor === 'system' ? 'system' : actor.kind,
      actorId: actor === 'system' ? null : actor.id,
      actorName: actor === 'system' ? 'system' : actor.name,
      startedAt: now,
      status: 'running',
      fileName: fileName === undefined ? null : storable(fileName),
    })
    .returning({ id: exchangeRuns.id });
  return row!.id;
}

export type RunOutcome = {
  status: 'ok' | 'rejected' | 'failed' | 'replayed' | 'dry_run';
  rows: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  voided?: number;
  errors?: unknown[];
  /** All problems found, when `errors` holds only the first of them. */
  errorCount?: number;
  durationMs: number;
};

// A rejected batch keeps its first 1,000 problems in the log; the caller got all of them.
const LOGGED_ERRORS = 1000;

export async function finishRun(db: Db, runId: number, outcome: RunOutcome): Promise<void> {
  await db
    .update(exchangeRuns)
    .set({
      status: outcome.status,
      rows: outcome.rows,
      inserted: outcome.inserted ?? 0,
      updated: outcome.updated ?? 0,
      unchanged: outcome.unchanged ?? 0,
      voided: outcome.voided ?? 0,
      errorCount: outcome.errorCount ?? outcome.errors?.length ?? 0,
      errors: outcome.errors ? storable(outcome.errors.slice(0, LOGGED_ERRORS)) : null,
      durationMs: Math.round(outcome.durationMs),
    })
    .where(eq(exchangeRuns.id, runId));
}

const INTERRUPTED = {
  zh: '导入中断：服务进程在写入时退出，本批次未写入任何数据，请重新发送',
  en: 'interrupted: the server process stopped while writing; nothing of this batch was stored — send it again',
};
/** How long a run may sit between its log row and its transaction's first statement. */
const GRACE_MS = 60_000;

/**
 * Runs left `running` by a process that died mid-batch (its transaction rolled back, so nothing was
 * stored): a live run's transaction holds its row, so a row that can be locked belongs to no one.
 */
export async function settleInterruptedRuns(tx: Db, now: Date): Promise<number> {
  const rows = await tx.execute(sql`
    update exchange_runs set status = 'failed', error_count = 1,
      errors = ${JSON.stringify([{ reason: 'invalid', params: { why: INTERRUPTED } }])}::jsonb
    where id in (select id from exchange_runs where status = 'running' and started_at < ${new Date(now.getTime() - GRACE_MS)}
      for update skip locked)
    returning id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}

/** The log newest first, narrowed by the filters; `from` / `to` are whole days in `timeZone`. */
export async function listRuns(db: Db, beforeId: number, limit: number, filter: RunFilter = {}, timeZone = 'UTC') {
  const where: SQL[] = [];
  if (beforeId > 0) where.push(lt(exchangeRuns.id, beforeId));
  if (filter.kind) where.push(eq(exchangeRuns.kind, filter.kind));
  if (filter.status) where.push(eq(exchangeRuns.status, filter.status));
  if (filter.from) where.push(gte(exchangeRuns.startedAt, rangeBound(filter.from, 'from', timeZone)));
  if (filter.to) where.push(lt(exchangeRuns.startedAt, rangeBound(filter.to, 'to', timeZone)));
  if (filter.actorId) where.push(and(eq(exchangeRuns.actorKind, 'user'), eq(exchangeRuns.actorId, filter.actorId))!);
  return db
    .select()
    .from(exchangeRuns)
    .where(and(...where))
    .orderBy(desc(exchangeRuns.id))
    .limit(limit + 1);
}

type RunRow = typeof exchangeRuns.$inferSelect;

type LoggedProblem = {
  row?: number;
  field?: string;
  value?: unknown;
  reason?: string;
  params?: Record<string, unknown>;
};

export function presentRun(run: RunRow, locale: Locale): RunDto {
  const errors = ((run.errors as LoggedProblem[] | null) ?? []).map((p) => ({
    ...(p.row === undefined ? {} : { row: p.row }),
    ...(p.field === undefined ? {} : { field: p.field }),
    ...(p.value === undefined ? {} : { value: p.value }),
    reason: reasonText(String(p.reason ?? ''), p.params, locale),
  }));
  return {
    id: run.id,
    kind: run.kind,
    via: run.via,
    actorName: run.actorName,
    startedAt: run.startedAt.toISOString(),
    durationMs: run.durationMs,
    status: run.status,
    rows: run.rows,
    inserted: run.inserted,
    updated: run.updated,
    unchanged: run.unchanged,
    voided: run.voided,
    errorCount: run.errorCount,
    errors,
    fileName: run.fileName,
  };
}
