import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { warmAccuracy } from './accuracy-cache.js';
import { freezeOwedSnapshots } from './snapshots.js';

/**
 * 预测快照: each minute, freeze the snapshot of every month whose rolling window has closed (once per
 * month across instances; after downtime the owed months are frozen at once, dated at their close).
 */
export const forecastSnapshotJob: JobDefinition = {
  name: 'forecast_snapshot',
  ...EVERY_MINUTE,
  run: async (tx, dueAt, ctx) => ({
    frozen: await freezeOwedSnapshots(tx, dueAt, ctx.config.timeZone),
    // This year's accuracy kept measured, so the board's dimension 6 reads sums (accuracy-cache.ts).
    accuracyMonthsMeasured: await warmAccuracy(tx, dueAt, ctx.config.timeZone),
  }),
};
