import { forbidden, notFound } from '../http/errors.js';
import type { SeriesFacts } from '../meetings/scope.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, inTrack, seesEverything } from '../org/scope.js';

/**
 * Who reads a meeting's opening report (SPEC §2): CEO, secretary and admin all; a director the
 * supervision reports and their own track's weekly ones; an AM their own track's weekly ones. The
 * report lists summaries; opening a task from it follows the task's own scope.
 */
export function mayReadReport(actor: Actor, series: SeriesFacts): boolean {
  if (seesEverything(actor)) return true;
  if (series.type === 'supervision') return hasRole(actor, 'director');
  return inTrack(actor, series.trackId, 'director', 'am');
}

/** Who makes a new version on demand: the meeting's chairs (CEO, secretary; the track's director) and the admin. */
export function mayRegenerateReport(actor: Actor, series: SeriesFacts): boolean {
  if (!mayReadReport(actor, series)) return false;
  return seesEverything(actor) || (hasRole(actor, 'director') && series.type === 'weekly');
}

export function assertMayRead(actor: Actor, series: SeriesFacts): void {
  if (!mayReadReport(actor, series)) throw notFound('opening_report');
}

export function assertMayRegenerate(actor: Actor, series: SeriesFacts): void {
  assertMayRead(actor, series);
  if (mayRegenerateReport(actor, series)) return;
  throw forbidden({
    zh: '只有会议主持人（CEO、秘书、本赛道总监）可以重新生成开场报告',
    en: "only the meeting's chairs regenerate its opening report",
  });
}
