import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { UserActor } from '../org/permissions.js';
import { tracks, users } from '../org/schema.js';

/** The demo's people as the actors the product's functions expect, as if each had signed in. */
export type People = {
  all: UserActor[];
  byId: Map<number, UserActor>;
  byUsername: Map<string, UserActor>;
  ceo: UserActor;
  secretary: UserActor;
  tracks: { id: number; code: string; name: string; director: UserActor; ams: UserActor[] }[];
};

export async function loadPeople(db: Db): Promise<People> {
  const rows = await db.select().from(users).where(eq(users.active, true)).orderBy(users.id);
  const all: UserActor[] = rows.map((u) => ({
    kind: 'user',
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    trackId: u.trackId,
    mustChangePassword: false,
    sessionId: 0,
  }));
  const byId = new Map(all.map((a) => [a.id, a]));
  const byUsername = new Map(all.map((a) => [a.username, a]));
  const trackRows = await db.select().from(tracks).orderBy(tracks.id);
  const one = (role: string) => {
    const actor = all.find((a) => a.role === role);
    if (!actor) throw new Error(`the demo needs a user with the role ${role}`);
    return actor;
  };
  return {
    all,
    byId,
    byUsername,
    ceo: one('ceo'),
    secretary: one('secretary'),
    tracks: trackRows
      .filter((t) => t.directorId !== null && byId.has(t.directorId))
      .map((t) => ({
        id: t.id,
        code: t.code,
        name: t.name,
        director: byId.get(t.directorId!)!,
        ams: all.filter((a) => a.role === 'am' && a.trackId === t.id),
      })),
  };
}
