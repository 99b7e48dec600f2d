import type { Db } from '../db/client.js';
import { readCompliance } from '../forecast/compliance.js';
import { fieldError } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { hasRole } from '../org/scope.js';
import { compareSides } from './compare.js';
import type { ReviewPackDto } from './contract.js';
import { dataAsOf } from './data-as-of.js';
import { restrict } from './flow-rules.js';
import {
  alertCounts,
  packOpportunity,
  packSides,
  pendingRequests,
  readsAlerts,
  readsRequest,
  summaryOf,
  unresolvedAlerts,
} from './pack-parts.js';
import { amInScope, keepSide, viewNarrow } from './scope.js';

type Ctx = { now: Date; timeZone: string; month: string };

/** An AM reads their own pack without naming themselves; everybody else names the AM. */
function amOf(actor: Actor, amId: number | undefined): number {
  if (amId) return amId;
  if (hasRole(actor, 'am')) return actor.id;
  throw fieldError('amId', 'required');
}

/**
 * `GET /forecast/review-pack?amId=&month=` (SPEC §6.6): per opportunity of the AM, its stage, order month
 * and amount before (the latest snapshot before M) and after (M's snapshot, or today while M is not
 * frozen), with its flow bucket and what changed; the AM's unresolved alerts and pending requests (as far
 * as the caller reads them); and M's rolling-update compliance.
 */
export async function readReviewPack(
  db: Db,
  actor: Actor,
  query: { amId?: number | undefined },
  ctx: Ctx,
): Promise<ReviewPackDto> {
  const am = await amInScope(db, actor, amOf(actor, query.amId));
  const { before, after, basis } = await packSides(db, ctx.month, ctx.now);
  const filters = { amId: am.id };
  const rows = restrict(await compareSides(db, before, after, viewNarrow(actor, filters)), keepSide(actor, filters));
  // The counts are the pack's for every reader; the lists only for those who read alerts and requests.
  const allAlerts = await unresolvedAlerts(db, { amId: am.id }, ctx.now);
  const alerts = readsAlerts(actor) ? allAlerts : [];
  const allRequests = await pendingRequests(db, { amId: am.id });
  const requests = allRequests.filter((r) => readsRequest(actor, r));
  const compliance = (await readCompliance(db, ctx.month, actor, ctx.timeZone)).ams.find((a) => a.amId === am.id);
  return {
    month: ctx.month,
    amId: am.id,
    amName: am.name,
    trackId: am.trackId,
    basis,
    summary: summaryOf(rows, { alerts: alertCounts(allAlerts), requests: allRequests.length }),
    opportunities: rows.map(packOpportunity),
    alerts: alerts.map(({ amId: _am, ...a }) => a),
    requests: requests.map(({ trackId: _t, amId: _a, ...r }) => r),
    compliance: compliance
      ? { due: compliance.due, updated: compliance.updated, missing: compliance.missing }
      : { due: 0, updated: 0, missing: [] },
    dataAsOf: await dataAsOf(db, ctx.month),
  };
}
