import { DIMENSIONS, type DimensionNo } from './contract.js';

export type Better = 'higher' | 'lower';
export type Status = 'green' | 'yellow' | 'red' | 'none';
export type BandValues = { red: number; yellow: number };

export const betterOf = (no: DimensionNo): Better => DIMENSIONS[no - 1]!.better;

/**
 * Red / yellow / green (SPEC §3): for higher-is-better dimensions red below `red`, yellow below
 * `yellow`; for lower-is-better (7 expense ‰, 8 DSO) red above `red`, yellow above `yellow`.
 */
export function statusOf(value: number | null, bands: BandValues, better: Better): Status {
  if (value === null) return 'none';
  if (better === 'higher') return value < bands.red ? 'red' : value < bands.yellow ? 'yellow' : 'green';
  return value > bands.red ? 'red' : value > bands.yellow ? 'yellow' : 'green';
}

/** Competition ranking (1, 2, 2, 4); a value that is null ranks after every number. */
export function competitionRanks(values: (number | null)[], better: Better): number[] {
  const key = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : better === 'higher' ? -v : v);
  return values.map((v) => 1 + values.filter((other) => key(other) < key(v)).length);
}

/** The months a board period covers: the month itself, or January through it (YTD). */
export function monthRange(month: string, view: 'month' | 'ytd'): { from: string; to: string; end: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return {
    from: view === 'ytd' ? `${year}-01-01` : `${month}-01`,
    to: `${month}-01`,
    end: `${month}-${String(last).padStart(2, '0')}`,
  };
}

/** numerator ÷ denominator, null when the denominator is zero or missing (shown "—", ranked last). */
export function ratio(numerator: number | null, denominator: number | null, scale = 1): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * scale;
}

/** Dimension 8: AR balance at period end ÷ sales of the trailing 90 days × 90. */
export const dso = (arBalance: number | null, sales90: number | null) => ratio(arBalance, sales90, 90);

/** Dimension 5: margin on the lines that carry a cost. */
export function grossMargin(
  salesWithCost: number | null,
  cost: number | null,
): { numerator: number | null; denominator: number | null } {
  if (salesWithCost === null) return { numerator: null, denominator: null };
  return { numerator: salesWithCost - (cost ?? 0), denominator: salesWithCost };
}
