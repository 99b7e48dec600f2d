import { type Static, Type } from 'typebox';
import { Body, Month } from '../http/schemas.js';

/** The board's schemas (SPEC §3). No server imports: web/ imports this too (types only). */
export { DIMENSIONS, type DimensionNo } from './dimensions.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('none')]);

/** red / yellow bounds: higher-is-better → red below `red`, yellow below `yellow`; lower-is-better → above. */
export const Bands = Type.Object({ red: Type.Number(), yellow: Type.Number(), effectiveMonth: Type.String() });

export const Dimension = Type.Object({
  no: Type.Integer(),
  key: Type.String(),
  subject: Type.Union([Type.Literal('track'), Type.Literal('am')]),
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  unit: Type.Union([Type.Literal('ratio'), Type.Literal('permille'), Type.Literal('days')]),
  bands: Bands,
});

export const Metric = Type.Object({
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  rank: Type.Integer(),
  trackRank: Type.Optional(Type.Integer()),
  status: Status,
});
export type MetricDto = Static<typeof Metric>;

export const BoardRow = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  trackId: Type.Optional(Type.Integer()),
  metrics: Type.Record(Type.String(), Metric),
});

export const DataAsOf = Type.Object({
  source: Type.String(),
  kind: Type.String(),
  lastWriteAt: Nullable(Type.String()),
  latestFactDate: Nullable(Type.String()),
  closedThrough: Nullable(Type.String()),
  complete: Type.Boolean(),
});

export const Board = Type.Object({
  month: Type.String(),
  view: Type.Union([Type.Literal('month'), Type.Literal('ytd')]),
  dimensions: Type.Array(Dimension),
  tracks: Type.Array(BoardRow),
  ams: Type.Array(BoardRow),
  dataAsOf: Type.Array(DataAsOf),
});
export type BoardDto = Static<typeof Board>;

export { Month };
export const View = Type.Union([Type.Literal('month'), Type.Literal('ytd')]);
export const BoardQuery = Type.Object({ month: Month, view: Type.Optional(View) });

export const DrilldownQuery = Type.Object({
  no: Type.Integer({ minimum: 1, maximum: 8 }),
  /** Track → its AMs, AM → its customers, customer → its opportunities, opportunity → its fact lines. */
  subjectType: Type.Union([
    Type.Literal('track'),
    Type.Literal('am'),
    Type.Literal('customer'),
    Type.Literal('opportunity'),
  ]),
  subjectId: Type.Integer({ minimum: 1 }),
  month: Month,
  view: Type.Optional(View),
  /** With a customer: its fact lines that name none of its opportunities (the 未关联商机 row). */
  unlinked: Type.Optional(Type.Boolean()),
});
export const DrilldownRow = Type.Object({
  id: Type.Union([Type.Integer(), Type.String()]),
  name: Type.String(),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  value: Nullable(Type.Number()),
  /** The value's band for the period (the board's thresholds); `none` where the value is null. */
  status: Status,
  /**
   * The amount this row contributes to its parent's (see `actualOf`): a customer's sales under an AM whose
   * target exists only at AM level, where numerator ÷ denominator has no denominator to show.
   */
  actual: Nullable(Type.Number()),
  /** `actual` ÷ the parent's; over a level's rows the shares sum to 1. Null where the parent's is 0 or missing. */
  shareOfParent: Nullable(Type.Number()),
  /** For fact lines: the source document. */
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const Drilldown = Type.Object({
  /** `item`: dimension 6's forecast items (opportunities or customers, or tracks) with A and F in `detail`. */
  level: Type.Union([
    Type.Literal('am'),
    Type.Literal('customer'),
    Type.Literal('opportunity'),
    Type.Literal('item'),
    Type.Literal('line'),
  ]),
  no: Type.Integer(),
  /**
   * Which amount a row's `actual` is: its `numerator` (sales, orders, gross profit, expenses, AR balance),
   * its `denominator` (dimension 7 below the AM: expenses are booked per AM, so a customer's part is its
   * sales; dimension 6: the actual shipments) or, for fact lines, the line's `amount`.
   */
  actualOf: Type.Union([Type.Literal('numerator'), Type.Literal('denominator'), Type.Literal('amount')]),
  parent: Type.Object({
    numerator: Nullable(Type.Number()),
    denominator: Nullable(Type.Number()),
    value: Nullable(Type.Number()),
    actual: Nullable(Type.Number()),
  }),
  /** Worst first: by band (red, yellow, green, none), then by value in the dimension's direction; rows without a value by `actual`, largest first; the unassigned remainder last. */
  rows: Type.Array(DrilldownRow),
});

export const TrendQuery = Type.Object({
  no: Type.Integer({ minimum: 1, maximum: 8 }),
  subjectType: Type.Union([Type.Literal('track'), Type.Literal('am')]),
  subjectId: Type.Integer({ minimum: 1 }),
  month: Month,
  view: Type.Optional(View),
});
export const Trend = Type.Object({
  points: Type.Array(
    Type.Object({ month: Type.String(), value: Nullable(Type.Number()), status: Status, bands: Bands }),
  ),
});

export const Explanation = Type.Object({
  no: Type.Integer(),
  cause: Type.String(),
  plan: Type.String(),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.String()),
});
export const ExplanationList = Type.Object({ items: Type.Array(Explanation) });
export const ExplanationsQuery = Type.Object({ month: Month, trackId: Type.Integer({ minimum: 1 }) });
export const PutExplanations = Body({
  items: Type.Array(
    Body({
      no: Type.Integer({ minimum: 1, maximum: 8 }),
      cause: Type.String({ maxLength: 2000 }),
      plan: Type.String({ maxLength: 2000 }),
    }),
    { maxItems: 8 },
  ),
});

/** GET /thresholds: per dimension the bands in force this month and every effective-dated row. */
export const ThresholdSet = Type.Object({
  no: Type.Integer(),
  current: Bands,
  history: Type.Array(
    Type.Object({
      no: Type.Integer(),
      red: Type.Number(),
      yellow: Type.Number(),
      effectiveMonth: Type.String(),
      changedAt: Type.String(),
      changedBy: Nullable(Type.String()),
    }),
  ),
});
export const ThresholdList = Type.Object({ items: Type.Array(ThresholdSet) });
