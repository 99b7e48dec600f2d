import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import type { UserActor } from '../org/permissions.js';
import { hashToken, newToken } from '../org/tokens.js';
import { calendarTokens } from './schema.js';

/**
 * A new feed token for the caller (SPEC §11): random, only its hash stored, shown once; the previous
 * one stops working at once, so "new link" is also how a leaked link is revoked.
 */
export async function issueCalendarToken(db: Db, actor: UserActor, now: Date): Promise<string> {
  const token = newToken();
  await db.transaction(async (tx) => {
    await revokeAll(tx, actor.id, now);
    await tx.insert(calendarTokens).values({ userId: actor.id, tokenHash: hashToken(token), createdAt: now });
    await recordHistory(tx, { entity: 'user', entityId: actor.id, action: 'calendar_token_issued', actor, at: now });
  });
  return token;
}

export async function revokeCalendarToken(db: Db, actor: UserActor, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const revoked = await revokeAll(tx, actor.id, now);
    if (revoked > 0)
      await recordHistory(tx, { entity: 'user', entityId: actor.id, action: 'calendar_token_revoked', actor, at: now });
    return revoked;
  });
}

async function revokeAll(db: Db, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(calendarTokens)
    .set({ revokedAt: now })
    .where(and(eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)))
    .returning({ id: calendarTokens.id });
  return rows.length;
}

export async function calendarTokenStatus(db: Db, userId: number) {
  const [active] = await db
    .select({ createdAt: calendarTokens.createdAt, lastUsedAt: calendarTokens.lastUsedAt })
    .from(calendarTokens)
    .where(and(eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)));
  return {
    active: Boolean(active),
    createdAt: active?.createdAt.toISOString() ?? null,
    lastUsedAt: active?.lastUsedAt?.toISOString() ?? null,
  };
}

/** The user a token opens the feed of; null for an unknown or revoked token or a deactivated user. */
export async function userOfToken(db: Db, token: string, now: Date): Promise<number | null> {
  const [row] = await db
    .update(calendarTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(calendarTokens.tokenHash, hashToken(token)), isNull(calendarTokens.revokedAt)))
    .returning({ userId: calendarTokens.userId });
  return row?.userId ?? null;
}
