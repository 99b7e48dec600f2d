import { currentMonth } from '../../lib/month';
import { serverNow } from '../../lib/serverClock';

// Calendar quarters as "YYYY-Qn" (the fiscal year is the calendar year, SPEC §3), in the company's zone.

export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;

const parts = (quarter: string): [number, number] => {
  const [year = '1970', q = '1'] = quarter.split('-Q');
  return [Number(year), Number(q)];
};

/** The quarter containing `now` in Asia/Shanghai (by the server's clock). */
export function currentQuarter(now = new Date(serverNow())): string {
  const [year, month] = currentMonth(now).split('-').map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

export function addQuarters(quarter: string, delta: number): string {
  const [year, q] = parts(quarter);
  const index = year * 4 + (q - 1) + delta;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The newest `count` quarters up to and including `last`, newest first. */
export const recentQuarters = (last: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addQuarters(last, -i));

/** Message variables of a quarter: "2026-Q2" → {year: 2026, q: 2}. */
export function quarterVars(quarter: string): { year: number; q: number } {
  const [year, q] = parts(quarter);
  return { year, q };
}
