import type { Actor } from '../org/permissions.js';
import { mayRegenerateReport } from '../reports/scope.js';
import type { meetingOccurrences, meetingSeries } from './schema.js';
import { attendsMeeting, chairsMeeting, mayManageSeries } from './scope.js';

type Occurrence = typeof meetingOccurrences.$inferSelect;
type SeriesRow = typeof meetingSeries.$inferSelect;
/** A meeting with its series' type and track, as the list query reads it. */
export type MeetingView = Pick<
  Occurrence,
  'id' | 'seriesId' | 'startsAt' | 'endsAt' | 'status' | 'periodMonth' | 'movedByHand' | 'version'
> &
  Pick<SeriesRow, 'type' | 'trackId'>;

export const meetingView = (o: Occurrence, s: SeriesRow): MeetingView => ({ ...o, type: s.type, trackId: s.trackId });

/** The API shape of a meeting as the caller sees it, with what they may do with it (`can`). */
export function presentMeeting(m: MeetingView, actor: Actor) {
  return {
    id: m.id,
    seriesId: m.seriesId,
    type: m.type,
    trackId: m.trackId,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    status: m.status,
    periodMonth: m.periodMonth,
    movedByHand: m.movedByHand,
    version: m.version,
    can: {
      manage: mayManageSeries(actor, m),
      raiseTasks: chairsMeeting(actor, m),
      regenerateReport: mayRegenerateReport(actor, m),
      attend: attendsMeeting(actor, m),
    },
  };
}

export const presentSeries = (s: SeriesRow) => ({
  id: s.id,
  type: s.type,
  trackId: s.trackId,
  cadence: s.cadence,
  version: s.version,
});
