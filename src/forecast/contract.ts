import { type Static, type TSchema, Type } from 'typebox';
import { Body, Id, Literals, Month, PageQuery } from '../http/schemas.js';

/** The forecast's objects (SPEC §9.1): the field names are a contract — keep them. No server imports. */

const literals = Literals;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const STAGE_VALUES = ['lead', 'L', 'M', 'H', 'won', 'lost'] as const;
export const KIND_VALUES = ['mold_development', 'mass_production', 'commodity_mold'] as const;
export const BUSINESS_LINE_VALUES = ['integrated', 'commodity'] as const;
export const StageSchema = literals(STAGE_VALUES);
export const KindSchema = literals(KIND_VALUES);
export const BusinessLineSchema = literals(BUSINESS_LINE_VALUES);

/** Amounts in the reporting currency: finite, cents, within numeric(18,2). */
export const Amount = Type.Number({ minimum: 0, maximum: 1e15 });
/** `{"YYYY-MM": amount}`: every key a month that exists (1900–2999), at most ten years of months. */
export const MonthAmounts = Type.Unsafe<Record<string, number>>({
  type: 'object',
  propertyNames: { format: 'month' },
  additionalProperties: Amount,
  maxProperties: 120,
});

export const QuoteItem = Type.Object(
  {
    partNo: Type.String({ minLength: 1, maxLength: 60 }),
    quantity: Type.Number({ minimum: 0, maximum: 1e12 }),
    unitPrice: Type.Number({ minimum: 0, maximum: 1e12 }),
  },
  { additionalProperties: false },
);

