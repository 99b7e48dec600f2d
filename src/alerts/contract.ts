import { type Static, Type } from 'typebox';
import { Body, Literals, PageQuery } from '../http/schemas.js';

/** Forecast alerts (SPEC §6.5, §9.1 `Alert`). No server imports: web/ imports this too. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const NullableId = Nullable(Type.Integer());

export const ALERT_KIND_VALUES = [
  'day25',
  'dual_version_gap',
  'coverage_shortfall',
  'delay',
  'commodity_deviation',
] as const;
export const ALERT_STATUS_VALUES = ['open', 'resolved', 'escalated', 'routed'] as const;
export const AlertKind = Literals(ALERT_KIND_VALUES);
export const AlertStatus = Literals(ALERT_STATUS_VALUES);

/** What the caller may do with the alert now (rules in alerts/rules.ts); the server still checks. */
export const AlertCan = Type.Object({ resolve: Type.Boolean(), escalate: Type.Boolean(), route: Type.Boolean() });

export const Alert = Type.Object({
  id: Type.Integer(),
  kind: AlertKind,
  status: AlertStatus,
  trackId: Type.Integer(),
  amId: NullableId,
  opportunityId: NullableId,
  /** The month (`YYYY-MM`) it is about; `null` for `dual_version_gap` (one open per opportunity). */
  period: Nullable(Type.String()),
  /** The numbers that raised it (kind-specific; see docs/decisions.md "Forecast alerts"). */
  facts: Type.Record(Type.String(), Type.Unknown()),
  raisedAt: Type.String(),
  /** raisedAt + the SLA (n days × 24 h). */
  dueAt: Type.String(),
  /** Open and now ≥ dueAt: red everywhere it shows. */
  overdue: Type.Boolean(),
  handledBy: NullableId,
  handledAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  projectId: NullableId,
  escalatedAt: Nullable(Type.String()),
  version: Type.Integer(),
  can: AlertCan,
});
export type AlertDto = Static<typeof Alert>;

export const AlertEvent = Type.Object({
  action: Type.String(),
  actorId: NullableId,
  at: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
});
export const AlertDetail = Type.Intersect([Alert, Type.Object({ history: Type.Array(AlertEvent) })]);
export const AlertPage = Type.Object({ items: Type.Array(Alert), nextCursor: Nullable(Type.String()) });

export const AlertListQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(AlertKind),
  status: Type.Optional(AlertStatus),
  trackId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  amId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  opportunityId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  overdue: Type.Optional(Type.Boolean()),
});
export type AlertFilter = Omit<Static<typeof AlertListQuery>, 'limit' | 'cursor'>;

const Note = Type.String({ minLength: 1, maxLength: 4000 });
export const ResolveAlertRequest = Body({ note: Note });
export const EscalateAlertRequest = Body({ note: Note });
/** Link an existing project of the track (`projectId`) or open a 商机推进异常PDCA one (`project`). */
export const RouteAlertRequest = Body({
  projectId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  project: Type.Optional(
    Body({
      title: Type.String({ minLength: 1, maxLength: 200 }),
      ownerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
      description: Type.Optional(Type.String({ maxLength: 4000 })),
    }),
  ),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
});
export type RouteAlert = Static<typeof RouteAlertRequest>;

/** An escalated alert as the supervision meeting's opening report lists it (`alerts[]`, SPEC §4.5). */
export const AlertSummary = Type.Object({
  id: Type.Integer(),
  kind: AlertKind,
  status: AlertStatus,
  trackId: Type.Integer(),
  trackName: Nullable(Type.String()),
  amId: NullableId,
  opportunityId: NullableId,
  opportunityCode: Nullable(Type.String()),
  period: Nullable(Type.String()),
  facts: Type.Record(Type.String(), Type.Unknown()),
  raisedAt: Type.String(),
  /** The SLA deadline, fixed when the alert was raised (raisedAt + the SLA then): red once passed. */
  dueAt: Type.String(),
  escalatedAt: Type.String(),
  note: Nullable(Type.String()),
  projectId: NullableId,
});
export type AlertSummaryDto = Static<typeof AlertSummary>;
