import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { badRequest, notFound } from '../http/errors.js';
import type { CreateApiKey } from './contract.js';
import type { Actor } from './permissions.js';
import { presentApiKey } from './presenter.js';
import { apiKeys } from './schema.js';
import { hashToken, newToken } from './tokens.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
const DEFAULT_LIFETIME_DAYS = 365;
const MAX_LIFETIME_DAYS = 2 * 365;

/** The key is shown once; it starts with a readable prefix so an admin can tell keys apart in logs. */
export async function createApiKey(db: Db, input: CreateApiKey, actor: Actor, now: Date) {
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now.getTime() + DEFAULT_LIFETIME_DAYS * 86_400_000);
  const maxExpiry = now.getTime() + MAX_LIFETIME_DAYS * 86_400_000;
  if (expiresAt <= now || expiresAt.getTime() > maxExpiry) {
    const why = { zh: '须在今后两年之内', en: 'must lie within the next two years' };
    throw badRequest([{ field: 'expiresAt', reason: 'invalid', params: { why } }]);
  }
  const secret = newToken();
  const key = `tkc_${secret}`;
  const prefix = key.slice(0, 12);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: input.name,
        prefix,
        keyHash: hashToken(key),
        scopes: input.scopes,
        expiresAt,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning();
    const after = { name: row!.name, prefix, scopes: row!.scopes, expiresAt: expiresAt.toISOString() };
    await recordHistory(tx, { entity: 'api_key', entityId: row!.id, action: 'created', actor, at: now, after });
    return { ...presentApiKey(row!), key };
  });
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.id));
}

export async function revokeApiKey(db: Db, id: number, actor: Actor, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
    if (!row) throw notFound('api_key');
    if (row.revokedAt) return;
    await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
    await recordHistory(tx, {
      entity: 'api_key',
      entityId: id,
      action: 'revoked',
      actor,
      at: now,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
  });
}

export async function findApiKey(db: Db, key: string): Promise<ApiKeyRow | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashToken(key)));
  return row ?? null;
}

export async function markApiKeyUsed(db: Db, id: number, now: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}
