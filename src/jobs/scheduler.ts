import { and, eq, max, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { jobErrors, jobRuns } from './schema.js';

export type JobContext = { config: Config; log: FastifyBaseLogger };

export interface JobDefinition {
  name: string;
  /** The due moments in (after, upTo], oldest first. */
  dueMoments(after: Date, upTo: Date, ctx: JobContext): Date[];
  /** Names one due moment; (job, periodKey) is claimed once across all instances. */
  periodKey(dueAt: Date, ctx: JobContext): string;
  /** 'latest': after downtime only the most recent due moment runs, older ones being stale. */
  catchUp: 'all' | 'latest';
  /** Where a job that never ran starts looking for due moments (ms before now). */
  firstLookbackMs: number;
  /** Runs inside the claiming transaction, evaluated at its due moment, never at "now". */
  run(tx: Db, dueAt: Date, ctx: JobContext): Promise<unknown>;
  /**
   * Outbound work of a claimed moment (e-mail, webhooks), after the claim committed and outside its
   * transaction, so no transaction waits on the network. A failure is logged; the claim stays.
   */
  afterCommit?(db: Db, dueAt: Date, ctx: JobContext): Promise<unknown>;
}

const MINUTE = 60_000;

/**
 * The schedule of the jobs that run every minute of the clock (escalation, reports, reminders,
 * deliveries): one due moment per minute; after downtime only the latest minute runs, which owes
 * everything due by then.
 */
export const EVERY_MINUTE = {
  catchUp: 'latest',
  firstLookbackMs: MINUTE,
  dueMoments: (after: Date, upTo: Date) => {
    const last = Math.floor(upTo.getTime() / MINUTE) * MINUTE;
    return last > after.getTime() ? [new Date(last)] : [];
  },
  periodKey: (dueAt: Date) => dueAt.toISOString().slice(0, 16),
} satisfies Pick<JobDefinition, 'catchUp' | 'firstLookbackMs' | 'dueMoments' | 'periodKey'>;

export type JobRun = { job: string; periodKey: string };

async function lastDueAt(db: Db, job: string): Promise<Date | null> {
  const [row] = await db
    .select({ last: max(jobRuns.dueAt) })
    .from(jobRuns)
    .where(eq(jobRuns.job, job));
  return row?.last ? new Date(row.last) : null;
}

/** Claims and runs one due moment; false when another instance (or an earlier call) already did. */
async function runOnce(db: Db, job: JobDefinition, dueAt: Date, now: Date, ctx: JobContext): Promise<JobRun | null> {
  const periodKey = job.periodKey(dueAt, ctx);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(jobRuns)
      .values({ job: job.name, periodKey, dueAt, startedAt: now })
      .onConflictDoNothing()
      .returning({ job: jobRuns.job });
    if (claimed.length === 0) return null;
    const result = (await job.run(tx, dueAt, ctx)) ?? null;
    await tx
      .update(jobRuns)
      .set({ finishedAt: sql`clock_timestamp()`, result })
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.periodKey, periodKey)));
    return { job: job.name, periodKey };
  });
}

/**
 * Runs every job moment due up to `now` that no instance has run yet. A failing run rolls back with
 * its claim, is logged, and is tried again on the next tick.
 */
export async function runDueJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  now: Date,
  ctx: JobContext,
): Promise<JobRun[]> {
  const ran: JobRun[] = [];
  for (const job of jobs) {
    const after = (await lastDueAt(db, job.name)) ?? new Date(now.getTime() - job.firstLookbackMs);
    let moments = job.dueMoments(after, now, ctx);
    if (job.catchUp === 'latest') moments = moments.slice(-1);
    for (const dueAt of moments) {
      try {
        const run = await runOnce(db, job, dueAt, now, ctx);
        if (run) ran.push(run);
        if (run) await job.afterCommit?.(db, dueAt, ctx);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.log.error({ job: job.name, dueAt, err: error }, 'scheduled job failed');
        await db.insert(jobErrors).values({ job: job.name, periodKey: job.periodKey(dueAt, ctx), at: now, message });
        break;
      }
    }
  }
  return ran;
}

/** Every full hour (UTC) in (after, upTo]. */
export function hourlyMoments(after: Date, upTo: Date): Date[] {
  const hour = 3_600_000;
  const moments: Date[] = [];
  for (let t = Math.floor(after.getTime() / hour) * hour + hour; t <= upTo.getTime(); t += hour)
    moments.push(new Date(t));
  return moments;
}
