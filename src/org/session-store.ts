import { and, count, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginAttempts, sessions, tracks, users } from './schema.js';
import { type SessionPolicy, sessionExpiry } from './session-rules.js';
import { hashToken, newToken } from './tokens.js';

export type SessionWithUser = {
  sessionId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: typeof users.$inferSelect;
  trackName: string | null;
};

/** A fresh token at every sign-in (no session fixation); only its hash is stored. */
export async function createSession(
  db: Db,
  input: { userId: number; now: Date; policy: SessionPolicy; ip: string; userAgent: string | undefined },
): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: sessionExpiry(input.now, input.policy),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionWithUser | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: users,
      trackName: tracks.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(tracks, eq(tracks.id, users.trackId))
    .where(eq(sessions.tokenHash, tokenHash));
  return row ?? null;
}

export async function touchSession(db: Db, sessionId: number, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (disabled, password reset), optionally keeping the caller's own. */
export async function deleteUserSessions(db: Db, userId: number, keepSessionId?: number): Promise<void> {
  const mine = eq(sessions.userId, userId);
  await db
    .delete(sessions)
    .where(keepSessionId === undefined ? mine : and(mine, sql`${sessions.id} <> ${keepSessionId}`));
}

/** Removes sessions that were dead at `at` (absolute expiry or idle timeout); returns how many. */
export async function deleteDeadSessions(db: Db, at: Date, policy: SessionPolicy): Promise<number> {
  const idleCutoff = new Date(at.getTime() - policy.idleMinutes * 60_000);
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, at), lt(sessions.lastSeenAt, idleCutoff)))
    .returning({ id: sessions.id });
  return removed.length;
}

export async function countLoginFailures(
  db: Db,
  who: { username: string; ip: string },
  since: Date,
): Promise<{ byUsername: number; byAddress: number }> {
  const [byUsername] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, who.username.toLowerCase()), gte(loginAttempts.at, since)));
  const [byAddress] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, who.ip), gte(loginAttempts.at, since)));
  return { byUsername: byUsername?.n ?? 0, byAddress: byAddress?.n ?? 0 };
}

export async function recordLoginFailure(db: Db, who: { username: string; ip: string }, at: Date): Promise<void> {
  await db.insert(loginAttempts).values({ username: who.username.toLowerCase(), ip: who.ip, at });
}

/** A successful sign-in forgives that username's earlier failures (not the address's). */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username.toLowerCase()));
}

export async function deleteOldLoginFailures(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}
