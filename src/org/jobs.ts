import { hourlyMoments, type JobDefinition } from '../jobs/scheduler.js';
import { deleteDeadSessions, deleteOldLoginFailures } from './session-store.js';

/** Hourly: sessions dead at the due moment and sign-in failures older than a day are removed. */
export const sessionCleanupJob: JobDefinition = {
  name: 'session_cleanup',
  catchUp: 'latest',
  firstLookbackMs: 3_600_000,
  dueMoments: (after, upTo) => hourlyMoments(after, upTo),
  periodKey: (dueAt) => dueAt.toISOString().slice(0, 13),
  async run(tx, dueAt, ctx) {
    const sessions = await deleteDeadSessions(tx, dueAt, ctx.config.session);
    await deleteOldLoginFailures(tx, new Date(dueAt.getTime() - 86_400_000));
    return { sessionsRemoved: sessions };
  },
};