/** `PUT /opportunities/:id/forecast/rolling|precision`. */
export const PutForecastRequest = Body({
  orderMonth: Type.Optional(Nullable(Month)),
  amount: Type.Optional(Nullable(Amount)),
  shipments: Type.Optional(MonthAmounts),
  /** Mass production: monthly call-off orders; then orderMonth is its first month and amount its sum. */
  orders: Type.Optional(MonthAmounts),
  /** The quote's lines (commodity), passed on to APS. */
  items: Type.Optional(Type.Array(QuoteItem, { maxItems: 500 })),
  /** Kept in history; required when the order month moves later (a push). */
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
export type PutForecastInput = Static<typeof PutForecastRequest>;

export const ForecastVersion = Type.Object({
  orderMonth: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  shipments: Type.Record(Type.String(), Type.Number()),
  orders: Type.Optional(Type.Record(Type.String(), Type.Number())),
  items: Type.Optional(Type.Array(QuoteItem)),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.Integer()),
});
export type ForecastVersionDto = Static<typeof ForecastVersion>;

export const CreateOpportunityRequest = Body({
  code: Type.String({ minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  customerId: Id,
  kind: KindSchema,
  stage: Type.Optional(literals(['lead', 'L', 'M'] as const)),
  rolling: Type.Optional(
    Body({
      orderMonth: Type.Optional(Nullable(Month)),
      amount: Type.Optional(Nullable(Amount)),
      shipments: Type.Optional(MonthAmounts),
      orders: Type.Optional(MonthAmounts),
    }),
  ),
});
export type CreateOpportunityInput = Static<typeof CreateOpportunityRequest>;

export const PatchOpportunityRequest = Body({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  kind: Type.Optional(KindSchema),
  customerId: Type.Optional(Id),
});
export type PatchOpportunityInput = Static<typeof PatchOpportunityRequest>;

export const StageRequest = Body({
  stage: StageSchema,
  /** Required to mark an opportunity lost and to reopen a lost one. */
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});

export const OpportunityQuery = Type.Object({
  ...PageQuery,
  trackId: Type.Optional(Id),
  amId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  stage: Type.Optional(StageSchema),
  businessLine: Type.Optional(BusinessLineSchema),
  kind: Type.Optional(KindSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type OpportunityFilter = Omit<Static<typeof OpportunityQuery>, 'limit' | 'cursor'>;

export const Opportunity = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  customerId: Type.Integer(),
  customerCode: Type.String(),
  customerName: Type.String(),
  amId: Type.Integer(),
  amName: Type.String(),
  trackId: Type.Integer(),
  trackName: Type.String(),
  businessLine: BusinessLineSchema,
  kind: KindSchema,
  stage: StageSchema,
  probability: Type.Number(),
  rolling: Nullable(ForecastVersion),
  precision: Nullable(ForecastVersion),
  /** Σ actual shipments carrying the code (not void). */
  shippedAmount: Type.Number(),
  fullyShipped: Type.Boolean(),
  pushCount: Type.Integer(),
  lostReason: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** What the caller may do with it now (decided by the server's scope rules). */
  can: Type.Object({ write: Type.Boolean() }),
});
export type OpportunityDto = Static<typeof Opportunity>;

export const HistoryEvent = Type.Object({
  action: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  at: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
});

export const OpportunityDetail = Type.Intersect([Opportunity, Type.Object({ history: Type.Array(HistoryEvent) })]);
export type OpportunityDetailDto = Static<typeof OpportunityDetail>;

export const OpportunityPage = Type.Object({ items: Type.Array(Opportunity), nextCursor: Nullable(Type.String()) });

const Fraction = Type.Number({ minimum: 0, maximum: 1 });

/** `GET/PUT /forecast/settings`: every number the seed leaves open (SPEC assumptions). */
export const ForecastSettingsFields = {
  stageProbabilities: Type.Object(
    { lead: Fraction, L: Fraction, M: Fraction, H: Fraction },
    { additionalProperties: false },
  ),
  /** The rolling-update window: days 1…windowDays of each month. */
  windowDays: Type.Integer({ minimum: 1, maximum: 28 }),
  /** Dual-version gap: |rolling − precision| ÷ precision above this fraction raises an alert. */
  gapThreshold: Type.Number({ minimum: 0, maximum: 10 }),
  /** Whether different order months alone are a gap. */
  gapMonthRule: Type.Boolean(),
  coverageThreshold: Type.Number({ minimum: 0, maximum: 100 }),
  day25Day: Type.Integer({ minimum: 1, maximum: 28 }),
  day25Time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  /** Commodity deviation: |orders − target| ÷ target above this fraction (0: any difference). */
  commodityDeviationThreshold: Type.Number({ minimum: 0, maximum: 10 }),
  alertSlaDays: Type.Integer({ minimum: 1, maximum: 30 }),
};
export const ForecastSettings = Type.Object({
  ...ForecastSettingsFields,
  version: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.Integer()),
});
export type ForecastSettingsDto = Static<typeof ForecastSettings>;
export const PutForecastSettingsRequest = Body(ForecastSettingsFields);
export type ForecastSettingsValues = Static<typeof PutForecastSettingsRequest>;

export const VersionParams = Type.Object({ id: Id, version: literals(['rolling', 'precision'] as const) });

const FrozenVersion = Type.Object({
  orderMonth: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  shipments: Type.Record(Type.String(), Type.Number()),
  orders: Type.Optional(Type.Record(Type.String(), Type.Number())),
});

/** `GET /forecast/snapshots/:month` (SPEC §9.1). */
export const Snapshot = Type.Object({
  month: Type.String(),
  frozenAt: Type.String(),
  items: Type.Array(
    Type.Object({
      opportunityId: Type.Integer(),
      code: Type.String(),
      customerId: Type.Integer(),
      trackId: Type.Integer(),
      amId: Type.Integer(),
      businessLine: BusinessLineSchema,
      kind: KindSchema,
      stage: StageSchema,
      probability: Type.Number(),
      rolling: Nullable(FrozenVersion),
      precision: Nullable(FrozenVersion),
    }),
  ),
});
export type SnapshotDto = Static<typeof Snapshot>;

export const SnapshotList = Type.Object({
  items: Type.Array(Type.Object({ month: Type.String(), frozenAt: Type.String(), items: Type.Integer() })),
  nextCursor: Type.Null(),
});

export const MonthParams = Type.Object({ month: Month });
export const MonthQuery = Type.Object({ month: Month });

/** `GET /forecast/compliance?month=` (SPEC §9.1): who has updated in the window. */
export const Compliance = Type.Object({
  month: Type.String(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  ams: Type.Array(
    Type.Object({
      amId: Type.Integer(),
      due: Type.Integer(),
      updated: Type.Integer(),
      missing: Type.Array(Type.Integer()),
    }),
  ),
});
export type ComplianceDto = Static<typeof Compliance>;

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2999 }) });
export const YearQuery = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2999 }) });

/** `GET /baselines/:year` (SPEC §9.1), with the completeness per AM (`byAm`). */
export const Baseline = Type.Object({
  year: Type.Integer(),
  status: Literals(['open', 'locked'] as const),
  lockedAt: Nullable(Type.String()),
  lockedBy: Nullable(Type.Integer()),
  incomplete: Type.Array(
    Type.Object({
      opportunityId: Type.Integer(),
      code: Type.String(),
      amId: Type.Integer(),
      missing: Type.Array(Literals(['orderMonth', 'amount'] as const)),
    }),
  ),
  items: Type.Array(
    Type.Object({
      opportunityId: Type.Integer(),
      code: Type.String(),
      trackId: Type.Integer(),
      amId: Type.Integer(),
      orderMonth: Type.String(),
      amount: Type.Number(),
    }),
  ),
  byTrack: Type.Array(Type.Object({ trackId: Type.Integer(), amount: Type.Number() })),
  byAm: Type.Array(
    Type.Object({ amId: Type.Integer(), items: Type.Integer(), amount: Type.Number(), incomplete: Type.Integer() }),
  ),
});
export type BaselineDto = Static<typeof Baseline>;

