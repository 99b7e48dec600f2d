/**
 * The organisation's scope predicates (SPEC §2) that every capability builds on — pure: the caller,
 * nothing else. Capability scopes (`tasks/scope.ts`, `meetings/scope.ts`, `projects/scope.ts`,
 * `reports/scope.ts`) combine these with their object's facts and present the outcome as `can` flags.
 */
import type { Actor, UserActor } from './permissions.js';
import type { Role } from './schema.js';

/** The roles that see every task, project and report (SPEC §2 "all"). */
export const SEES_EVERYTHING: readonly Role[] = ['ceo', 'secretary', 'admin'];

/** The signed-in person behind a caller; API keys act for an integration, never for a person. */
export const personOf = (actor: Actor): UserActor | null => (actor.kind === 'user' ? actor : null);

export const seesEverything = (actor: Actor): boolean => {
  const person = personOf(actor);
  return person !== null && SEES_EVERYTHING.includes(person.role);
};

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => {
  const person = personOf(actor);
  return person !== null && roles.includes(person.role);
};

/** A director or an AM of this track (a user without a track belongs to none). */
export const inTrack = (actor: Actor, trackId: number | null, ...roles: Role[]): boolean => {
  const person = personOf(actor);
  return person !== null && roles.includes(person.role) && person.trackId !== null && person.trackId === trackId;
};

/**
 * The part of the organisation a caller works in (SPEC §2): every track; one track — a director's,
 * whose projects, analysis and customers are that track's; or their own customers — an AM's. `/me`
 * sends it so the web shapes forms and filters from it, never from the role. Integration keys work
 * across the organisation, as `customerScope` (permissions.ts) lets them.
 */
export type OrgScope = { kind: 'all' | 'track' | 'own'; trackId: number | null };

export function orgScopeOf(actor: Actor): OrgScope {
  const person = personOf(actor);
  if (person?.role === 'director') return { kind: 'track', trackId: person.trackId };
  if (person?.role === 'am') return { kind: 'own', trackId: null };
  return { kind: 'all', trackId: null };
}
