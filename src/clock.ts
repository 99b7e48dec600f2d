import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { appClock } from './jobs/schema.js';

/**
 * The one source of "now" (SPEC §8). Rules never read it: routes and jobs do, and pass the instant on.
 * `now()` is synchronous so one request sees one instant; a fake clock reloads the shared time from the
 * database through `refresh()` before each request and job run.
 */
export interface Clock {
  readonly fake: boolean;
  now(): Date;
  refresh(): Promise<void>;
  /** Only on a fake clock: moves the shared time (stored, so every instance sees it). */
  set(instant: Date): Promise<void>;
}

export function systemClock(): Clock {
  return {
    fake: false,
    now: () => new Date(),
    refresh: async () => {},
    set: async () => {
      throw new Error('the system clock cannot be set');
    },
  };
}

/** A clock that stands still between moves; its time lives in `app_clock` and is shared by all instances. */
export async function fakeClock(db: Db, start: Date | null): Promise<Clock> {
  let current = start ?? new Date();
  const [row] = await db.select().from(appClock).where(eq(appClock.id, 1));
  if (start || !row) {
    await store(db, current);
  } else {
    current = row.fakeNow;
  }
  return {
    fake: true,
    now: () => new Date(current.getTime()),
    async refresh() {
      const [found] = await db.select({ fakeNow: appClock.fakeNow }).from(appClock).where(eq(appClock.id, 1));
      if (found) current = found.fakeNow;
    },
    async set(instant) {
      await store(db, instant);
      current = instant;
    },
  };
}

async function store(db: Db, instant: Date): Promise<void> {
  await db
    .insert(appClock)
    .values({ id: 1, fakeNow: instant, updatedAt: new Date() })
    .onConflictDoUpdate({ target: appClock.id, set: { fakeNow: instant, updatedAt: new Date() } });
}
