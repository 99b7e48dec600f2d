import { DIMENSIONS, type DimensionNo } from '../board/contract.js';
import type { FieldError } from '../http/errors.js';

/** Beyond this a ratio band is surely a percentage typed as a number (90 for 0.9). */
const MAX_RATIO = 10;

const invalid = (field: string, zh: string, en: string): FieldError => ({
  field,
  reason: 'invalid',
  params: { why: { zh, en } },
});

/**
 * The proposed bands must make sense for the dimension's direction (SPEC §3): where higher is better
 * red < yellow (red below red, yellow below yellow); where lower is better (7 expense ‰, 8 DSO)
 * red > yellow. Ratios (1–6) are fractions.
 */
export function bandProblems(no: DimensionNo, red: number, yellow: number): FieldError[] {
  const dimension = DIMENSIONS[no - 1]!;
  const problems: FieldError[] = [];
  if (dimension.unit === 'ratio') {
    for (const [field, value] of [
      ['red', red],
      ['yellow', yellow],
    ] as const)
      if (value > MAX_RATIO)
        problems.push(invalid(field, '比率以小数填写（90% 填 0.9）', 'ratios are fractions (enter 0.9 for 90 %)'));
  }
  if (dimension.better === 'higher' && !(red < yellow))
    problems.push(
      invalid('yellow', '该维度越高越好，黄灯线须高于红灯线', 'higher is better here: yellow must be above red'),
    );
  if (dimension.better === 'lower' && !(red > yellow))
    problems.push(
      invalid('yellow', '该维度越低越好，黄灯线须低于红灯线', 'lower is better here: yellow must be below red'),
    );
  return problems;
}

/** An approved change takes effect from this month or a later one, never retroactively. */
export const effectiveMonthAllowed = (effectiveMonth: string, currentMonth: string) => effectiveMonth >= currentMonth;
