import { type Static, Type } from 'typebox';
import { Body, Id, Instant, PageQuery } from '../http/schemas.js';

const RoleSchema = Type.Union([
  Type.Literal('ceo'),
  Type.Literal('secretary'),
  Type.Literal('director'),
  Type.Literal('am'),
  Type.Literal('admin'),
  Type.Literal('planner'),
]);
const BusinessLineSchema = Type.Union([Type.Literal('integrated'), Type.Literal('commodity')]);
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Username = Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
// Long passphrases welcome; 8 characters is the floor NIST SP 800-63B sets for user-chosen secrets.
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Email = Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]);
const NullableId = Type.Union([Id, Type.Null()]);

export const LoginRequest = Body({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  code: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  trackId: Type.Union([Type.Integer(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type UserDto = Static<typeof User>;

/**
 * The actions of the permission table (org/permissions.ts), as /me lists them: a new action goes here too —
 * GET /me does not compile while the table names one this list lacks.
 */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'customers.read',
  'customers.write',
  'apikeys.manage',
  'history.read',
  'exchange.write',
  'exchange.read',
  'board.read',
  'board.explain',
  'meetings.read',
  'meetings.manage',
  'tasks.raise',
  'tasks.read',
  'tasks.decide',
  'projects.read',
  'projects.manage',
  'projects.progress',
  'thresholds.proposals.read',
  'thresholds.propose',
  'thresholds.decide',
  'clock.control',
  'jobs.run',
  'analytics.read',
  'notifications.read',
  'deliveries.manage',
  'forecast.read',
  'forecast.write',
  'forecast.settings.read',
  'forecast.settings.write',
  'forecast.baseline.lock',
  'forecast.overview',
  'forecast.accuracy.configure',
  'forecast.packs.review',
  'forecast.packs.track',
  'forecast.compliance.remind',
  'targets.requests.read',
  'targets.request',
  'targets.decide',
  'targets.execute',
  'alerts.read',
  'alerts.handle',
  'feeds.read',
  'feeds.deliveries.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The signed-in user as /me and the login answer it: the user with the track's name and the password flag. */
export const SessionUser = Type.Intersect([
  User,
  Type.Object({ trackName: Type.Union([Type.String(), Type.Null()]), mustChangePassword: Type.Boolean() }),
]);

export const Me = Type.Object({
  user: Type.Optional(SessionUser),
  apiKey: Type.Optional(Type.Object({ id: Type.Integer(), name: Type.String(), scopes: Type.Array(Type.String()) })),
  permissions: Type.Array(Type.Unsafe<Permission>(Type.Union(PERMISSIONS.map((p) => Type.Literal(p))))),
  /** Which tasks the caller sees (tasks/scope.ts): every task, their track's and their own, or their own. */
  taskScope: Type.Union([
    Type.Literal('all'),
    Type.Literal('track_and_own'),
    Type.Literal('own'),
    Type.Literal('none'),
  ]),
  /**
   * The part of the organisation the caller works in (org/scope.ts): every track; one track, `trackId`
   * (a director's: their projects and analysis are that track's); or their own customers (an AM's).
   */
  scope: Type.Object({
    kind: Type.Union([Type.Literal('all'), Type.Literal('track'), Type.Literal('own')]),
    trackId: NullableId,
  }),
});

export const LoginResponse = Type.Object({ user: SessionUser });

export const ChangePasswordRequest = Body({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Password });

export const UserListQuery = Type.Object({
  ...PageQuery,
  role: Type.Optional(RoleSchema),
  trackId: Type.Optional(Id),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const CreateUserRequest = Body({
  username: Username,
  code: Code,
  name: Name,
  role: RoleSchema,
  trackId: Type.Optional(NullableId),
  email: Type.Optional(Email),
  password: Password,
});
export const UpdateUserRequest = Body({
  name: Type.Optional(Name),
  role: Type.Optional(RoleSchema),
  trackId: Type.Optional(NullableId),
  email: Type.Optional(Email),
  active: Type.Optional(Type.Boolean()),
  password: Type.Optional(Password),
});
export type CreateUser = Static<typeof CreateUserRequest>;
export type UpdateUser = Static<typeof UpdateUserRequest>;

export const Track = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  businessLine: BusinessLineSchema,
  directorId: Type.Union([Type.Integer(), Type.Null()]),
  directorName: Type.Union([Type.String(), Type.Null()]),
  weeklySeriesId: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
});
export type TrackDto = Static<typeof Track>;
export const CreateTrackRequest = Body({
  code: Code,
  name: Name,
  businessLine: BusinessLineSchema,
  directorId: Type.Optional(NullableId),
});
export const UpdateTrackRequest = Body({
  name: Type.Optional(Name),
  businessLine: Type.Optional(BusinessLineSchema),
  directorId: Type.Optional(NullableId),
});
export type CreateTrack = Static<typeof CreateTrackRequest>;
export type UpdateTrack = Static<typeof UpdateTrackRequest>;

export const Customer = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  trackId: Type.Integer(),
  amId: Type.Integer(),
  version: Type.Integer(),
});
export type CustomerDto = Static<typeof Customer>;
export const CustomerListQuery = Type.Object({
  ...PageQuery,
  trackId: Type.Optional(Id),
  amId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const CreateCustomerRequest = Body({ code: Code, name: Name, amId: Id, trackId: Type.Optional(Id) });
export const UpdateCustomerRequest = Body({ name: Type.Optional(Name), amId: Type.Optional(Id) });
export type CreateCustomer = Static<typeof CreateCustomerRequest>;
export type UpdateCustomer = Static<typeof UpdateCustomerRequest>;

export const API_KEY_SCOPES = ['integration', 'feeds'] as const;
export const ApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Instant,
  createdAt: Instant,
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
});
/** Only the answer to its creation shows the key itself; it is stored hashed. */
export const CreatedApiKey = Type.Intersect([ApiKey, Type.Object({ key: Type.String() })]);
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKey), nextCursor: Type.Null() });
export const CreateApiKeyRequest = Body({
  name: Name,
  scopes: Type.Array(
    Type.Unsafe<(typeof API_KEY_SCOPES)[number]>(Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s)))),
    { minItems: 1, uniqueItems: true },
  ),
  expiresAt: Type.Optional(Instant),
});
export type CreateApiKey = Static<typeof CreateApiKeyRequest>;

export const HistoryQuery = Type.Object({
  ...PageQuery,
  entity: Type.String({ minLength: 1, maxLength: 40 }),
  entityId: Id,
});

/** One change of a track, user, customer, task, meeting or proposal, oldest first. */
export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorKind: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  onBehalfOfId: Type.Union([Type.Integer(), Type.Null()]),
  at: Instant,
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export const HistoryPage = Type.Object({
  items: Type.Array(HistoryEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
