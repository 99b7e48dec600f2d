import { type Db, together } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { dimensionValue } from './board.js';
import { type BoardMemo, readBoard } from './cache.js';
import type { DimensionNo } from './contract.js';
import { DIMENSIONS } from './dimensions.js';
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

type TrendQuery = {
  no: DimensionNo;
  subjectType: 'track' | 'am';
  subjectId: number;
  month: string;
  view: 'month' | 'ytd';
};

/** The trend computed from the rollups of each month: 12 passes over every subject's measures. */
export async function trend(db: Db, query: TrendQuery) {
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

/**
 * The trend as GET /board/trend answers it: where the board shows the subject's dimension (a track's
 * dimensions 1, 3 and 5–8, an AM's 2 and 4), each month's point is that board's cell — kept per period
 * and current by its stamps (cache.ts), so clicking through the drill-down does not recompute 12 months
 * of every subject's measures. Other pairs (an AM's margin, say) are computed as `trend` does.
 */
export async function boardTrend(db: Db, query: TrendQuery, memo: BoardMemo) {
  const { no, subjectType, subjectId } = query;
  if (DIMENSIONS.find((d) => d.no === no)?.subject !== subjectType) return trend(db, query);
  const months = last12Months(query.month);
  const boards = await together(
    db,
    months.map((month) => () => readBoard(db, month, query.view, memo)),
  );
  const points = boards.map((board, i) => {
    const row = (subjectType === 'track' ? board.tracks : board.ams).find((r) => r.id === subjectId);
    if (!row) throw notFound(subjectType === 'track' ? 'track' : 'user');
    const { value, status } = row.metrics[String(no)]!;
    const { bands } = board.dimensions.find((d) => d.no === no)!;
    return { month: months[i]!, value, status, bands };
  });
  return { points };
}
