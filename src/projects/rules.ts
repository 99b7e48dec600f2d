import { TZDate } from '@date-fns/tz';
import type { Actor } from '../org/permissions.js';

type ProjectScope = { trackId: number | null; ownerId: number };
type Person = { active: boolean; role: string; trackId: number | null };

const user = (actor: Actor) => (actor.kind === 'user' ? actor : null);
const isCentral = (actor: Actor) => ['ceo', 'secretary', 'admin'].includes(user(actor)?.role ?? '');

/** Who sees a project (SPEC §2 by analogy with tasks): CEO, secretary, admin all; others their track's and their own. */
export function canSeeProject(actor: Actor, project: ProjectScope): boolean {
  const u = user(actor);
  if (!u) return false;
  if (isCentral(actor)) return true;
  if (u.role !== 'director' && u.role !== 'am') return false;
  return project.ownerId === u.id || (u.trackId !== null && project.trackId === u.trackId);
}

/** Create / change: CEO, secretary, admin any project; a director only their own track's. */
export function canManageProject(actor: Actor, project: Pick<ProjectScope, 'trackId'>): boolean {
  const u = user(actor);
  if (!u) return false;
  if (isCentral(actor)) return true;
  return u.role === 'director' && u.trackId !== null && project.trackId === u.trackId;
}

/** Progress: the owner, the track's director, CEO / secretary / admin. */
export function canLogProgress(actor: Actor, project: ProjectScope): boolean {
  const u = user(actor);
  if (!u) return false;
  if (isCentral(actor) || project.ownerId === u.id) return true;
  return u.role === 'director' && u.trackId !== null && project.trackId === u.trackId;
}

/** An owner is an active director, or an active AM of the project's track (a company-wide project has no AM owner). */
export function ownerFits(owner: Person | undefined, trackId: number | null): boolean {
  if (!owner?.active) return false;
  if (owner.role === 'director') return true;
  return owner.role === 'am' && trackId !== null && owner.trackId === trackId;
}

/** Today's date (YYYY-MM-DD) in the configured time zone. */
export function localDate(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}
