// What the project screens offer mirrors src/projects/rules.ts; the server still decides.
import type { ProjectDto } from '../../api/projects';
import type { SessionUser } from '../../api/types';

const central = (user: SessionUser) => ['ceo', 'secretary', 'admin'].includes(user.role);

/** Create / change: CEO, secretary, admin any project; a director their own track's. */
export const mayManage = (user: SessionUser, project?: Pick<ProjectDto, 'trackId'>) =>
  central(user) ||
  (user.role === 'director' && user.trackId !== null && (!project || project.trackId === user.trackId));

/** Progress: the owner, the track's director, CEO / secretary / admin; never on a closed project. */
export function mayLogProgress(user: SessionUser, project: Pick<ProjectDto, 'trackId' | 'ownerId' | 'phase'>) {
  if (project.phase === 'closed') return false;
  if (central(user) || project.ownerId === user.id) return true;
  return user.role === 'director' && user.trackId !== null && project.trackId === user.trackId;
}
