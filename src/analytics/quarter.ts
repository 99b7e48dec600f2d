import { TZDate } from '@date-fns/tz';

/** A calendar quarter (the fiscal year is the calendar year, SPEC §3). */
export type Quarter = { year: number; q: 1 | 2 | 3 | 4 };

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** `2026-Q2` → {year: 2026, q: 2}; anything else → null (the route answers 400 naming the field). */
export function parseQuarter(text: string): Quarter | null {
  const match = QUARTER.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  return { year, q: Number(match[2]) as Quarter['q'] };
}

export const quarterLabel = (quarter: Quarter) => `${quarter.year}-Q${quarter.q}`;

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.q === 1
    ? { year: quarter.year - 1, q: 4 }
    : { year: quarter.year, q: (quarter.q - 1) as Quarter['q'] };
}

/**
 * The instants [start, end) of a quarter's three calendar months in the configured time zone: in
 * Asia/Shanghai, 2026-Q2 starts at 2026-03-31T16:00Z (April 1st, 00:00 local).
 */
export function quarterBounds(quarter: Quarter, timeZone: string): { start: Date; end: Date } {
  const firstMonth = (quarter.q - 1) * 3;
  const startOf = (monthIndex: number) =>
    new Date(new TZDate(quarter.year + Math.floor(monthIndex / 12), monthIndex % 12, 1, timeZone).getTime());
  return { start: startOf(firstMonth), end: startOf(firstMonth + 3) };
}
