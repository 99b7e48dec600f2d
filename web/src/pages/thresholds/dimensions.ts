import { DIMENSIONS } from '../../../../src/board/dimensions';
import type { DimensionBands } from '../../api/thresholds';

/** The eight dimensions' direction and unit: the server's one list (a plain data module, no schemas). */
export const DIMS = DIMENSIONS;

export type DimMeta = (typeof DIMS)[number];

export const dimOf = (no: number): DimMeta => DIMS[no - 1] ?? DIMS[0];

/** What a user types for a dimension: % for ratios, ‰ for 7, days for 8. */
export const inputSuffix = (dim: DimMeta, days: string): string =>
  dim.unit === 'ratio' ? '%' : dim.unit === 'permille' ? '‰' : days;

/** A typed band in the board's units: 87.5 % → 0.875 (rounded, so 33.3 % is 0.333 and not 0.33299…). */
export const fromInput = (dim: DimMeta, typed: number): number =>
  dim.unit === 'ratio' ? Math.round(typed * 100) / 10000 : typed;

export const toInput = (dim: DimMeta, value: number): number =>
  dim.unit === 'ratio' ? Math.round(value * 10000) / 100 : value;

/** The shape the board's band text takes: the dimension's direction and unit with a pair of bands. */
export const withBands = (dim: DimMeta, bands: Pick<DimensionBands['current'], 'red' | 'yellow'>, month = '') => ({
  unit: dim.unit,
  better: dim.better,
  bands: { red: bands.red, yellow: bands.yellow, effectiveMonth: month },
});
