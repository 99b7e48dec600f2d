import { and, asc, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { listHistory } from '../history/store.js';
import { notFound } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { users } from '../org/schema.js';
import { type ProjectPhase, projectProgress, projects } from './schema.js';
import { canSeeProject, projectSqlScope } from './scope.js';

export type ProjectRow = typeof projects.$inferSelect;
export type LatestProgress = { date: string; text: string; authorId: number; authorName: string };
export type ProjectFilter = { trackId?: number; phase?: ProjectPhase; type?: ProjectRow['type'] };

/** The newest entry first: by the date it is about, then by when it was written. */
export const NEWEST_FIRST = [desc(projectProgress.date), desc(projectProgress.id)] as const;

export async function listProjects(db: Db, actor: Actor, filter: ProjectFilter, afterId: number, limit: number) {
  const where: (SQL | undefined)[] = [gt(projects.id, afterId), projectSqlScope(actor)];
  if (filter.trackId) where.push(eq(projects.trackId, filter.trackId));
  if (filter.phase) where.push(eq(projects.phase, filter.phase));
  if (filter.type) where.push(eq(projects.type, filter.type));
  return db
    .select()
    .from(projects)
    .where(and(...where))
    .orderBy(asc(projects.id))
    .limit(limit + 1);
}

/** A project in the caller's scope, or 404 (outside the scope is answered as if it did not exist). */
export async function findProject(db: Db, id: number, actor: Actor): Promise<ProjectRow> {
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  if (!project || !canSeeProject(actor, project)) throw notFound('project');
  return project;
}

/** The latest progress entry of each project, in one query (C3: shown beside every linked task). */
export async function latestProgressOf(db: Db, ids: number[]): Promise<Map<number, LatestProgress>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([projectProgress.projectId], {
      projectId: projectProgress.projectId,
      date: projectProgress.date,
      text: projectProgress.text,
      authorId: projectProgress.authorId,
      authorName: users.name,
    })
    .from(projectProgress)
    .innerJoin(users, eq(users.id, projectProgress.authorId))
    .where(inArray(projectProgress.projectId, ids))
    .orderBy(projectProgress.projectId, ...NEWEST_FIRST);
  return new Map(rows.map(({ projectId, ...entry }) => [projectId, entry]));
}

/** The whole progress log of one project, newest first. */
export async function progressOf(db: Db, projectId: number) {
  return db
    .select({
      id: projectProgress.id,
      date: projectProgress.date,
      text: projectProgress.text,
      authorId: projectProgress.authorId,
      authorName: users.name,
      createdAt: projectProgress.createdAt,
    })
    .from(projectProgress)
    .innerJoin(users, eq(users.id, projectProgress.authorId))
    .where(eq(projectProgress.projectId, projectId))
    .orderBy(...NEWEST_FIRST);
}

/** A project's changes (created, phase and field changes), oldest first. */
export async function historyOf(db: Db, projectId: number) {
  const rows = await listHistory(db, 'project', projectId, 0, 1000);
  return rows.map((h) => ({
    action: h.action,
    actorId: h.actorId,
    actorName: h.actorName,
    at: h.at.toISOString(),
    before: h.before,
    after: h.after,
    reason: h.reason,
  }));
}
