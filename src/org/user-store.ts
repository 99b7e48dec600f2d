import { and, asc, count, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Changer, changedFields, recordHistory } from '../history/store.js';
import { badRequest, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { CreateUser, UpdateUser } from './contract.js';
import { hashPassword } from './passwords.js';
import { presentUser } from './presenter.js';
import { checkRoleTrack } from './rules.js';
import { customers, type Role, tracks, users } from './schema.js';
import { deleteUserSessions } from './session-store.js';
import { leadTrack, vacateTrack } from './track-store.js';

export type UserRow = typeof users.$inferSelect;

/** What the history of a user records: never the password hash. */
const auditable = (row: UserRow) => ({ ...presentUser(row), version: undefined });

export type UserFilter = { role?: Role; trackId?: number; active?: boolean; q?: string };

export async function listUsers(db: Db, filter: UserFilter, afterId: number, limit: number): Promise<UserRow[]> {
  const where: SQL[] = [gt(users.id, afterId)];
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.trackId) where.push(eq(users.trackId, filter.trackId));
  if (filter.active !== undefined) where.push(eq(users.active, filter.active));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(or(ilike(users.name, like), ilike(users.username, like), ilike(users.code, like))!);
  }
  return db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.id))
    .limit(limit + 1);
}

export async function findUser(db: Db, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getUser(db: Db, id: number): Promise<UserRow> {
  const row = await findUser(db, id);
  if (!row) throw notFound('user');
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  // Usernames are unique case-insensitively (users_username_key is on lower(username)).
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}

async function assertTrackExists(db: Db, trackId: number | null): Promise<void> {
  if (trackId === null) return;
  const [row] = await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, trackId));
  if (!row)
    throw badRequest([
      { field: 'trackId', reason: 'invalid', params: { why: { zh: '赛道不存在', en: 'no such track' } } },
    ]);
}

export async function createUser(db: Db, input: CreateUser, actor: Changer, now: Date): Promise<UserRow> {
  const trackId = input.trackId ?? null;
  const problems = checkRoleTrack(input.role, trackId);
  if (problems.length) throw badRequest(problems);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await assertTrackExists(tx, trackId);
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        code: input.code,
        name: input.name,
        role: input.role,
        trackId,
        email: input.email ?? null,
        passwordHash,
        // An account an admin set up signs in once with the admin's password, then picks its own.
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (row!.role === 'director' && trackId !== null) await leadTrack(tx, row!.id, trackId, actor, now);
    await recordHistory(tx, {
      entity: 'user',
      entityId: row!.id,
      action: 'created',
      actor,
      at: now,
      after: auditable(row!),
    });
    return row!;
  });
}

export async function updateUser(
  db: Db,
  id: number,
  input: UpdateUser,
  actor: Changer,
  now: Date,
  expectedVersion: ExpectedVersion,
): Promise<UserRow> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    checkVersion(before.version, expectedVersion);
    const role = input.role ?? before.role;
    const trackId = input.trackId !== undefined ? input.trackId : before.trackId;
    const problems = checkRoleTrack(role, trackId);
    if (problems.length) throw badRequest(problems);
    await assertTrackExists(tx, trackId);
    await guardRoleChange(tx, before, role, trackId);
    const [after] = await tx
      .update(users)
      .set({
        name: input.name ?? before.name,
        role,
        trackId,
        email: input.email !== undefined ? input.email : before.email,
        active: input.active ?? before.active,
        ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
        version: before.version + 1,
        updatedAt: now,
      })
      .where(eq(users.id, id))
      .returning();
    if (before.role === 'director' && (role !== 'director' || trackId !== before.trackId)) {
      await vacateTrack(tx, id, actor, now);
    }
    if (role === 'director' && trackId !== null) await leadTrack(tx, id, trackId, actor, now);
    // A disabled account or a reset password ends every session of that user at once.
    if (after!.active === false || passwordHash) await deleteUserSessions(tx, id);
    const diff = changedFields(auditable(before), auditable(after!));
    const action = passwordHash
      ? 'password_reset'
      : input.active === false && before.active
        ? 'deactivated'
        : 'updated';
    await recordHistory(tx, { entity: 'user', entityId: id, action, actor, at: now, ...diff });
    return after!;
  });
}

/** A user's own new password; other devices signed in with the old one are signed out, this one stays. */
export async function changeOwnPassword(
  db: Db,
  input: { userId: number; passwordHash: string; keepSessionId: number },
  actor: Changer,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: input.passwordHash, mustChangePassword: false, updatedAt: now })
      .where(eq(users.id, input.userId));
    await deleteUserSessions(tx, input.userId, input.keepSessionId);
    await recordHistory(tx, { entity: 'user', entityId: input.userId, action: 'password_changed', actor, at: now });
  });
}

/** An AM who still owns customers keeps the role and track until the customers are handed over. */
async function guardRoleChange(db: Db, before: UserRow, role: Role, trackId: number | null): Promise<void> {
  if (before.role !== 'am' || (role === 'am' && trackId === before.trackId)) return;
  const [owned] = await db.select({ n: count() }).from(customers).where(eq(customers.amId, before.id));
  if ((owned?.n ?? 0) > 0) {
    throw ruleViolation(409, {
      zh: `该客户经理仍负责 ${owned!.n} 个客户，请先将客户转给其他客户经理`,
      en: `This account manager still owns ${owned!.n} customers; hand them over first`,
    });
  }
}
