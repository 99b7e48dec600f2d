import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { meetingOccurrences } from '../meetings/schema.js';

/**
 * "The next meeting of the same type" (SPEC §4.1): the first meeting of the series starting after
 * `after` that is not cancelled. Meetings are stored ≥ 12 months ahead, so one always exists.
 */
export async function nextMeeting(db: Db, seriesId: number, after: Date) {
  const [next] = await db
    .select()
    .from(meetingOccurrences)
    .where(
      and(
        eq(meetingOccurrences.seriesId, seriesId),
        gt(meetingOccurrences.startsAt, after),
        eq(meetingOccurrences.status, 'scheduled'),
      ),
    )
    .orderBy(asc(meetingOccurrences.startsAt))
    .limit(1);
  return next!;
}
