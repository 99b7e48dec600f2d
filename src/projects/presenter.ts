import type { Actor } from '../org/permissions.js';
import { projectCan } from './scope.js';
import type { LatestProgress, ProjectRow } from './store.js';

/** The API shape of a project (SPEC §4.7) as the caller sees it; `latestProgress` is the newest log entry or null. */
export function presentProject(row: ProjectRow, latest: LatestProgress | undefined, actor: Actor) {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    trackId: row.trackId,
    ownerId: row.ownerId,
    phase: row.phase,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    latestProgress: latest
      ? { date: latest.date, text: latest.text, authorId: latest.authorId, authorName: latest.authorName }
      : null,
    can: projectCan(actor, row),
  };
}

type ProgressRow = { id: number; date: string; text: string; authorId: number; authorName: string; createdAt: Date };

export const presentProgress = (entry: ProgressRow) => ({ ...entry, createdAt: entry.createdAt.toISOString() });
