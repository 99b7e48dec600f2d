import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Changer, changedFields, recordHistory } from '../history/store.js';
import { badRequest, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import { meetingSeries } from '../meetings/schema.js';
import { createWeeklySeries } from '../meetings/series.js';
import type { CreateTrack, UpdateTrack } from './contract.js';
import { tracks, users } from './schema.js';

export type TrackRow = typeof tracks.$inferSelect & { directorName: string | null; weeklySeriesId: number | null };

const auditable = (row: typeof tracks.$inferSelect) => ({
  code: row.code,
  name: row.name,
  businessLine: row.businessLine,
  directorId: row.directorId,
});

function selectTracks(db: Db) {
  return db
    .select({
      id: tracks.id,
      code: tracks.code,
      name: tracks.name,
      businessLine: tracks.businessLine,
      directorId: tracks.directorId,
      version: tracks.version,
      createdAt: tracks.createdAt,
      updatedAt: tracks.updatedAt,
      directorName: users.name,
      weeklySeriesId: meetingSeries.id,
    })
    .from(tracks)
    .leftJoin(users, eq(users.id, tracks.directorId))
    .leftJoin(meetingSeries, eq(meetingSeries.trackId, tracks.id));
}

export async function listTracks(db: Db, afterId: number, limit: number): Promise<TrackRow[]> {
  return selectTracks(db)
    .where(gt(tracks.id, afterId))
    .orderBy(asc(tracks.id))
    .limit(limit + 1);
}

export async function getTrack(db: Db, id: number): Promise<TrackRow> {
  const [row] = await selectTracks(db).where(eq(tracks.id, id));
  if (!row) throw notFound('track');
  return row;
}

/** The name of a track, or null for no track (or one that is gone). */
export async function trackName(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const [row] = await db.select({ name: tracks.name }).from(tracks).where(eq(tracks.id, id));
  return row?.name ?? null;
}

/** A director must exist, be active and have the director role; they lead one track at most. */
async function checkDirector(db: Db, directorId: number | null, trackId: number | null): Promise<void> {
  if (directorId === null) return;
  const [director] = await db.select().from(users).where(eq(users.id, directorId));
  const why = !director
    ? { zh: '用户不存在', en: 'no such user' }
    : director.role !== 'director'
      ? { zh: '该用户不是赛道总监', en: 'this user is not a track director' }
      : !director.active
        ? { zh: '该用户已停用', en: 'this user is disabled' }
        : null;
  if (why) throw badRequest([{ field: 'directorId', reason: 'invalid', params: { why } }]);
  const [leading] = await db
    .select({ id: tracks.id, name: tracks.name })
    .from(tracks)
    .where(and(eq(tracks.directorId, directorId), trackId ? sql`${tracks.id} <> ${trackId}` : undefined));
  if (leading) {
    throw ruleViolation(409, {
      zh: `该总监已负责赛道「${leading.name}」，一位总监只负责一个赛道`,
      en: `This director already leads track "${leading.name}"; a director leads one track`,
    });
  }
}

export async function createTrack(db: Db, input: CreateTrack, actor: Changer, now: Date): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const directorId = input.directorId ?? null;
    await checkDirector(tx, directorId, null);
    const [row] = await tx
      .insert(tracks)
      .values({
        code: input.code,
        name: input.name,
        businessLine: input.businessLine,
        directorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await createWeeklySeries(tx, row!.id, now);
    if (directorId) await tx.update(users).set({ trackId: row!.id, updatedAt: now }).where(eq(users.id, directorId));
    await recordHistory(tx, {
      entity: 'track',
      entityId: row!.id,
      action: 'created',
      actor,
      at: now,
      after: auditable(row!),
    });
    return getTrack(tx, row!.id);
  });
}

export async function updateTrack(
  db: Db,
  id: number,
  input: UpdateTrack,
  actor: Changer,
  now: Date,
  expectedVersion: ExpectedVersion,
): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const before = await getTrack(tx, id);
    checkVersion(before.version, expectedVersion);
    const directorId = input.directorId !== undefined ? input.directorId : before.directorId;
    await checkDirector(tx, directorId, id);
    const [after] = await tx
      .update(tracks)
      .set({
        name: input.name ?? before.name,
        businessLine: input.businessLine ?? before.businessLine,
        directorId,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(eq(tracks.id, id))
      .returning();
    if (directorId !== before.directorId) await moveDirector(tx, id, before.directorId, directorId, actor, now);
    await recordHistory(tx, {
      entity: 'track',
      entityId: id,
      action: 'updated',
      actor,
      at: now,
      ...changedFields(auditable(before), auditable(after!)),
    });
    return getTrack(tx, id);
  });
}

/** The director's own track follows the track they lead; the change is in both histories. */
async function moveDirector(
  db: Db,
  trackId: number,
  from: number | null,
  to: number | null,
  actor: Changer,
  now: Date,
) {
  if (from !== null) {
    await db.update(users).set({ trackId: null, updatedAt: now }).where(eq(users.id, from));
    await recordHistory(db, {
      entity: 'user',
      entityId: from,
      action: 'updated',
      actor,
      at: now,
      before: { trackId },
      after: { trackId: null },
    });
  }
  if (to !== null) {
    const [old] = await db.select({ trackId: users.trackId }).from(users).where(eq(users.id, to));
    await db.update(users).set({ trackId, updatedAt: now }).where(eq(users.id, to));
    await recordHistory(db, {
      entity: 'user',
      entityId: to,
      action: 'updated',
      actor,
      at: now,
      before: { trackId: old?.trackId ?? null },
      after: { trackId },
    });
  }
}

/** Called when a director's user record names a track: they take the lead of it if it is vacant. */
export async function leadTrack(db: Db, directorId: number, trackId: number, actor: Changer, now: Date): Promise<void> {
  const track = await getTrack(db, trackId);
  if (track.directorId === directorId) return;
  if (track.directorId !== null) {
    throw ruleViolation(409, {
      zh: `赛道「${track.name}」已有总监 ${track.directorName}，请在赛道设置中更换总监`,
      en: `Track "${track.name}" is led by ${track.directorName}; change the director in the track's settings`,
    });
  }
  await db
    .update(tracks)
    .set({ directorId, version: track.version + 1, updatedAt: now })
    .where(eq(tracks.id, trackId));
  await recordHistory(db, {
    entity: 'track',
    entityId: trackId,
    action: 'updated',
    actor,
    at: now,
    before: { directorId: null },
    after: { directorId },
  });
}

/** A director who changes role or track leaves the track they led without a director. */
export async function vacateTrack(db: Db, directorId: number, actor: Changer, now: Date): Promise<void> {
  const led = await db
    .update(tracks)
    .set({ directorId: null, version: sql`${tracks.version} + 1`, updatedAt: now })
    .where(eq(tracks.directorId, directorId))
    .returning({ id: tracks.id });
  for (const track of led) {
    await recordHistory(db, {
      entity: 'track',
      entityId: track.id,
      action: 'updated',
      actor,
      at: now,
      before: { directorId },
      after: { directorId: null },
    });
  }
}
