import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { changedFields, recordHistory } from '../history/store.js';
import { forbidden, invalidField, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { tracks, users } from '../org/schema.js';
import { hasRole, personOf } from '../org/scope.js';
import type { CreateProject, PatchProject, ProgressInput } from './contract.js';
import { localDate, ownerFits } from './rules.js';
import { projectProgress, projects } from './schema.js';
import { canLogProgress, canManageProject } from './scope.js';
import { findProject } from './store.js';

type Ctx = { actor: Actor; now: Date; timeZone: string; version?: ExpectedVersion };

const invalid = (field: string, zh: string, en: string) => invalidField(field, { zh, en });
const NOT_YOUR_TRACK = {
  zh: '赛道总监只能建立和修改本赛道的专项',
  en: "a director creates and changes only their own track's projects",
};

async function checkOwner(db: Db, ownerId: number, trackId: number | null): Promise<void> {
  const [owner] = await db.select().from(users).where(eq(users.id, ownerId));
  if (!ownerFits(owner, trackId))
    throw invalid(
      'ownerId',
      '负责人须为在职的赛道总监或本赛道的客户经理',
      "the owner must be an active director or an active AM of the project's track",
    );
}

/** A director's project belongs to their track (omitted → their track); the others name any track or none. */
async function trackOf(db: Db, input: CreateProject, actor: Actor): Promise<number | null> {
  const director = hasRole(actor, 'director') ? personOf(actor) : null;
  const trackId = input.trackId === undefined && director ? director.trackId : (input.trackId ?? null);
  if (!canManageProject(actor, { trackId })) throw forbidden(NOT_YOUR_TRACK);
  if (trackId === null) return null;
  const [track] = await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, trackId));
  if (!track) throw invalid('trackId', '赛道不存在', 'no such track');
  return trackId;
}

export async function createProject(db: Db, input: CreateProject, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const trackId = await trackOf(tx, input, ctx.actor);
    await checkOwner(tx, input.ownerId, trackId);
    const [row] = await tx
      .insert(projects)
      .values({
        type: input.type,
        title: input.title,
        trackId,
        ownerId: input.ownerId,
        description: input.description ?? null,
        createdAt: ctx.now,
        createdBy: ctx.actor.id,
        updatedAt: ctx.now,
      })
      .returning();
    const { id, type, title, ownerId, phase, description } = row!;
    await recordHistory(tx, {
      entity: 'project',
      entityId: id,
      action: 'created',
      actor: ctx.actor,
      at: ctx.now,
      after: { type, title, trackId, ownerId, phase, description },
    });
    return row!;
  });
}

/** Title, phase, owner, description; a phase change is its own history action, so the PDCA cycle can be read back. */
export async function patchProject(db: Db, id: number, input: PatchProject, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, id, ctx.actor);
    if (!canManageProject(ctx.actor, project)) throw forbidden(NOT_YOUR_TRACK);
    checkVersion(project.version, ctx.version);
    if (input.ownerId !== undefined && input.ownerId !== project.ownerId)
      await checkOwner(tx, input.ownerId, project.trackId);
    const pick = (p: typeof project) => ({
      title: p.title,
      phase: p.phase,
      ownerId: p.ownerId,
      description: p.description,
    });
    const wanted = { ...pick(project), ...input };
    const { before, after } = changedFields(pick(project), wanted);
    if (Object.keys(after).length === 0) return project;
    const [row] = await tx
      .update(projects)
      .set({ ...after, updatedAt: ctx.now, version: project.version + 1 })
      .where(and(eq(projects.id, id), eq(projects.version, project.version)))
      .returning();
    // A writer who changed it since we read it wins; this change is refused as stale.
    if (!row) checkVersion((await findProject(tx, id, ctx.actor)).version, project.version);
    await recordHistory(tx, {
      entity: 'project',
      entityId: id,
      action: 'phase' in after ? 'phase_changed' : 'updated',
      actor: ctx.actor,
      at: ctx.now,
      before,
      after,
    });
    return row!;
  });
}

/** Appends to the progress log (never edited): today in the configured zone unless a past date is given. */
export async function addProgress(db: Db, id: number, input: ProgressInput, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, id, ctx.actor);
    if (!canLogProgress(ctx.actor, project))
      throw forbidden({
        zh: '专项进展由负责人、本赛道总监、CEO、秘书或管理员登记',
        en: "progress is logged by the owner, the track's director, the CEO, the secretary or the admin",
      });
    if (project.phase === 'closed')
      throw ruleViolation(409, { zh: '专项已关闭，不能再登记进展', en: 'the project is closed' });
    const today = localDate(ctx.now, ctx.timeZone);
    const date = input.date ?? today;
    if (date > today)
      throw invalid('date', `日期不能晚于今天（${today}）`, `the date cannot be after today (${today})`);
    const [entry] = await tx
      .insert(projectProgress)
      .values({ projectId: id, date, text: input.text, authorId: ctx.actor.id, createdAt: ctx.now })
      .returning();
    return entry!;
  });
}
