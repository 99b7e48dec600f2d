// What the screens offer mirrors the server's rules (SPEC §2); the server still decides.
import type { Meeting } from '../../api/meetings';
import type { SessionUser } from '../../api/types';

/** The secretary keeps the supervision calendar, a director their track's weekly one, the admin both. */
export function mayManage(user: SessionUser, meeting: Pick<Meeting, 'type' | 'trackId'>): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'secretary') return meeting.type === 'supervision';
  return user.role === 'director' && meeting.type === 'weekly' && meeting.trackId === user.trackId;
}

/** The chair enters tasks: CEO or secretary in a supervision meeting, the track's director in its weekly one. */
export function chairs(user: SessionUser, meeting: Pick<Meeting, 'type' | 'trackId'>): boolean {
  if (meeting.type === 'supervision') return user.role === 'ceo' || user.role === 'secretary';
  return user.role === 'director' && meeting.trackId === user.trackId;
}

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