export const TargetsQuery = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 2999 }),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  asOf: Type.Optional(Type.String({ format: 'date-time' })),
});

/** `GET /targets` (SPEC §9.1): the opportunity targets of a ledger version. */
export const Targets = Type.Object({
  year: Type.Integer(),
  version: Type.Integer(),
  items: Type.Array(Type.Object({ opportunityId: Type.Integer(), month: Type.String(), amount: Type.Number() })),
  byTrack: Type.Array(Type.Object({ trackId: Type.Integer(), amount: Type.Number() })),
  byAm: Type.Array(Type.Object({ amId: Type.Integer(), amount: Type.Number() })),
});
export type TargetsDto = Static<typeof Targets>;

export const TargetVersions = Type.Array(
  Type.Object({ version: Type.Integer(), requestId: Nullable(Type.Integer()), executedAt: Type.String() }),
);

const Comment = Type.String({ minLength: 1, maxLength: 2000 });

/** `POST /target-requests` (SPEC §9.1); `amount` is a signed delta. */
export const SubmitTargetRequest = Body({
  kind: Literals(['migrate', 'adjust_total', 'baseline_correction'] as const),
  year: Type.Integer({ minimum: 1900, maximum: 2999 }),
  reason: Comment,
  lines: Type.Array(Body({ opportunityId: Id, month: Month, amount: Type.Number({ minimum: -1e15, maximum: 1e15 }) }), {
    minItems: 1,
    maxItems: 500,
  }),
});
export const OptionalComment = Body({ comment: Type.Optional(Comment) });
export const RequiredComment = Body({ comment: Comment });

export const TargetRequestQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })),
  status: Type.Optional(
    Literals(['submitted', 'director_approved', 'approved', 'rejected', 'withdrawn', 'executed'] as const),
  ),
  trackId: Type.Optional(Id),
});

export const TargetRequest = Type.Object({
  id: Type.Integer(),
  kind: Literals(['migrate', 'adjust_total'] as const),
  year: Type.Integer(),
  trackId: Type.Integer(),
  status: Literals(['submitted', 'director_approved', 'approved', 'rejected', 'withdrawn', 'executed'] as const),
  reason: Type.String(),
  lines: Type.Array(Type.Object({ opportunityId: Type.Integer(), month: Type.String(), amount: Type.Number() })),
  submittedBy: Type.Integer(),
  submittedAt: Type.String(),
  decisions: Type.Array(
    Type.Object({
      by: Type.Integer(),
      role: Type.String(),
      decision: Type.String(),
      comment: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  approvedAt: Nullable(Type.String()),
  executeDueAt: Nullable(Type.String()),
  executedAt: Nullable(Type.String()),
  /** The ledger version its execution wrote. */
  ledgerVersion: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  can: Type.Object({ decide: Type.Boolean(), withdraw: Type.Boolean(), execute: Type.Boolean() }),
});
export type TargetRequestDto = Static<typeof TargetRequest>;
export const TargetRequestPage = Type.Object({ items: Type.Array(TargetRequest), nextCursor: Type.Null() });

const OverviewFields = {
  orderTarget: Type.Number(),
  ytdOrders: Type.Number(),
  remainingGap: Type.Number(),
  pipeline: Type.Number(),
  weightedPipeline: Type.Number(),
  coverage: Nullable(Type.Number()),
  weightedCoverage: Nullable(Type.Number()),
  covered: Type.Boolean(),
  carriedTarget: Type.Number(),
  carriedShare: Nullable(Type.Number()),
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      target: Type.Number(),
      /** null for months still to come. */
      actual: Nullable(Type.Number()),
      forecast: Type.Number(),
    }),
  ),
};

/** `GET /forecast/overview?year=` (SPEC §9.1): the three stages per integrated track and in total. */
export const Overview = Type.Object({
  year: Type.Integer(),
  asOf: Type.String(),
  dataAsOf: Type.Array(
    Type.Object({
      source: Type.String(),
      kind: Type.String(),
      lastWriteAt: Nullable(Type.String()),
      latestFactDate: Nullable(Type.String()),
      closedThrough: Nullable(Type.String()),
    }),
  ),
  tracks: Type.Array(Type.Object({ trackId: Type.Integer(), ...OverviewFields })),
  total: Type.Object(OverviewFields),
});
export type OverviewDto = Static<typeof Overview>;
