import type { Db } from '../db/client.js';
import { ensureOccurrences, listMeetings } from '../meetings/occurrences.js';
import { meetingSeries } from '../meetings/schema.js';
import { markAllRead } from '../notifications/store.js';
import { generateReport } from '../reports/store.js';
import { escalateDueWeeklyTasks } from '../tasks/escalation.js';
import { decideAtMeeting } from './decisions.js';
import { DEMO_SEED } from './organisation.js';
import { loadPeople } from './people.js';
import { createRandom } from './prng.js';
import { scheduleProjects } from './projects.js';
import { raiseTasks } from './raise.js';
import { withReadCache } from './read-cache.js';
import { after, DAY, HISTORY_DAYS, type Meeting, MINUTE, type Sim } from './simulation.js';
import { Timeline } from './timeline.js';

/**
 * The demo's meeting history (SPEC §10), replayed through the product's own functions in time order
 * over the six months before `now`: at each weekly and supervision meeting escalation at its moment,
 * the opening reports (24 h before and final), the chair's D1 decisions and new tasks from the board;
 * between meetings owners completing at their own moments, some late, some never. Deterministic for
 * a given `now`; what falls after `now` is left to the scheduled jobs.
 */
export async function seedDemoMeetings(
  database: Db,
  options: { now: Date; timeZone: string; days?: number; seed?: number },
): Promise<{ meetings: number }> {
  const { now, timeZone, days = HISTORY_DAYS } = options;
  const db = withReadCache(database);
  const from = after(now, -days * DAY);
  // The calendar begins when a series is created; the demo's series existed half a year ago.
  await db.update(meetingSeries).set({ createdAt: from });
  await ensureOccurrences(db, timeZone, now);
  const meetings = (await listMeetings(db, { from, to: after(now, DAY + 1) })).filter((m) => m.status === 'scheduled');
  const random = createRandom(options.seed ?? DEMO_SEED + 10);
  const sim: Sim = {
    db,
    random,
    timeZone,
    people: await loadPeople(db),
    timeline: new Timeline(now),
    projects: [],
    boards: new Map(),
  };
  scheduleProjects(sim, from, days);
  const previous = new Map<number, Date>();
  for (const meeting of meetings) {
    const previousStart = previous.get(meeting.seriesId) ?? null;
    previous.set(meeting.seriesId, meeting.startsAt);
    scheduleMeeting(sim, meeting, previousStart, reportsFrom(now));
  }
  scheduleInboxReading(sim, meetings, now);
  await sim.timeline.run();
  return { meetings: meetings.filter((m) => m.startsAt <= now).length };
}

/**
 * Opening reports are stored for every supervision meeting and for the weekly meetings of the last
 * four weeks: each costs a board and the task lists, and the older weekly ones can be made on demand.
 */
const REPORT_WEEKS = 4;
const reportsFrom = (now: Date) => after(now, -REPORT_WEEKS * 7 * DAY);

function scheduleMeeting(sim: Sim, meeting: Meeting, previousStart: Date | null, reportsSince: Date): void {
  const reported = meeting.type === 'supervision' || meeting.startsAt >= reportsSince;
  if (reported)
    sim.timeline.at(after(meeting.startsAt, -DAY), async (at) => {
      await generateReport(sim.db, meeting.id, 'scheduled', at, null);
    });
  sim.timeline.at(meeting.startsAt, async (at) => {
    // Weekly tasks still pending escalate at this minute, as the job would have them.
    await escalateDueWeeklyTasks(sim.db, at);
    if (reported) await generateReport(sim.db, meeting.id, 'final', at, null);
  });
  sim.timeline.at(after(meeting.startsAt, sim.random.int(5, 15) * MINUTE), (at) =>
    decideAtMeeting(sim, meeting, previousStart, at),
  );
  sim.timeline.at(after(meeting.startsAt, sim.random.int(20, 40) * MINUTE), (at) => raiseTasks(sim, meeting, at));
}

/** Everybody has read their inbox before the last supervision meeting: the unread notices are the recent ones. */
function scheduleInboxReading(sim: Sim, meetings: { type: string; startsAt: Date }[], now: Date): void {
  const last = meetings.filter((m) => m.type === 'supervision' && m.startsAt <= now).at(-1);
  if (!last) return;
  sim.timeline.at(after(last.startsAt, -MINUTE), async (at) => {
    for (const person of sim.people.all) await markAllRead(sim.db, person.id, at);
  });
}
