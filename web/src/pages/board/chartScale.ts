import type { Unit } from '../../api/board';

/** Charts draw fractions as percentages so axes read 90 %, not 0.9. */
export const toChart = (unit: Unit, value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value)
    ? unit === 'ratio'
      ? Math.round(value * 10000) / 100
      : value
    : null;

export const axisSuffix = (unit: Unit): string => (unit === 'ratio' ? '%' : unit === 'permille' ? '‰' : '');
