import { desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Changer } from '../history/store.js';
import { exchangeRuns } from './schema.js';

export type RunVia = 'api' | 'upload' | 'cli' | 'demo';

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
      fileName: fileName ?? null,
    })
    .returning({ id: exchangeRuns.id });
  return row!.id;
}

export type RunOutcome = {
  status: 'ok' | 'rejected' | 'failed' | 'replayed';
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
      errors: outcome.errors ? outcome.errors.slice(0, LOGGED_ERRORS) : null,
      durationMs: Math.round(outcome.durationMs),
    })
    .where(eq(exchangeRuns.id, runId));
}

export async function listRuns(db: Db, beforeId: number, limit: number) {
  const where = beforeId > 0 ? lt(exchangeRuns.id, beforeId) : undefined;
  return db
    .select()
    .from(exchangeRuns)
    .where(where)
    .orderBy(desc(exchangeRuns.id))
    .limit(limit + 1);
}
