import { and, asc, eq, gte, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cadenceSlots, periodMonthOf } from './rules.js';
import { meetingOccurrences, meetingSeries } from './schema.js';

// Occurrences are stored at least 12 months ahead (SPEC §4.1); a little more so a monthly series
// always shows its thirteenth meeting.
const AHEAD_MS = 400 * 86_400_000;

/**
 * Stores the cadence slots of every series whose stored meetings reach less than a year ahead, from its
 * creation (or its last stored slot) to 400 days after `now`. Idempotent; cheap when nothing is due.
 */
export async function ensureOccurrences(
  db: Db,
  timeZone: string,
  now: Date,
  only?: { seriesId: number; from: Date },
): Promise<number> {
  const due = await db
    .select({
      id: meetingSeries.id,
      type: meetingSeries.type,
      cadence: meetingSeries.cadence,
      createdAt: meetingSeries.createdAt,
      last: max(meetingOccurrences.slot),
    })
    .from(meetingSeries)
    .leftJoin(meetingOccurrences, eq(meetingOccurrences.seriesId, meetingSeries.id))
    .groupBy(meetingSeries.id)
    .having(
      sql`coalesce(max(${meetingOccurrences.slot}), least(${meetingSeries.createdAt}, ${now})) < ${new Date(now.getTime() + 365 * 86_400_000)}`,
    );
  const until = new Date(now.getTime() + AHEAD_MS);
  let added = 0;
  for (const s of due) {
    // A series made by the migration may carry a creation time after a test clock's "now".
    const created = s.createdAt < now ? s.createdAt : now;
    const from = only ? only.from : s.last ? new Date(new Date(s.last).getTime() + 1) : created;
    const rows = cadenceSlots(s.cadence, timeZone, from, until).map((slot) => ({
      seriesId: s.id,
      slot: slot.startsAt,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      periodMonth: periodMonthOf(s.type, slot.startsAt, timeZone),
    }));
    if (rows.length === 0) continue;
    const inserted = await db
      .insert(meetingOccurrences)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: meetingOccurrences.id });
    added += inserted.length;
  }
  return added;
}

export type MeetingFilter = { from: Date; to: Date; type?: 'supervision' | 'weekly'; trackId?: number };

export async function listMeetings(db: Db, filter: MeetingFilter) {
  const where = [gte(meetingOccurrences.startsAt, filter.from), lt(meetingOccurrences.startsAt, filter.to)];
  if (filter.type) where.push(eq(meetingSeries.type, filter.type));
  if (filter.trackId) where.push(eq(meetingSeries.trackId, filter.trackId));
  return db
    .select({
      id: meetingOccurrences.id,
      seriesId: meetingOccurrences.seriesId,
      type: meetingSeries.type,
      trackId: meetingSeries.trackId,
      startsAt: meetingOccurrences.startsAt,
      endsAt: meetingOccurrences.endsAt,
      status: meetingOccurrences.status,
      periodMonth: meetingOccurrences.periodMonth,
      movedByHand: meetingOccurrences.movedByHand,
      version: meetingOccurrences.version,
    })
    .from(meetingOccurrences)
    .innerJoin(meetingSeries, eq(meetingSeries.id, meetingOccurrences.seriesId))
    .where(and(...where))
    .orderBy(asc(meetingOccurrences.startsAt), asc(meetingOccurrences.id))
    .limit(2000);
}
