import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../org/schema.js';
import { type ProjectPhase, projectProgress, projects } from './schema.js';
import { NEWEST_FIRST } from './store.js';

export type ProjectSummary = {
  id: number;
  title: string;
  phase: ProjectPhase;
  latestProgress: { date: string; text: string; authorName: string } | null;
};

/**
 * C3: what a task page or a meeting page shows of each linked project — its phase and latest progress —
 * for any number of projects in one query (never one per task). Unknown ids are absent from the map.
 */
export async function projectSummaries(db: Db, ids: number[]): Promise<Map<number, ProjectSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const latest = db
    .selectDistinctOn([projectProgress.projectId], {
      projectId: projectProgress.projectId,
      date: projectProgress.date,
      text: projectProgress.text,
      authorName: users.name,
    })
    .from(projectProgress)
    .innerJoin(users, eq(users.id, projectProgress.authorId))
    .where(inArray(projectProgress.projectId, unique))
    .orderBy(projectProgress.projectId, ...NEWEST_FIRST)
    .as('latest');
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      phase: projects.phase,
      date: latest.date,
      text: latest.text,
      authorName: latest.authorName,
    })
    .from(projects)
    .leftJoin(latest, eq(latest.projectId, projects.id))
    .where(inArray(projects.id, unique));
  return new Map(
    rows.map(({ date, text, authorName, ...p }) => {
      const latestProgress = date !== null && text !== null && authorName !== null ? { date, text, authorName } : null;
      return [p.id, { ...p, latestProgress }];
    }),
  );
}
