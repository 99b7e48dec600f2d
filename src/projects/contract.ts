import { type Static, Type } from 'typebox';
import { Body, LocalDate } from '../http/schemas.js';

/** 专项PDCA (SPEC §4.7). No server imports: web/ imports this too. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** A union of string literals whose static type is the union of the values (a mapped array alone types as never). */
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

export const PROJECT_TYPE_VALUES = ['opportunity_anomaly', 'sales_forecast', 'other'] as const;
export const PROJECT_PHASE_VALUES = ['plan', 'do', 'check', 'act', 'closed'] as const;
const ProjectType = literals(PROJECT_TYPE_VALUES);
const Phase = literals(PROJECT_PHASE_VALUES);
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 4000 });

export { LocalDate };

export const CreateProjectRequest = Body({
  type: ProjectType,
  title: Title,
  trackId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  ownerId: Type.Integer({ minimum: 1 }),
  description: Type.Optional(Nullable(Description)),
});
export type CreateProject = Static<typeof CreateProjectRequest>;

export const PatchProjectRequest = Body({
  title: Type.Optional(Title),
  phase: Type.Optional(Phase),
  ownerId: Type.Optional(Type.Integer({ minimum: 1 })),
  description: Type.Optional(Nullable(Description)),
});
export type PatchProject = Static<typeof PatchProjectRequest>;

export const ProgressRequest = Body({
  date: Type.Optional(LocalDate),
  text: Type.String({ minLength: 1, maxLength: 4000 }),
});
export type ProgressInput = Static<typeof ProgressRequest>;

export const ProjectListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  trackId: Type.Optional(Type.Integer({ minimum: 1 })),
  phase: Type.Optional(Phase),
  type: Type.Optional(ProjectType),
});

export const ProgressEntry = Type.Object({
  id: Type.Integer(),
  date: Type.String(),
  text: Type.String(),
  authorId: Type.Integer(),
  authorName: Type.String(),
  createdAt: Type.String(),
});

/** What the caller may do with the project (rules in projects/scope.ts); the server still checks. */
export const ProjectCan = Type.Object({ manage: Type.Boolean(), logProgress: Type.Boolean() });

export const Project = Type.Object({
  id: Type.Integer(),
  type: ProjectType,
  title: Type.String(),
  trackId: Nullable(Type.Integer()),
  ownerId: Type.Integer(),
  phase: Phase,
  description: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.Integer(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  latestProgress: Nullable(
    Type.Object({ date: Type.String(), text: Type.String(), authorId: Type.Integer(), authorName: Type.String() }),
  ),
  can: ProjectCan,
});

export const HistoryItem = Type.Object({
  action: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  at: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
});

export const ProjectDetail = Type.Intersect([
  Project,
  Type.Object({ progress: Type.Array(ProgressEntry), history: Type.Array(HistoryItem) }),
]);
