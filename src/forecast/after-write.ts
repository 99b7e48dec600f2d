import { evaluateGaps } from '../alerts/gap.js';
import type { Db } from '../db/client.js';
import { enqueueApsDeliveries } from '../feeds/aps-outbox.js';

export type OpportunityWrite = { now: Date; timeZone: string };

/**
 * Called in the transaction of every write to opportunities (create, PATCH, stage, version PUT, the
 * `opportunities` import), after the write, with the ids written. What other capabilities derive from an
 * opportunity's state in that same transaction hooks in here — the dual-version gap alert (alerts/) and
 * the APS outbox of commodity quotes (feeds/) — so it is exactly once per change and never lost.
 */
export async function afterOpportunityWrite(tx: Db, ids: readonly number[], write: OpportunityWrite): Promise<void> {
  await evaluateGaps(tx, ids, write);
  await enqueueApsDeliveries(tx, ids, write.now);
}
