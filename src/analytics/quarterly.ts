import type { Db } from '../db/client.js';
import { badRequest, forbidden } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { getTrack } from '../org/track-store.js';
import type { QuarterlyDto, QuarterlyQueryDto } from './contract.js';
import { parseQuarter, previousQuarter, quarterBounds, quarterLabel } from './quarter.js';
import { countByDimension, measureTasks } from './store.js';

export type AnalysisContext = { actor: Actor; now: Date; timeZone: string; goal: number };

const badQuarter = () =>
  badRequest([
    {
      field: 'quarter',
      reason: 'invalid',
      params: { why: { zh: '季度格式应为 YYYY-Qn，例如 2026-Q2', en: 'a quarter is written YYYY-Qn, e.g. 2026-Q2' } },
    },
  ]);

/**
 * The track an analysis covers (SPEC §2): a director only their own — asking for another track is
 * refused with the reason —, everyone else any track or all (null). An unknown track is 404.
 */
async function trackOf(db: Db, actor: Actor, requested: number | undefined): Promise<number | null> {
  if (actor.kind === 'user' && actor.role === 'director') {
    const own = actor.trackId ?? -1;
    if (requested !== undefined && requested !== own)
      throw forbidden({
        zh: '赛道总监只能查看本赛道的季度分析',
        en: 'a track director sees the quarterly analysis of their own track only',
      });
    return own;
  }
  if (requested === undefined) return null;
  await getTrack(db, requested);
  return requested;
}

/** A1 quarterly analysis (SPEC §4.6): the tasks raised in a quarter, measured as they stand now. */
export async function quarterlyAnalysis(
  db: Db,
  query: QuarterlyQueryDto,
  context: AnalysisContext,
): Promise<QuarterlyDto> {
  const quarter = parseQuarter(query.quarter);
  if (!quarter) throw badQuarter();
  const trackId = await trackOf(db, context.actor, query.trackId);
  const { start, end } = quarterBounds(quarter, context.timeZone);
  const previous = previousQuarter(quarter);
  const selection = { start, end, now: context.now, type: query.type ?? null, trackId };
  const [{ total, owners }, dimensions] = await Promise.all([
    measureTasks(db, selection),
    countByDimension(db, selection, quarterBounds(previous, context.timeZone).start),
  ]);
  return {
    quarter: quarterLabel(quarter),
    previousQuarter: quarterLabel(previous),
    type: selection.type,
    trackId,
    from: start.toISOString(),
    to: end.toISOString(),
    measuredAt: context.now.toISOString(),
    ...total,
    goal: context.goal,
    byDimension: dimensions.current,
    previousByDimension: dimensions.previous,
    owners: owners.map((o) => ({
      ownerId: o.ownerId,
      name: o.name,
      raised: o.raised,
      completed: o.completed,
      closed: o.closed,
      completionRate: o.completionRate,
      onTime: o.onTime,
      extensions: o.extensions,
      reassignments: o.reassignments,
    })),
  };
}
