import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { readCompliance } from '../forecast/compliance.js';
import { readOverview } from '../forecast/overview.js';
import { fieldError } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { hasRole } from '../org/scope.js';
import { attainmentByTrack } from './attainment.js';
import { compareSides } from './compare.js';
import type { TrackPackDto } from './contract.js';
import { dataAsOf } from './data-as-of.js';
import { restrict } from './flow-rules.js';
import { alertCounts, packSides, pendingRequests, summaryOf, unresolvedAlerts } from './pack-parts.js';
import { keepSide, ownTrack, type TrackRef, trackInScope, viewNarrow } from './scope.js';

type Ctx = { now: Date; timeZone: string; month: string };

/**
 * The secretary reads the track packs (SPEC §9.1) though no forecast rows of her own: the pack's parts are
 * read as the CEO reads them and are narrowed to the one track here.
 */
const packReader = (actor: Actor): Actor =>
  actor.kind === 'user' && hasRole(actor, 'secretary') ? { ...actor, role: 'ceo' } : actor;

/**
 * `GET /forecast/track-pack?trackId=&month=` (SPEC §6.6): for the supervision meeting, each AM's review
 * pack summarised (changes, flow buckets, alert and request counts, compliance), the track's totals, and
 * the track's numbers — the three stages (integrated) and the month's and YTD order attainment.
 */
export async function readTrackPack(
  db: Db,
  actor: Actor,
  query: { trackId?: number | undefined },
  ctx: Ctx,
): Promise<TrackPackDto> {
  const trackId = query.trackId ?? ownTrack(actor);
  if (!trackId) throw fieldError('trackId', 'required');
  const track = await trackInScope(db, actor, trackId);
  const reader = packReader(actor);
  const { before, after, basis } = await packSides(db, ctx.month, ctx.now);
  const filters = { trackId };
  const rows = restrict(await compareSides(db, before, after, viewNarrow(reader, filters)), keepSide(reader, filters));
  const alerts = await unresolvedAlerts(db, { trackId }, ctx.now);
  const requests = await pendingRequests(db, { trackId });
  const compliance = (await readCompliance(db, ctx.month, reader, ctx.timeZone)).ams;
  const ams = await amsOf(db, trackId, rows);
  return {
    month: ctx.month,
    trackId,
    trackName: track.name,
    basis,
    numbers: await trackNumbers(db, reader, track, ctx),
    summary: summaryOf(rows, {
      alerts: alertCounts(alerts),
      requests: new Set(requests.map((r) => r.id)).size,
    }),
    ams: ams.map((am) => {
      const own = restrict(rows, (side) => side.amId === am.id);
      const c = compliance.find((a) => a.amId === am.id);
      return {
        amId: am.id,
        amName: am.name,
        summary: summaryOf(own, {
          alerts: alertCounts(alerts.filter((a) => a.amId === am.id)),
          requests: new Set(requests.filter((r) => r.amId === am.id).map((r) => r.id)).size,
        }),
        compliance: c ? { due: c.due, updated: c.updated, missing: c.missing } : { due: 0, updated: 0, missing: [] },
      };
    }),
    dataAsOf: await dataAsOf(db, ctx.month),
  };
}

/** The track's AMs today, and any AM a side of the comparison still names (moved since). */
async function amsOf(db: Db, trackId: number, rows: ReturnType<typeof restrict>) {
  const named = new Set<number>();
  for (const r of rows) for (const side of [r.before, r.after]) if (side) named.add(side.amId);
  const ids = [...named];
  const list = ids.length
    ? sql`or id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from users where (role = 'am' and track_id = ${trackId} and active) ${list} order by id`,
  );
}

async function trackNumbers(db: Db, reader: Actor, track: TrackRef, ctx: Ctx) {
  const year = Number(ctx.month.slice(0, 4));
  const [attained] = await attainmentByTrack(db, year, Number(ctx.month.slice(5, 7)), [track.id]);
  const period = { month: attained!.month, ytd: attained!.ytd };
  if (track.businessLine === 'commodity') {
    const yearly = await attainmentByTrack(db, year, 12, [track.id]);
    const orderTarget = yearly[0]!.ytd.target;
    return {
      businessLine: track.businessLine,
      orderTarget,
      ytdOrders: period.ytd.actual,
      remainingGap: Math.round((orderTarget - period.ytd.actual) * 100) / 100,
      pipeline: null,
      coverage: null,
      carriedShare: null,
      ...period,
    };
  }
  const overview = await readOverview(db, year, reader, ctx.now, ctx.timeZone);
  const own = overview.tracks.find((t) => t.trackId === track.id);
  return {
    businessLine: track.businessLine,
    orderTarget: own?.orderTarget ?? 0,
    ytdOrders: own?.ytdOrders ?? 0,
    remainingGap: own?.remainingGap ?? 0,
    pipeline: own?.pipeline ?? null,
    coverage: own?.coverage ?? null,
    carriedShare: own?.carriedShare ?? null,
    ...period,
  };
}
