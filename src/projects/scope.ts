/**
 * Who sees, changes and logs progress on an improvement project (SPEC §2 by analogy with tasks) —
 * the one home of these rules. The pure predicates decide single projects and the `can` flags the
 * API sends with each one; `projectSqlScope` is their SQL mirror for lists and must say the same.
 */
import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../org/permissions.js';
import { hasRole, inTrack, personOf, seesEverything } from '../org/scope.js';
import { projects } from './schema.js';

type ProjectFacts = { trackId: number | null; ownerId: number };

/** CEO, secretary, admin see every project; a director or an AM their track's and the ones they own. */
export function canSeeProject(actor: Actor, project: ProjectFacts): boolean {
  if (seesEverything(actor)) return true;
  if (!hasRole(actor, 'director', 'am')) return false;
  return project.ownerId === actor.id || inTrack(actor, project.trackId, 'director', 'am');
}

/** The SQL twin of `canSeeProject`, for lists (undefined: no restriction). */
export function projectSqlScope(actor: Actor): SQL | undefined {
  if (seesEverything(actor)) return undefined;
  if (!hasRole(actor, 'director', 'am')) return sql`false`;
  return or(eq(projects.trackId, personOf(actor)?.trackId ?? -1), eq(projects.ownerId, actor.id));
}

/** Create / change: CEO, secretary, admin any project; a director only their own track's. */
export function canManageProject(actor: Actor, project: Pick<ProjectFacts, 'trackId'>): boolean {
  return seesEverything(actor) || inTrack(actor, project.trackId, 'director');
}

/** Progress: the owner, the track's director, CEO / secretary / admin. */
export function canLogProgress(actor: Actor, project: ProjectFacts): boolean {
  if (seesEverything(actor) || (actor.kind === 'user' && project.ownerId === actor.id)) return true;
  return inTrack(actor, project.trackId, 'director');
}

/** What the caller may do with the project now; a closed project takes no more progress entries. */
export function projectCan(actor: Actor, project: ProjectFacts & { phase: string }) {
  return {
    manage: canManageProject(actor, project),
    logProgress: project.phase !== 'closed' && canLogProgress(actor, project),
  };
}
