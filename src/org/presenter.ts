import type { Static } from 'typebox';
import type { ApiKeyRow } from './api-key-store.js';
import type { ApiKey, CustomerDto, TrackDto, UserDto } from './contract.js';
import type { CustomerRow } from './customer-store.js';
import type { SessionWithUser } from './session-store.js';
import type { TrackRow } from './track-store.js';
import type { UserRow } from './user-store.js';

/** The organisation's API shapes, built field by field so no column (a password hash) ever leaks. */
export function presentUser(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    code: row.code,
    name: row.name,
    role: row.role,
    trackId: row.trackId,
    email: row.email,
    active: row.active,
    version: row.version,
  };
}

/** The signed-in user (/me, the login answer): the user with the track's name and the password flag. */
export function presentSessionUser(user: UserRow, trackName: string | null) {
  return { ...presentUser(user), trackName, mustChangePassword: user.mustChangePassword };
}

/** /me from the session as loaded by the auth plugin: no query on every page load. */
export const presentLoadedSession = ({ user, trackName }: SessionWithUser) => presentSessionUser(user, trackName);

export function presentTrack(row: TrackRow): TrackDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    businessLine: row.businessLine,
    directorId: row.directorId,
    directorName: row.directorName,
    weeklySeriesId: row.weeklySeriesId,
    version: row.version,
  };
}

export function presentCustomer(row: CustomerRow): CustomerDto {
  return { id: row.id, code: row.code, name: row.name, trackId: row.trackId, amId: row.amId, version: row.version };
}

export function presentApiKey(row: ApiKeyRow): Static<typeof ApiKey> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
