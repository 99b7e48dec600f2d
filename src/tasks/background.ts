import type { DimensionNo } from '../board/contract.js';
import { DIMENSIONS } from '../board/dimensions.js';
import { trend } from '../board/trend.js';
import type { Db } from '../db/client.js';
import { backgroundText, metricText } from './rules.js';

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
    valueText: metricText(input.no, last.value),
    redMonths,
    redBandText: metricText(input.no, last.bands.red) ?? '',
    better: DIMENSIONS.find((d) => d.no === input.no)?.better ?? 'higher',
  });
}
