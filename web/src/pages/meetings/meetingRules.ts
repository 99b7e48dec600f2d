// A meeting's phase and entry window as the screens show them; who may manage or chair a meeting is
// the server's (`meeting.can`, src/meetings/scope.ts).
import type { Meeting } from '../../api/meetings';

export type Phase = 'upcoming' | 'live' | 'ended' | 'cancelled';

export function phaseOf(meeting: Meeting, now: number): Phase {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (now < Date.parse(meeting.startsAt)) return 'upcoming';
  return now < Date.parse(meeting.endsAt) ? 'live' : 'ended';
}

const DAY = 86_400_000;

/** Entry opens at the start; on time until the end (weekly: 24 h after), later entries are kept as late. */
export const entryOpen = (meeting: Meeting, now: number) =>
  meeting.status === 'scheduled' && now >= Date.parse(meeting.startsAt);
export const entryOnTime = (meeting: Meeting, now: number) =>
  entryOpen(meeting, now) && now <= Date.parse(meeting.endsAt) + (meeting.type === 'weekly' ? DAY : 0);
