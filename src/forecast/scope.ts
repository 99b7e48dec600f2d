/**
 * Who sees and who changes an opportunity (SPEC §2, §9.1 "Settled details") — the one home of these
 * rules. The pure predicates decide single opportunities and the `can` flags the API sends;
 * `opportunitySqlScope` is their SQL mirror for lists and must say the same.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../org/permissions.js';
import { hasRole, inTrack, personOf } from '../org/scope.js';
import { opportunities, type Stage } from './schema.js';

type OpportunityFacts = { trackId: number; amId: number; businessLine: 'integrated' | 'commodity'; stage: Stage };

/**
 * CEO and admin all; a director their track's; an AM their own; the planner every integrated one and
 * commodity ones at `H` or `won` (pre-H quotes never leave sales). Integrations read through the feeds.
 */
export function canSeeOpportunity(actor: Actor, o: OpportunityFacts): boolean {
  if (hasRole(actor, 'ceo', 'admin')) return true;
  if (hasRole(actor, 'planner')) return o.businessLine === 'integrated' || o.stage === 'H' || o.stage === 'won';
  if (inTrack(actor, o.trackId, 'director')) return true;
  return hasRole(actor, 'am') && o.amId === actor.id;
}

/** The SQL twin of `canSeeOpportunity` (undefined: no restriction). */
export function opportunitySqlScope(actor: Actor): SQL | undefined {
  if (hasRole(actor, 'ceo', 'admin')) return undefined;
  if (hasRole(actor, 'planner'))
    return or(eq(opportunities.businessLine, 'integrated'), inArray(opportunities.stage, ['H', 'won']));
  if (hasRole(actor, 'director')) return eq(opportunities.trackId, personOf(actor)?.trackId ?? -1);
  if (hasRole(actor, 'am')) return eq(opportunities.amId, actor.id);
  return sql`false`;
}

/** Writes (PATCH, stage, versions): its AM, the track's director, the admin; CEO and planner read only. */
export function canWriteOpportunity(actor: Actor, o: Pick<OpportunityFacts, 'trackId' | 'amId'>): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (inTrack(actor, o.trackId, 'director')) return true;
  return hasRole(actor, 'am') && o.amId === actor.id;
}

/** Who may create one for a customer: its AM, its track's director, the admin. */
export const canCreateFor = (actor: Actor, customer: { trackId: number; amId: number }) =>
  canWriteOpportunity(actor, customer);

export const opportunityCan = (actor: Actor, o: OpportunityFacts) => ({ write: canWriteOpportunity(actor, o) });

/** Lists narrowed by the caller's scope and the filters. */
export const scoped = (actor: Actor, ...conditions: (SQL | undefined)[]) =>
  and(opportunitySqlScope(actor), ...conditions);

/**
 * Who reads the forecast's numbers by row (SPEC §9.1 "Who reads what": snapshots, compliance, baselines,
 * targets): CEO, admin and planner all; a director the track's; an AM their own — as SQL over the
 * `track_id` and `am_id` columns of `alias`.
 */
export function numbersRowScope(actor: Actor, alias: string): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  if (hasRole(actor, 'ceo', 'admin', 'planner')) return sql`true`;
  if (hasRole(actor, 'director')) return sql`${column('track_id')} = ${personOf(actor)?.trackId ?? -1}`;
  if (hasRole(actor, 'am')) return sql`${column('am_id')} = ${actor.id}`;
  return sql`false`;
}
