import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Changer } from '../history/store.js';
import { AppError, type FieldError } from '../http/errors.js';
import type { ExchangeKind, WriteBackResultDto } from './contract.js';
import { createStage, duplicateProblems, HANDLERS, type KindHandler, recordFreshness, stageChunk } from './kinds.js';
import type { Problem } from './other-facts.js';
import { finishRun, type RunVia, startRun } from './runs.js';
import { idempotencyKeys } from './schema.js';
import { type RowProblem, validateRows } from './validate.js';

/** Rows as one array (API) or as chunks from a file read as it streams (upload, CLI). */
export type RowSource = unknown[] | AsyncIterable<unknown[]>;
export type WriteBackInput = {
  kind: ExchangeKind;
  rows: RowSource;
  actor: Changer;
  via: RunVia;
  now: Date;
  fileName?: string;
  /** The configured time zone: the `opportunities` kind first freezes forecast snapshots whose window closed. */
  timeZone?: string;
  /** Check, stage and merge as usual, then roll it all back: the answer says what would happen. */
  dryRun?: boolean;
  /** How problems name rows and fields: the batch index and the row key by default; a file's own row and column. */
  rowNumber?: (index: number) => number;
  fieldLabel?: (field: string) => string;
};
export type Idempotency = { caller: string; key: string; body: unknown };
export type WriteBackAnswer = { status: number; body: WriteBackResultDto; replayed: boolean };

const CHUNK = 5_000;
// A rejected batch reports its first 1,000 problems and how many there were in all.
const REPORTED_PROBLEMS = 1_000;

// One lock per kind: write-backs of one kind are serialised, so old → new deltas never race.
export const lockKey = (kind: ExchangeKind) =>
  724_200_000 + [...kind].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100_000, 7);

async function* chunksOf(rows: RowSource): AsyncIterable<unknown[]> {
  if (!Array.isArray(rows)) {
    yield* rows;
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/** Carries a dry run's answer out of its transaction, which rolls everything back. */
class DryRunDone extends Error {
  constructor(readonly body: WriteBackResultDto) {
    super('dry run');
  }
}

class Rejected extends Error {
  constructor(
    readonly problems: RowProblem[],
    readonly total: number,
    readonly rows: number,
  ) {
    super('rejected');
  }
}

const fromSql = (p: Problem): RowProblem => ({
  row: p.i,
  field: p.field,
  value: p.value,
  reason: 'invalid',
  params: { why: p.why },
});

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
  return { status: first!.status, body: first!.response as WriteBackResultDto, replayed: true };
}

/**
 * Streams the rows into the stage, checking shapes chunk by chunk; returns how many rows there were.
 * Every problem of every row comes in one answer: rows of a sound shape are staged even when others are
 * not, so their references (customer, track, AM codes) and duplicates are checked too (issue 13, item 12).
 */
async function stageAll(tx: Db, input: WriteBackInput): Promise<number> {
  const handler = HANDLERS[input.kind];
  await createStage(tx, handler);
  const shapes: RowProblem[] = [];
  let shapeTotal = 0;
  let count = 0;
  for await (const chunk of chunksOf(input.rows)) {
    const found = validateRows(input.kind, chunk, count);
    shapeTotal += found.length;
    if (shapes.length < REPORTED_PROBLEMS) shapes.push(...found.slice(0, REPORTED_PROBLEMS - shapes.length));
    await stageChunk(tx, handler, soundRows(handler, chunk, count, found));
    count += chunk.length;
  }
  const setProblems = [
    ...(await duplicateProblems(tx, handler, input.rowNumber)),
    ...(await handler.problems(tx, input.actor)),
  ];
  const total = shapeTotal + setProblems.length;
  if (total > 0) {
    const all = [...shapes, ...setProblems.map(fromSql)].sort((x, y) => x.row - y.row);
    throw new Rejected(all.slice(0, REPORTED_PROBLEMS), total, count);
  }
  return count;
}

/** The staged records of a chunk's rows whose shape passed (all of them, in one call, when none failed). */
function soundRows(handler: KindHandler, chunk: unknown[], first: number, found: RowProblem[]) {
  if (found.length === 0) return handler.toStage(chunk, first);
  const bad = new Set(found.map((p) => p.row));
  return chunk.flatMap((row, k) => (bad.has(first + k) ? [] : handler.toStage([row], first + k)));
}

/** The run being written: its id in the runs log and how long it has taken so far. */
type Run = { id: number; elapsed: () => number };

/**
 * SPEC §7 write-back: all-or-nothing, every bad row reported, logged as a run. Rows are checked in
 * memory chunk by chunk, staged set-based, checked against the organisation set-based, merged set-based.
 */
export async function writeBack(db: Db, input: WriteBackInput, idem?: Idempotency): Promise<WriteBackAnswer> {
  const started = performance.now();
  const run: Run = {
    id: await startRun(db, input.kind, input.via, input.actor, input.now, input.fileName),
    elapsed: () => performance.now() - started,
  };
  try {
    const answer = await db.transaction((tx) => writeInTransaction(tx, input, run, idem));
    if (answer.replayed)
      await finishRun(db, run.id, { status: 'replayed', rows: answer.body.rows, durationMs: run.elapsed() });
    return answer;
  } catch (error) {
    // The transaction is gone; the run's outcome is logged outside it, so a refusal stays on record.
    return settleUnwritten(db, input, run, error);
  }
}

/** Claim the key, take the kind's lock, stage and check the rows, merge them, and answer — in one transaction. */
async function writeInTransaction(
  tx: Db,
  input: WriteBackInput,
  run: Run,
  idem: Idempotency | undefined,
): Promise<WriteBackAnswer> {
  // Holding the run's row while the batch is written tells the sweeper (interruptedRunsJob) it is alive.
  await tx.execute(sql`select 1 from exchange_runs where id = ${run.id} for update`);
  // A dry run must not answer for, or use up, a key meant for the real write.
  if (idem && !input.dryRun) {
    const replay = await claimKey(tx, idem, input.now);
    if (replay) return replay;
  }
  // The merge's estimated cost (the stage has no statistics) crosses PostgreSQL's JIT thresholds, and
  // compiling it took longer than running it (up to 0.8 s of a 20,000-line batch, issue 14): off here.
  await tx.execute(sql`set local jit = off`);
  // Lines are checked and staged before the lock (their checks read the batch and the customers only), so
  // a second batch of the kind gets ready while the first one merges; other kinds check under the lock.
  const handler = HANDLERS[input.kind];
  const lock = () => tx.execute(sql`select pg_advisory_xact_lock(${lockKey(input.kind)})`);
  if (!handler.checksBeforeLock) await lock();
  const rows = await stageAll(tx, input);
  if (handler.checksBeforeLock) await lock();
  const counts = await handler.merge(tx, run.id, input.now, input.actor, input.timeZone);
  await recordFreshness(tx, input.kind, handler, input.now);
  const unchanged = rows - counts.inserted - counts.updated;
  const body: WriteBackResultDto = {
    runId: run.id,
    kind: input.kind,
    rows,
    ...counts,
    unchanged,
    durationMs: Math.round(run.elapsed()),
    ...(input.dryRun ? { dryRun: true } : {}),
  };
  if (input.dryRun) throw new DryRunDone(body);
  if (idem) await storeAnswer(tx, idem, body);
  await finishRun(tx, run.id, { status: 'ok', rows, ...counts, unchanged, durationMs: run.elapsed() });
  return { status: 200, body, replayed: false };
}

/** The answer kept with the idempotency key, so a repeated request gets it back unchanged. */
async function storeAnswer(tx: Db, idem: Idempotency, body: WriteBackResultDto): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ status: 200, response: body })
    .where(and(eq(idempotencyKeys.caller, idem.caller), eq(idempotencyKeys.key, idem.key)));
}

