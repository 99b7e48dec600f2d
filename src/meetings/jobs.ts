import type { JobDefinition } from '../jobs/scheduler.js';
import { ensureOccurrences } from './occurrences.js';

const DAY = 86_400_000;

/** Daily: every series keeps its meetings stored at least a year ahead. */
export const meetingCalendarJob: JobDefinition = {
  name: 'meeting_calendar',
  catchUp: 'latest',
  firstLookbackMs: DAY,
  dueMoments: (after, upTo) => {
    const moments: Date[] = [];
    for (let t = Math.floor(after.getTime() / DAY) * DAY + DAY; t <= upTo.getTime(); t += DAY)
      moments.push(new Date(t));
    return moments;
  },
  periodKey: (dueAt) => dueAt.toISOString().slice(0, 10),
  run: async (tx, dueAt, ctx) => ({ added: await ensureOccurrences(tx, ctx.config.timeZone, dueAt) }),
};
