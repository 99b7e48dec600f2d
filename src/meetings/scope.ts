/**
 * Who keeps a meeting's calendar and who chairs it (SPEC §2, §4.1–4.2) — the one home of these
 * rules. Pure: the caller and the meeting's series; the API sends the outcome as `can` flags.
 */
import type { Actor } from '../org/permissions.js';
import { hasRole, inTrack } from '../org/scope.js';

export type SeriesFacts = { type: 'supervision' | 'weekly'; trackId: number | null };

/** The secretary keeps the supervision calendar, a director their track's weekly one, the admin both. */
export function mayManageSeries(actor: Actor, series: SeriesFacts): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (series.type === 'supervision') return hasRole(actor, 'secretary');
  return inTrack(actor, series.trackId, 'director');
}

/** The chair enters tasks: the CEO or the secretary in a supervision meeting, the track's director in its weekly one. */
export function chairsMeeting(actor: Actor, series: SeriesFacts): boolean {
  if (series.type === 'supervision') return hasRole(actor, 'ceo', 'secretary');
  return inTrack(actor, series.trackId, 'director');
}

/**
 * The caller's own meetings (the default of the meeting list): those they chair or attend — the
 * supervision meeting for the CEO, the secretary and the directors; a track's weekly meeting for its
 * director and AMs — and those whose calendar they keep (the admin keeps every calendar).
 */
export function attendsMeeting(actor: Actor, series: SeriesFacts): boolean {
  if (mayManageSeries(actor, series) || chairsMeeting(actor, series)) return true;
  if (series.type === 'supervision') return hasRole(actor, 'director');
  return inTrack(actor, series.trackId, 'director', 'am');
}
