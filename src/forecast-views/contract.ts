import { type Static, type TSchema, Type } from 'typebox';
import { DataAsOf } from '../board/contract.js';
import { Body, Id, Literals, Month } from '../http/schemas.js';

/**
 * The forecast's views (SPEC §6.6, issue 11 item 3) and the monthly-update notices (§9.1 "Notices"). The
 * SPEC gives the flow's field names; the packs, shipment tracking and attainment are named here. No server
 * imports.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const StageValue = Literals(['lead', 'L', 'M', 'H', 'won', 'lost'] as const);

export const FLOW_BUCKETS = ['lost', 'won', 'new', 'removed', 'pushedOut', 'pulledIn', 'changed'] as const;
export type FlowBucketName = (typeof FLOW_BUCKETS)[number];
const BucketName = Literals(FLOW_BUCKETS);

/** An opportunity as one side of a comparison held it: stage, the leading version's order month and amount. */
export const FlowSide = Type.Object({
  stage: StageValue,
  orderMonth: Nullable(Type.String({ description: 'YYYY-MM' })),
  amount: Nullable(Type.Number()),
  trackId: Type.Integer(),
  amId: Type.Integer(),
});
export type FlowSideDto = Static<typeof FlowSide>;

export const FlowItem = Type.Object({
  opportunityId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  businessLine: Literals(['integrated', 'commodity'] as const),
  before: Nullable(FlowSide),
  after: Nullable(FlowSide),
});

const BucketTotals = { bucket: BucketName, count: Type.Integer(), amount: Type.Number() };
export const FlowBucket = Type.Object({ ...BucketTotals, items: Type.Array(FlowItem) });
export const BucketSummary = Type.Object(BucketTotals);
export type BucketSummaryDto = Static<typeof BucketSummary>;

export const FlowQuery = Type.Object({
  from: Month,
  to: Month,
  trackId: Type.Optional(Id),
  amId: Type.Optional(Id),
});

/** `GET /forecast/flow` (SPEC §9.1 `Flow`), with the same buckets per track and per AM. */
export const Flow = Type.Object({
  from: Type.String(),
  to: Type.String(),
  trackId: Nullable(Type.Integer()),
  amId: Nullable(Type.Integer()),
  buckets: Type.Array(FlowBucket),
  byTrack: Type.Array(Type.Object({ trackId: Type.Integer(), buckets: Type.Array(BucketSummary) })),
  byAm: Type.Array(Type.Object({ amId: Type.Integer(), trackId: Type.Integer(), buckets: Type.Array(BucketSummary) })),
  dataAsOf: Type.Array(DataAsOf),
});
export type FlowDto = Static<typeof Flow>;

const PACK_CHANGES = ['stage', 'orderMonth', 'amount'] as const;

/** One opportunity of a review pack: what changed since the comparison snapshot. */
export const PackOpportunity = Type.Object({
  ...FlowItem.properties,
  bucket: Nullable(BucketName),
  changes: Type.Array(Literals(PACK_CHANGES)),
});

export const PackAlert = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  opportunityId: Nullable(Type.Integer()),
  period: Nullable(Type.String()),
  raisedAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
});

export const PackRequest = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  year: Type.Integer(),
  status: Type.String(),
  submittedBy: Type.Integer(),
  submittedAt: Type.String(),
  /** Σ of the request's lines on this AM's opportunities. */
  amount: Type.Number(),
});

/** What the pack compares: the latest frozen snapshot before the month, and the month's snapshot or the live state. */
export const PackBasis = Type.Object({
  before: Nullable(Type.Object({ month: Type.String(), frozenAt: Type.String() })),
  after: Type.Object({
    month: Type.String(),
    /** `snapshot`: the month is frozen; `live`: its window is open or to come, so today's state. */
    source: Literals(['snapshot', 'live'] as const),
    asOf: Type.String(),
  }),
});

const Compliance = Type.Object({ due: Type.Integer(), updated: Type.Integer(), missing: Type.Array(Type.Integer()) });

export const PackSummary = Type.Object({
  opportunities: Type.Integer(),
  changed: Type.Integer(),
  stageChanges: Type.Integer(),
  orderMonthChanges: Type.Integer(),
  amountChanges: Type.Integer(),
  /** Σ after − Σ before over the pack's opportunities (rolling amounts; commodity the quote). */
  amountBefore: Type.Number(),
  amountAfter: Type.Number(),
  openAlerts: Type.Integer(),
  overdueAlerts: Type.Integer(),
  pendingRequests: Type.Integer(),
  buckets: Type.Array(BucketSummary),
});
export type PackSummaryDto = Static<typeof PackSummary>;

export const ReviewPackQuery = Type.Object({ amId: Type.Optional(Id), month: Type.Optional(Month) });

