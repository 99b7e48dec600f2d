import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { forecastSnapshots } from '../forecast/schema.js';
import { AppError } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { compareSides, type Side } from './compare.js';
import type { FlowDto, FlowSideDto } from './contract.js';
import { dataAsOf } from './data-as-of.js';
import { bucketRows, type ComparedRow, restrict, summaries } from './flow-rules.js';
import { amInScope, keepSide, ownTrack, trackInScope, viewNarrow } from './scope.js';

const NOT_FROZEN = { zh: '预测快照', en: 'Forecast snapshot' };

/** A frozen month as a comparison side; 404 naming the field while it is not frozen. */
export async function snapshotSide(db: Db, month: string, field: string): Promise<Side> {
  const [head] = await db
    .select()
    .from(forecastSnapshots)
    .where(eq(forecastSnapshots.month, `${month}-01`));
  if (!head)
    throw new AppError('not_found', 404, { entity: NOT_FROZEN }, [
      {
        field,
        reason: 'invalid',
        params: { why: { zh: `${month} 的快照尚未冻结`, en: `the snapshot of ${month} is not frozen` } },
      },
    ]);
  return { kind: 'snapshot', month, at: head.frozenAt };
}

type FlowQuery = { from: string; to: string; trackId?: number | undefined; amId?: number | undefined };

/**
 * `GET /forecast/flow` (SPEC §9.1 `Flow`): the buckets of the caller's scope and filters, each listing its
 * opportunities before → after, and the same buckets per track and per AM (each counted with the sides
 * that belong to it, so a move between tracks is removed from one and new in the other).
 */
export async function readFlow(db: Db, actor: Actor, query: FlowQuery): Promise<FlowDto> {
  if (query.trackId) await trackInScope(db, actor, query.trackId);
  if (query.amId) await amInScope(db, actor, query.amId);
  const from = await snapshotSide(db, query.from, 'from');
  const to = await snapshotSide(db, query.to, 'to');
  const filters = { trackId: query.trackId ?? ownTrack(actor), amId: query.amId ?? null };
  const all = await compareSides(db, from, to, viewNarrow(actor, filters));
  const rows = restrict(all, keepSide(actor, filters));
  const amTracks = tracksOfAms(rows);
  return {
    from: query.from,
    to: query.to,
    trackId: query.trackId ?? null,
    amId: query.amId ?? null,
    buckets: bucketRows(rows).map((b) => ({ ...b, items: b.items.map(itemOf) })),
    byTrack: subjects(rows, (s) => s.trackId).map(([trackId, mine]) => ({ trackId, buckets: summaries(mine) })),
    byAm: subjects(rows, (s) => s.amId).map(([amId, mine]) => ({
      amId,
      trackId: amTracks.get(amId) ?? 0,
      buckets: summaries(mine),
    })),
    dataAsOf: await dataAsOf(db, query.to),
  };
}

export const itemOf = ({ opportunityId, code, name, businessLine, before, after }: ComparedRow) => ({
  opportunityId,
  code,
  name,
  businessLine,
  before,
  after,
});

/**
 * Each subject (track or AM) either side names, with the comparison restricted to it, ordered by id;
 * rows are grouped first so the work stays linear in the number of opportunities.
 */
function subjects(rows: ComparedRow[], key: (side: FlowSideDto) => number) {
  const bySubject = new Map<number, ComparedRow[]>();
  for (const r of rows) {
    const keys = new Set<number>();
    if (r.before) keys.add(key(r.before));
    if (r.after) keys.add(key(r.after));
    for (const k of keys) {
      const list = bySubject.get(k);
      if (list) list.push(r);
      else bySubject.set(k, [r]);
    }
  }
  return [...bySubject.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, mine]) => [id, bucketRows(restrict(mine, (side) => key(side) === id))] as const);
}

/** Each AM's track as the newest side says. */
function tracksOfAms(rows: ComparedRow[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) if (r.before) out.set(r.before.amId, r.before.trackId);
  for (const r of rows) if (r.after) out.set(r.after.amId, r.after.trackId);
  return out;
}
