import { type Static, type TSchema, Type } from 'typebox';
import { Body, Literals, Month } from '../http/schemas.js';

/**
 * Forecast accuracy (SPEC §6.7, §9.1 `Accuracy`): the admin's effective-dated config and the answer of
 * `GET /forecast/accuracy`. Beside contract.ts to keep that file readable; no server imports.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ACCURACY_FORMULA_VALUES = ['wape', 'mean_item', 'ratio'] as const;
export const ACCURACY_VERSION_VALUES = ['rolling', 'precision', 'precision_else_rolling'] as const;
export const ACCURACY_GRANULARITY_VALUES = ['opportunity', 'customer', 'track'] as const;

const ConfigFields = {
  formula: Literals(ACCURACY_FORMULA_VALUES),
  /** F for month M comes from the snapshot of M − lag. */
  lag: Type.Integer({ minimum: 0, maximum: 3 }),
  version: Literals(ACCURACY_VERSION_VALUES),
  granularity: Literals(ACCURACY_GRANULARITY_VALUES),
  /** The shipment source that counts for actuals; null: every source. */
  actualsSource: Nullable(Type.String({ minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' })),
};

/** `PUT /forecast/accuracy-config`: a new row effective from `effectiveMonth` (this month or later). */
export const PutAccuracyConfigRequest = Body({
  ...ConfigFields,
  actualsSource: Type.Optional(ConfigFields.actualsSource),
  effectiveMonth: Month,
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
export type PutAccuracyConfigInput = Static<typeof PutAccuracyConfigRequest>;

export const AccuracyConfig = Type.Object({
  ...ConfigFields,
  effectiveMonth: Type.String(),
  /** null for the defaults, which no one wrote. */
  id: Nullable(Type.Integer()),
  changedAt: Nullable(Type.String()),
  changedBy: Nullable(Type.Integer()),
});
export type AccuracyConfigDto = Static<typeof AccuracyConfig>;

/** The config in force this month, and every row written (newest first). */
export const AccuracyConfigAnswer = Type.Object({ current: AccuracyConfig, history: Type.Array(AccuracyConfig) });
export type AccuracyConfigAnswerDto = Static<typeof AccuracyConfigAnswer>;

export const AccuracyQuery = Type.Object({
  month: Month,
  view: Type.Optional(Literals(['month', 'ytd'] as const)),
  /**
   * With `true`, each track lists its item-months (`items`); without, `items` is empty and `itemCount`
   * says how many there are — a company's YTD holds over 100,000 of them, read a track at a time.
   */
  items: Type.Optional(Type.Boolean()),
});

/** One item-month of the formula: an opportunity, a customer or a track in one month. */
export const AccuracyItem = Type.Object({
  month: Type.String(),
  kind: Literals(['opportunity', 'customer', 'track'] as const),
  opportunityId: Nullable(Type.Integer()),
  code: Nullable(Type.String()),
  customerId: Nullable(Type.Integer()),
  amId: Nullable(Type.Integer()),
  /** Whether the opportunity was in the snapshot the forecast came from (false: F = 0). */
  inSnapshot: Type.Boolean(),
  actual: Type.Number(),
  forecast: Type.Number(),
  /** max(0, 1 − |A − F| ÷ A); 0 for an item with A ≤ 0 and a forecast. */
  accuracy: Type.Number(),
});
export type AccuracyItemDto = Static<typeof AccuracyItem>;

const Measured = {
  /** null when Σ A ≤ 0 or when no snapshot held a forecast item of the subject. */
  accuracy: Nullable(Type.Number()),
  /** Σ(F − A) ÷ Σ A: positive over-forecasts, negative under-forecasts. */
  bias: Nullable(Type.Number()),
  actual: Type.Number(),
  forecast: Type.Number(),
  /** Σ |A − F| over the items. */
  absError: Type.Number(),
  itemCount: Type.Integer(),
  /** The months whose snapshot held forecast items of the subject (the months measured). */
  months: Type.Array(Type.String()),
};

export const Accuracy = Type.Object({
  month: Type.String(),
  view: Literals(['month', 'ytd'] as const),
  config: Type.Object({ ...ConfigFields, effectiveMonth: Type.String() }),
  tracks: Type.Array(Type.Object({ trackId: Type.Integer(), ...Measured, items: Type.Array(AccuracyItem) })),
  total: Type.Object(Measured),
});
export type AccuracyDto = Static<typeof Accuracy>;
