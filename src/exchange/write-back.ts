import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Changer } from '../history/store.js';
import { AppError, type FieldError } from '../http/errors.js';
import { type ExchangeKind, MAX_ROWS_PER_BATCH, type WriteBackResultDto } from './contract.js';
import {
  LINE_SPECS,
  type LineKind,
  type MergeCounts,
  mergeLines,
  stageLines,
  stageRowsOf,
  unknownCustomers,
} from './line-facts.js';
import { mergeCustomers, mergeExpenses, mergeReceivables, mergeTargets } from './other-facts.js';
import { finishRun, type RunVia, startRun } from './runs.js';
import { idempotencyKeys } from './schema.js';
import { type RowProblem, validateRows } from './validate.js';

export type WriteBackInput = {
  kind: ExchangeKind;
  rows: unknown[];
  actor: Changer;
  via: RunVia;
  now: Date;
  fileName?: string;
};
export type Idempotency = { caller: string; key: string; body: unknown };
export type WriteBackAnswer = { status: number; body: unknown; replayed: boolean };

// One lock per kind: write-backs of one kind are serialised, so old → new deltas never race.
const LOCK_BASE = 724_200_000;
const lockKey = (kind: ExchangeKind) => LOCK_BASE + [...kind].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100_000, 7);

const toFieldErrors = (problems: RowProblem[]): FieldError[] =>
  problems.map((p) => ({
    row: p.row,
    field: p.field,
    value: p.value,
    reason: p.reason,
    ...(p.params ? { params: p.params } : {}),
  }));

class Rejected extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('rejected');
  }
}

async function merge(tx: Db, input: WriteBackInput, runId: number): Promise<MergeCounts> {
  const { kind, rows, now } = input;
  if (kind in LINE_SPECS) {
    await stageLines(tx, stageRowsOf(kind as LineKind, rows));
    const unknown = await unknownCustomers(tx);
    const why = { zh: '客户编码不存在', en: 'unknown customer code' };
    if (unknown.length)
      throw new Rejected(
        unknown.map((u) => ({
          row: u.i,
          field: 'customerCode',
          value: u.customer,
          reason: 'invalid',
          params: { why },
        })),
      );
    return mergeLines(tx, kind as LineKind, runId, now);
  }
  const merged =
    kind === 'expenses'
      ? await mergeExpenses(tx, rows as never, runId, now)
      : kind === 'receivables'
        ? await mergeReceivables(tx, rows as never, runId, now)
        : kind === 'targets'
          ? await mergeTargets(tx, rows as never, runId, now)
          : await mergeCustomers(tx, rows as never, input.actor, now);
  if (Array.isArray(merged))
    throw new Rejected(
      merged.map((p) => ({ row: p.i, field: p.field, value: p.value, reason: 'invalid', params: { why: p.why } })),
    );
  return merged;
}

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Claims the key inside the write's transaction; a second request with the key waits, then replays. */
async function claimKey(tx: Db, idem: Idempotency, now: Date): Promise<WriteBackAnswer | null> {
  const hash = requestHash(idem.body);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ caller: idem.caller, key: idem.key, requestHash: hash, status: 0, response: {}, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return null;
  const [first] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.caller, idem.caller), eq(idempotencyKeys.key, idem.key)));
  if (first!.requestHash !== hash) throw new AppError('idempotency_key_reused', 422, { key: idem.key });
  return { status: first!.status, body: first!.response, replayed: true };
}

/**
 * SPEC §7 write-back: all-or-nothing, every bad row reported, logged as a run. Rows are checked in
 * memory, staged in one statement, checked against the organisation set-based, and merged set-based.
 */
export async function writeBack(db: Db, input: WriteBackInput, idem?: Idempotency): Promise<WriteBackAnswer> {
  const { kind, rows } = input;
  if (rows.length > MAX_ROWS_PER_BATCH)
    throw new AppError('too_many_rows', 413, { limit: MAX_ROWS_PER_BATCH, rows: rows.length });
  const started = performance.now();
  const runId = await startRun(db, kind, input.via, input.actor, input.now, input.fileName);
  const elapsed = () => performance.now() - started;
  const shapeProblems = validateRows(kind, rows);
  if (shapeProblems.length) return reject(db, runId, rows.length, shapeProblems, elapsed());
  try {
    const answer = await db.transaction(async (tx): Promise<WriteBackAnswer> => {
      if (idem) {
        const replay = await claimKey(tx, idem, input.now);
        if (replay) return replay;
      }
      await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(kind)})`);
      const counts = await merge(tx, input, runId);
      const unchanged = rows.length - counts.inserted - counts.updated;
      const body: WriteBackResultDto = {
        runId,
        kind,
        rows: rows.length,
        ...counts,
        unchanged,
        durationMs: Math.round(elapsed()),
      };
      if (idem)
        await tx
          .update(idempotencyKeys)
          .set({ status: 200, response: body })
          .where(and(eq(idempotencyKeys.caller, idem.caller), eq(idempotencyKeys.key, idem.key)));
      await finishRun(tx, runId, { status: 'ok', rows: rows.length, ...counts, unchanged, durationMs: elapsed() });
      return { status: 200, body, replayed: false };
    });
    if (answer.replayed) await finishRun(db, runId, { status: 'replayed', rows: rows.length, durationMs: elapsed() });
    return answer;
  } catch (error) {
    if (error instanceof Rejected) return reject(db, runId, rows.length, error.problems, elapsed());
    await finishRun(db, runId, {
      status: 'failed',
      rows: rows.length,
      errors: [{ reason: String(error) }],
      durationMs: elapsed(),
    });
    throw error;
  }
}

async function reject(db: Db, runId: number, rows: number, problems: RowProblem[], durationMs: number): Promise<never> {
  await finishRun(db, runId, { status: 'rejected', rows, errors: problems, durationMs });
  throw new AppError('rows_rejected', 422, { count: problems.length }, toFieldErrors(problems));
}
