import { type Db, together } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { dimensionValue } from './board.js';
import type { DimensionNo } from './contract.js';
import { betterOf, monthRange, statusOf } from './rules.js';
import { bandsFor, measures } from './store.js';

/** The 12 months ending at `month`, each against the bands in force in that month. */
export function last12Months(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, k) => {
    const d = new Date(Date.UTC(year, m - 12 + k, 1));
    return d.toISOString().slice(0, 7);
  });
}

export async function trend(
  db: Db,
  query: { no: DimensionNo; subjectType: 'track' | 'am'; subjectId: number; month: string; view: 'month' | 'ytd' },
) {
  const points = await together(
    db,
    last12Months(query.month).map((month) => async () => {
      const [subject] = await measures(db, query.subjectType, monthRange(month, query.view), query.subjectId);
      if (!subject) throw notFound(query.subjectType === 'track' ? 'track' : 'user');
      const bands = (await bandsFor(db, month)).get(query.no)!;
      const { value } = dimensionValue(query.no, subject);
      return { month, value, status: statusOf(value, bands, betterOf(query.no)), bands };
    }),
  );
  return { points };
}
