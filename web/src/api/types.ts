// Shapes of the /api/v1 resources the web app reads (SPEC §9), derived from the server's TypeBox contracts.
// Type-only imports: the contracts (and typebox) never reach the bundle.
import type { Static, TUnknown } from 'typebox';
import type { Page as PageSchema } from '../../../src/http/schemas';
import type {
  ApiKey as ApiKeySchema,
  CreateApiKeyRequest,
  CreatedApiKey as CreatedApiKeySchema,
  Customer as CustomerSchema,
  HistoryEntry as HistoryEntrySchema,
  Me as MeSchema,
  Permission as ServerPermission,
  SessionUser as SessionUserSchema,
  Track as TrackSchema,
  User as UserSchema,
} from '../../../src/org/contract';

/** A list answer `{items, nextCursor}` of any item. */
export type Page<T> = Omit<Static<ReturnType<typeof PageSchema<TUnknown>>>, 'items'> & { items: T[] };

export type User = Static<typeof UserSchema>;
export type Track = Static<typeof TrackSchema>;
export type Customer = Static<typeof CustomerSchema>;
export type ApiKey = Static<typeof ApiKeySchema>;
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;
export type HistoryEntry = Static<typeof HistoryEntrySchema>;
export type SessionUser = Static<typeof SessionUserSchema>;
type MeDto = Static<typeof MeSchema>;
/** GET /me in the browser: a signed-in user (API-key callers have no session here). */
export type Me = Omit<MeDto, 'user'> & { user: SessionUser };
export type Permission = ServerPermission;

/** Resource ids are integers on the wire. */
export type Id = User['id'];
export type Role = User['role'];
export type BusinessLine = Track['businessLine'];

/**
 * A runtime list of every member of a contract union, in display order: the compiler refuses a list that
 * misses one or names one the server does not know.
 */
export const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })) =>
    list;

export const ROLES = allOf<Role>()(['ceo', 'secretary', 'director', 'am', 'admin', 'planner']);
export const BUSINESS_LINES = allOf<BusinessLine>()(['integrated', 'commodity']);
export type ApiKeyScope = Static<typeof CreateApiKeyRequest>['scopes'][number];
export const API_KEY_SCOPES = allOf<ApiKeyScope>()(['integration', 'feeds']);

/** The entities whose history the organisation pages show (GET /history?entity=). */
export type HistoryEntity = 'track' | 'user' | 'customer';
