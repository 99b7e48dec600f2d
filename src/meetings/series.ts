import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Cadence, meetingSeries } from './schema.js';

/** 赛道周会 default (SPEC §4.1): Monday 09:00–10:00 in the configured time zone. */
export const DEFAULT_WEEKLY_CADENCE: Cadence = { kind: 'weekly', weekday: 1, start: '09:00', end: '10:00' };

/** Creating a track creates its weekly series; call inside the track's transaction. */
export async function createWeeklySeries(db: Db, trackId: number, now: Date): Promise<number> {
  const [row] = await db
    .insert(meetingSeries)
    .values({ type: 'weekly', trackId, cadence: DEFAULT_WEEKLY_CADENCE, createdAt: now })
    .returning({ id: meetingSeries.id });
  return row!.id;
}

export async function weeklySeriesIdOf(db: Db, trackId: number): Promise<number | null> {
  const [row] = await db.select({ id: meetingSeries.id }).from(meetingSeries).where(eq(meetingSeries.trackId, trackId));
  return row?.id ?? null;
}
