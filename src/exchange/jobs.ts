import { lt } from 'drizzle-orm';
import { EVERY_MINUTE, hourlyMoments, type JobDefinition } from '../jobs/scheduler.js';
import { settleInterruptedRuns } from './runs.js';
import { idempotencyKeys } from './schema.js';

// SPEC §9 asks for at least 24 h; two days leave room for a retry across a weekend's night.
const KEEP_MS = 48 * 3_600_000;

/** Hourly: Idempotency-Keys older than 48 h at the due moment are forgotten. */
export const idempotencyCleanupJob: JobDefinition = {
  name: 'idempotency_cleanup',
  catchUp: 'latest',
  firstLookbackMs: 3_600_000,
  dueMoments: (after, upTo) => hourlyMoments(after, upTo),
  periodKey: (dueAt) => dueAt.toISOString().slice(0, 13),
  async run(tx, dueAt) {
    const removed = await tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(dueAt.getTime() - KEEP_MS)))
      .returning({ key: idempotencyKeys.key });
    return { keysRemoved: removed.length };
  },
};

/** Each minute: a run whose process died mid-batch is logged as failed instead of `running` forever. */
export const interruptedRunsJob: JobDefinition = {
  name: 'exchange_interrupted_runs',
  ...EVERY_MINUTE,
  run: async (tx, dueAt) => ({ settled: await settleInterruptedRuns(tx, dueAt) }),
};
