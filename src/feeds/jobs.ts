import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { deliverApsDue } from './aps-deliver.js';

/**
 * The APS outbox (SPEC §7 "Out"), every minute: the rows were queued by the writes themselves, so the
 * claimed run has nothing to do in its transaction; once the claim committed, the due rows are pushed,
 * outside any transaction, so no user's request and no other job waits on APS.
 */
export const apsDeliveryJob: JobDefinition = {
  name: 'aps_delivery',
  ...EVERY_MINUTE,
  run: async () => null,
  afterCommit: (db, dueAt, ctx) => deliverApsDue(db, dueAt, ctx),
};
