import { forbidden, notFound } from '../http/errors.js';
import type { meetingSeries } from '../meetings/schema.js';
import type { Actor } from '../org/permissions.js';

type Series = typeof meetingSeries.$inferSelect;
const EVERYTHING = ['ceo', 'secretary', 'admin'];

/**
 * Who reads a meeting's opening report (SPEC §2): CEO, secretary and admin all; a director the
 * supervision reports and their own track's weekly ones; an AM their own track's weekly ones. The
 * report lists summaries; opening a task from it follows the task's own scope.
 */
export function assertMayRead(actor: Actor, series: Series): void {
  if (actor.kind === 'user') {
    if (EVERYTHING.includes(actor.role)) return;
    if (series.type === 'weekly' && series.trackId === actor.trackId && ['director', 'am'].includes(actor.role)) return;
    if (series.type === 'supervision' && actor.role === 'director') return;
  }
  throw notFound('opening_report');
}

/** Who makes a new version on demand: the meeting's chairs (CEO, secretary; the track's director) and the admin. */
export function assertMayRegenerate(actor: Actor, series: Series): void {
  assertMayRead(actor, series);
  if (
    actor.kind === 'user' &&
    (EVERYTHING.includes(actor.role) || (actor.role === 'director' && series.type === 'weekly'))
  )
    return;
  throw forbidden({
    zh: '只有会议主持人（CEO、秘书、本赛道总监）可以重新生成开场报告',
    en: "only the meeting's chairs regenerate its opening report",
  });
}
