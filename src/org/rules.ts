import type { FieldError } from '../http/errors.js';
import type { Role } from './schema.js';

/** Roles that belong to a track: an AM always, a director once leading one (SPEC §2). */
export const TRACK_ROLES: readonly Role[] = ['am', 'director'];

/** The track a user of this role may carry: required for an AM, refused for roles outside tracks. */
export function checkRoleTrack(role: Role, trackId: number | null): FieldError[] {
  if (role === 'am' && trackId === null) return [{ field: 'trackId', reason: 'required' }];
  if (!TRACK_ROLES.includes(role) && trackId !== null) {
    return [
      {
        field: 'trackId',
        reason: 'invalid',
        params: { why: { zh: '该角色不属于赛道', en: 'this role belongs to no track' } },
      },
    ];
  }
  return [];
}