/** Logs why nothing was written: a dry run's answer (returned), refused rows or input, or a failure (thrown). */
async function settleUnwritten(db: Db, input: WriteBackInput, run: Run, error: unknown): Promise<WriteBackAnswer> {
  if (error instanceof DryRunDone) {
    const { rows, inserted, updated, unchanged, voided } = error.body;
    const counts = { rows, inserted, updated, unchanged, voided };
    await finishRun(db, run.id, { status: 'dry_run', ...counts, durationMs: run.elapsed() });
    return { status: 200, body: error.body, replayed: false };
  }
  if (error instanceof Rejected) throw await rejectRows(db, input, run, error);
  // The rows' source refused its input (a file too large, its header or its encoding): logged as such.
  if (error instanceof AppError) {
    await finishRun(db, run.id, {
      status: input.dryRun ? 'dry_run' : 'rejected',
      rows: 0,
      errors: error.details.length ? error.details : [{ reason: error.code, params: error.params }],
      errorCount: Number(error.params.count ?? 0) || Math.max(error.details.length, 1),
      durationMs: run.elapsed(),
    });
    throw error;
  }
  await finishRun(db, run.id, {
    status: 'failed',
    rows: 0,
    errors: [{ reason: String(error) }],
    durationMs: run.elapsed(),
  });
  throw error;
}

/** Logs the refused rows, named as the caller sent them (a file's row and column), and builds the 422. */
async function rejectRows(db: Db, input: WriteBackInput, run: Run, rejected: Rejected): Promise<AppError> {
  const rowNumber = input.rowNumber ?? ((index: number) => index);
  const fieldLabel = input.fieldLabel ?? ((field: string) => field);
  const problems = rejected.problems.map((p) => ({ ...p, row: rowNumber(p.row), field: fieldLabel(p.field) }));
  await finishRun(db, run.id, {
    status: input.dryRun ? 'dry_run' : 'rejected',
    rows: rejected.rows,
    errors: problems,
    errorCount: rejected.total,
    durationMs: run.elapsed(),
  });
  const details: FieldError[] = problems.map((p) => ({
    row: p.row,
    field: p.field,
    value: p.value,
    reason: p.reason,
    ...(p.params ? { params: p.params } : {}),
  }));
  return new AppError('rows_rejected', 422, { count: rejected.total }, details);
}
