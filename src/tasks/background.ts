import type { DimensionNo } from '../board/contract.js';
import { trend } from '../board/trend.js';
import type { Db } from '../db/client.js';
import { backgroundText } from './rules.js';

const DIMENSION_NAMES: Record<number, string> = {
  1: '销售达成率',
  2: '销售达成率',
  3: '接单达成率',
  4: '接单达成率',
  5: '毛利率',
  6: '销售预测准确率',
  7: '费用占销售千分比',
  8: '应收周转天数',
};

function formatValue(no: number, value: number | null): string | null {
  if (value === null) return null;
  if (no === 7) return `${value.toFixed(1)}‰`;
  if (no === 8) return `${Math.round(value)}天`;
  return `${Math.round(value * 100)}%`;
}

/** The background a task starts with, from the board row it was raised on (no hand-typed background). */
export async function taskBackground(
  db: Db,
  input: { no: DimensionNo; subjectType: 'track' | 'am'; subjectId: number; subjectName: string; month: string },
): Promise<string> {
  const { points } = await trend(db, {
    no: input.no,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    month: input.month,
    view: 'month',
  });
  let redMonths = 0;
  for (let i = points.length - 1; i >= 0 && points[i]!.status === 'red'; i--) redMonths++;
  const last = points.at(-1)!;
  return backgroundText({
    subjectName: input.subjectName,
    subjectType: input.subjectType,
    month: input.month,
    dimensionName: DIMENSION_NAMES[input.no]!,
    valueText: formatValue(input.no, last.value),
    redMonths,
    redBandText: formatValue(input.no, last.bands.red) ?? '',
  });
}
