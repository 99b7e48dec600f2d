/**
 * Who reads which rows of the views (SPEC §9.1 "Who reads what": overview, flow, packs, shipment tracking —
 * CEO, admin and planner; the planner integrated ones and commodity ones at `H`/`won` only; a director
 * the track; an AM their own pack; the secretary the track packs). Built on forecast/scope.ts.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { numbersRowScope } from '../forecast/scope.js';
import { AppError } from '../http/errors.js';
import type { Bilingual } from '../http/locale.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import type { Narrow } from './compare.js';
import type { FlowSideDto } from './contract.js';
import type { ComparedRow } from './flow-rules.js';

/** A filter id that names nothing the caller may read: 404 naming the field (unknown and foreign alike). */
export const unknownFilter = (field: string, entity: Bilingual) =>
  new AppError('not_found', 404, { entity }, [
    {
      field,
      reason: 'invalid',
      params: {
        why: { zh: `${entity.zh}不存在或不在您的权限范围内`, en: `no such ${entity.en.toLowerCase()} in your scope` },
      },
    },
  ]);

const NO_TRACK = { zh: '赛道', en: 'Track' };
const NO_AM = { zh: '客户经理', en: 'Account manager' };

const isPlanner = (actor: Actor) => hasRole(actor, 'planner');

/** The rows of a side the caller reads: the numbers scope, and for the planner no pre-H commodity quotes. */
export function viewNarrow(actor: Actor, filters: { trackId?: number | null; amId?: number | null }): Narrow {
  return (alias) => {
    const column = (name: string) => sql.raw(`${alias}.${name}`);
    const planner = isPlanner(actor)
      ? sql`(${column('business_line')} = 'integrated' or ${column('stage')} in ('H', 'won'))`
      : sql`true`;
    const track = filters.trackId ? sql`${column('track_id')} = ${filters.trackId}` : sql`true`;
    const am = filters.amId ? sql`${column('am_id')} = ${filters.amId}` : sql`true`;
    // The secretary reads track packs; their rows are the track's whatever the secretary's own scope.
    const rows = hasRole(actor, 'secretary') ? sql`true` : numbersRowScope(actor, alias);
    return sql`(${rows} and ${planner} and ${track} and ${am})`;
  };
}

/** The same rule for a side already read (restricting a comparison to a subject in memory). */
export function keepSide(actor: Actor, filters: { trackId?: number | null; amId?: number | null }) {
  const person = personOf(actor);
  return (side: FlowSideDto, row: ComparedRow): boolean => {
    if (isPlanner(actor) && row.businessLine === 'commodity' && side.stage !== 'H' && side.stage !== 'won')
      return false;
    if (hasRole(actor, 'director') && side.trackId !== person?.trackId) return false;
    if (hasRole(actor, 'am') && side.amId !== actor.id) return false;
    if (filters.trackId && side.trackId !== filters.trackId) return false;
    if (filters.amId && side.amId !== filters.amId) return false;
    return true;
  };
}

export type TrackRef = { id: number; name: string; businessLine: 'integrated' | 'commodity' };
export type AmRef = { id: number; name: string; trackId: number | null };

/** A `trackId` filter: the track must exist and be the caller's to read (a director's own). */
export async function trackInScope(db: Db, actor: Actor, trackId: number, field = 'trackId'): Promise<TrackRef> {
  const [track] = await queryRows<TrackRef>(
    db,
    sql`select id, name, business_line as "businessLine" from tracks where id = ${trackId}`,
  );
  if (!track) throw unknownFilter(field, NO_TRACK);
  if (hasRole(actor, 'director', 'am') && personOf(actor)?.trackId !== trackId) throw unknownFilter(field, NO_TRACK);
  return track;
}

/** An `amId` filter: an account manager the caller may read (a director's of the track, an AM only self). */
export async function amInScope(db: Db, actor: Actor, amId: number, field = 'amId'): Promise<AmRef> {
  const [am] = await queryRows<AmRef>(
    db,
    sql`select id, name, track_id as "trackId" from users where id = ${amId} and role = 'am'`,
  );
  if (!am) throw unknownFilter(field, NO_AM);
  if (hasRole(actor, 'director') && personOf(actor)?.trackId !== am.trackId) throw unknownFilter(field, NO_AM);
  if (hasRole(actor, 'am') && actor.id !== amId) throw unknownFilter(field, NO_AM);
  return am;
}

/** A director's views default to their track; everybody else names one or reads all. */
export const ownTrack = (actor: Actor): number | null =>
  hasRole(actor, 'director') ? (personOf(actor)?.trackId ?? -1) : null;
