import { EVERY_MINUTE, type JobDefinition } from '../../jobs/scheduler.js';
import { deliverDue } from './deliver.js';
import { DELIVERY_JOB, enqueueDeliveries } from './enqueue.js';

/**
 * E-mail and chat copies of notifications (SPEC §5), every minute: the claimed run queues the new
 * notifications (its window is kept as the run's result); once it committed, the due rows are sent,
 * outside any transaction. A catch-up runs once, at the latest minute.
 */
export const notificationDeliveryJob: JobDefinition = {
  name: DELIVERY_JOB,
  ...EVERY_MINUTE,
  run: (tx, dueAt, ctx) => enqueueDeliveries(tx, dueAt, ctx.config.channels),
  afterCommit: (db, dueAt, ctx) => deliverDue(db, dueAt, ctx),
};
