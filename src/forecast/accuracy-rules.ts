/**
 * Forecast accuracy's pure rules (SPEC §6.7, §9.1): the default config, the config in force for a
 * month, and the numbers of a subject from the sums of its item-months. No I/O.
 */

export type AccuracyFormula = 'wape' | 'mean_item' | 'ratio';
export type AccuracyVersion = 'rolling' | 'precision' | 'precision_else_rolling';
export type AccuracyGranularity = 'opportunity' | 'customer' | 'track';

export type AccuracyConfigValues = {
  formula: AccuracyFormula;
  lag: number;
  version: AccuracyVersion;
  granularity: AccuracyGranularity;
  actualsSource: string | null;
};

/** SPEC §6.7's default: WAPE over opportunities, M's own snapshot, the rolling version, every source. */
export const DEFAULT_ACCURACY_CONFIG: AccuracyConfigValues = {
  formula: 'wape',
  lag: 0,
  version: 'rolling',
  granularity: 'opportunity',
  actualsSource: null,
};
/** The month the defaults are shown effective from (as the board's default bands). */
export const DEFAULT_EFFECTIVE_MONTH = '2000-01';

/** The latest row effective on or before `month`; rows in writing order, so a later write wins a tie. */
export function configInForce<R extends { effectiveMonth: string }>(rows: readonly R[], month: string): R | null {
  let best: R | null = null;
  for (const r of rows) if (r.effectiveMonth <= month && (!best || r.effectiveMonth >= best.effectiveMonth)) best = r;
  return best;
}

/** The sums of a subject's item-months, amounts in cents (integers, so sums stay exact). */
export type AccuracySums = {
  actualCents: number;
  forecastCents: number;
  absErrorCents: number;
  /** Σ of the per-item scores (mean_item). */
  scoreSum: number;
  items: number;
  /** Whether any measured month's snapshot held a forecast item of the subject. */
  measured: boolean;
};

export const emptySums = (): AccuracySums => ({
  actualCents: 0,
  forecastCents: 0,
  absErrorCents: 0,
  scoreSum: 0,
  items: 0,
  measured: false,
});

export function addSums(into: AccuracySums, s: AccuracySums): void {
  into.actualCents += s.actualCents;
  into.forecastCents += s.forecastCents;
  into.absErrorCents += s.absErrorCents;
  into.scoreSum += s.scoreSum;
  into.items += s.items;
  into.measured ||= s.measured;
}

/** One item's score: max(0, 1 − |A − F| ÷ A); an item that shipped nothing (A ≤ 0) against a forecast scores 0. */
export function itemScore(actual: number, forecast: number): number {
  if (actual <= 0) return 0;
  return Math.max(0, 1 - Math.abs(actual - forecast) / actual);
}

/**
 * Accuracy and bias of the pooled item-months (SPEC §6.7): null when no snapshot held a forecast item of
 * the subject, and null when Σ A ≤ 0 (nothing shipped to measure against; net returns count as nothing).
 */
export function accuracyOf(
  formula: AccuracyFormula,
  s: AccuracySums,
): { accuracy: number | null; bias: number | null } {
  if (!s.measured || s.actualCents <= 0) return { accuracy: null, bias: null };
  const bias = (s.forecastCents - s.actualCents) / s.actualCents;
  switch (formula) {
    case 'wape':
      return { accuracy: Math.max(0, 1 - s.absErrorCents / s.actualCents), bias };
    case 'mean_item':
      return { accuracy: s.items === 0 ? null : s.scoreSum / s.items, bias };
    case 'ratio': {
      const high = Math.max(s.actualCents, s.forecastCents);
      return { accuracy: high <= 0 ? null : Math.min(s.actualCents, s.forecastCents) / high, bias };
    }
  }
}

/**
 * The board's fraction for dimension 6: the denominator is Σ A, the numerator the part of it the forecast
 * got right (accuracy × Σ A, in cents) — so "¥8.7M / ¥10.0M" reads 87 % under every formula.
 */
export function boardFraction(
  formula: AccuracyFormula,
  s: AccuracySums,
): { value: number | null; numerator: number | null; denominator: number | null } {
  const { accuracy } = accuracyOf(formula, s);
  if (accuracy === null) return { value: null, numerator: null, denominator: s.measured ? s.actualCents / 100 : null };
  return {
    value: accuracy,
    numerator: Math.round(accuracy * s.actualCents) / 100,
    denominator: s.actualCents / 100,
  };
}
