import type { DimensionNo } from '../board/contract.js';
import { trend } from '../board/trend.js';
import type { Db } from '../db/client.js';
import { type BackgroundFacts, renderBackground } from './background-text.js';

/** The background a task starts with, from the board row it was raised on (no hand-typed background). */
export async function taskBackground(
  db: Db,
  input: { no: DimensionNo; subjectType: 'track' | 'am'; subjectId: number; subjectName: string; month: string },
): Promise<{ text: string; facts: BackgroundFacts }> {
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
  const facts: BackgroundFacts = {
    subjectName: input.subjectName,
    value: last.value,
    redBand: last.bands.red,
    redMonths,
  };
  const place = { dimension: input.no, subjectType: input.subjectType, month: input.month };
  return { text: renderBackground(place, facts, 'zh-CN'), facts };
}