/** `GET /forecast/review-pack?amId=&month=`: the AM-level monthly review pack (SPEC §6.6). */
export const ReviewPack = Type.Object({
  month: Type.String(),
  amId: Type.Integer(),
  amName: Type.String(),
  trackId: Nullable(Type.Integer()),
  basis: PackBasis,
  summary: PackSummary,
  opportunities: Type.Array(PackOpportunity),
  /** Unresolved alerts (open, escalated, routed) — empty for callers who read no alerts (planner). */
  alerts: Type.Array(PackAlert),
  /** Requests not yet executed, rejected or withdrawn — empty for callers who read no requests. */
  requests: Type.Array(PackRequest),
  compliance: Compliance,
  dataAsOf: Type.Array(DataAsOf),
});
export type ReviewPackDto = Static<typeof ReviewPack>;

export const TrackPackQuery = Type.Object({ trackId: Type.Optional(Id), month: Type.Optional(Month) });

const Attainment = Type.Object({
  target: Type.Number(),
  actual: Type.Number(),
  /** actual ÷ target; null when the target is 0. */
  attainment: Nullable(Type.Number()),
  difference: Type.Number(),
});
export type AttainmentDto = Static<typeof Attainment>;

/** The track's own numbers beside the packs: the three stages (integrated) or order attainment (commodity). */
export const TrackNumbers = Type.Object({
  businessLine: Literals(['integrated', 'commodity'] as const),
  orderTarget: Type.Number(),
  ytdOrders: Type.Number(),
  remainingGap: Type.Number(),
  pipeline: Nullable(Type.Number()),
  coverage: Nullable(Type.Number()),
  carriedShare: Nullable(Type.Number()),
  month: Attainment,
  ytd: Attainment,
});

/** `GET /forecast/track-pack?trackId=&month=`: the track's pack for the supervision meeting. */
export const TrackPack = Type.Object({
  month: Type.String(),
  trackId: Type.Integer(),
  trackName: Type.String(),
  basis: PackBasis,
  numbers: TrackNumbers,
  summary: PackSummary,
  /** Track-level alerts with no AM (coverage shortfall) are counted in `summary` only. */
  ams: Type.Array(
    Type.Object({ amId: Type.Integer(), amName: Type.String(), summary: PackSummary, compliance: Compliance }),
  ),
  dataAsOf: Type.Array(DataAsOf),
});
export type TrackPackDto = Static<typeof TrackPack>;

const MonthFigures = Type.Object({
  month: Type.String(),
  planned: Type.Number(),
  actual: Type.Number(),
  forecast: Type.Number(),
});
const Figures = Type.Object({ planned: Type.Number(), actual: Type.Number(), forecast: Type.Number() });

export const ShipmentTrackingQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })),
  customerId: Type.Optional(Id),
  opportunityId: Type.Optional(Id),
  trackId: Type.Optional(Id),
});

/** `GET /forecast/shipment-tracking`: 出货跟踪 — APS plans against actual shipments and the forecast, by month. */
export const ShipmentTracking = Type.Object({
  year: Type.Integer(),
  /** Per month the shipment source that counts for actuals (null: every source). */
  actualsSources: Type.Array(Type.Object({ month: Type.String(), source: Nullable(Type.String()) })),
  opportunities: Type.Array(
    Type.Object({
      opportunityId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      customerId: Type.Integer(),
      trackId: Type.Integer(),
      amId: Type.Integer(),
      businessLine: Literals(['integrated', 'commodity'] as const),
      stage: StageValue,
      months: Type.Array(MonthFigures),
      total: Figures,
    }),
  ),
  customers: Type.Array(
    Type.Object({
      customerId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      trackId: Type.Integer(),
      amId: Type.Integer(),
      months: Type.Array(MonthFigures),
      total: Figures,
    }),
  ),
  dataAsOf: Type.Array(DataAsOf),
});
export type ShipmentTrackingDto = Static<typeof ShipmentTracking>;

export const AttainmentQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })),
  month: Type.Optional(Month),
});

const Period = { month: Attainment, ytd: Attainment };
/** `GET /forecast/commodity-attainment`: the CEO's commodity view — order attainment per track and AM. */
export const CommodityAttainment = Type.Object({
  year: Type.Integer(),
  month: Type.String(),
  tracks: Type.Array(
    Type.Object({
      trackId: Type.Integer(),
      trackName: Type.String(),
      ...Period,
      ams: Type.Array(Type.Object({ amId: Type.Integer(), amName: Type.String(), ...Period })),
    }),
  ),
  total: Type.Object(Period),
  dataAsOf: Type.Array(DataAsOf),
});
export type CommodityAttainmentDto = Static<typeof CommodityAttainment>;

export const RemindRequest = Body({
  month: Month,
  amIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
});
export type RemindInput = Static<typeof RemindRequest>;

/** `POST /forecast/compliance/remind`: who was reminded and who not, and why. */
export const RemindResult = Type.Object({
  month: Type.String(),
  reminded: Type.Array(Type.Integer()),
  skipped: Type.Array(
    Type.Object({
      amId: Type.Integer(),
      reason: Literals(['nothing_missing', 'already_reminded_today'] as const),
    }),
  ),
});
export type RemindResultDto = Static<typeof RemindResult>;
