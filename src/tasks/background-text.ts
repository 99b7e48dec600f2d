import type { DimensionNo } from '../board/contract.js';
import { DIMENSIONS } from '../board/dimensions.js';
import type { Locale } from '../http/locale.js';
import { backgroundText, metricText } from './rules.js';

/**
 * What the board showed when a task was raised (issue 13 item 13): kept as facts, not as a sentence, so
 * the background reads in each reader's language and always follows the dimension's direction. The
 * sentence stored beside it (`tasks.background`) is the Chinese one, for rows raised before the facts
 * existed that could not be read back, and for exports that ask for no language.
 */
export type BackgroundFacts = {
  subjectName: string;
  /** The board's value for the month (a fraction, ‰ or days by dimension); null without data. */
  value: number | null;
  /** The red band's bound the value is compared with; null when not known. */
  redBand: number | null;
  /** How many months in a row, ending with this one, the value was red. */
  redMonths: number;
};

type TaskPlace = { dimension: number; subjectType: 'track' | 'am'; month: string };

const ZH_NAMES: Record<number, string> = {
  1: '销售达成率',
  2: '销售达成率',
  3: '接单达成率',
  4: '接单达成率',
  5: '毛利率',
  6: '销售预测准确率',
  7: '费用占销售千分比',
  8: '应收周转天数',
};
const EN_NAMES: Record<number, string> = {
  1: 'sales attainment',
  2: 'sales attainment',
  3: 'order attainment',
  4: 'order attainment',
  5: 'gross margin',
  6: 'forecast accuracy',
  7: 'selling expenses per mille of sales',
  8: 'days sales outstanding',
};
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EN_COUNTS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

const betterOf = (no: number) => DIMENSIONS.find((d) => d.no === no)?.better ?? 'higher';

function englishMetric(no: number, value: number | null): string | null {
  const text = metricText(no, value);
  return text?.endsWith('天') ? `${text.slice(0, -1)} days` : text;
}

function english(place: TaskPlace, facts: BackgroundFacts): string {
  const who = place.subjectType === 'track' ? `Track ${facts.subjectName}` : `Account manager ${facts.subjectName}`;
  const month = EN_MONTHS[Number(place.month.slice(5, 7)) - 1] ?? place.month;
  const name = EN_NAMES[place.dimension] ?? `dimension ${place.dimension}`;
  const value = englishMetric(place.dimension, facts.value);
  if (value === null) return `${who}: no ${name} data for ${month}`;
  const lower = betterOf(place.dimension) === 'lower';
  const stress = facts.redMonths > 0 ? (lower ? 'as high as ' : 'only ') : '';
  const head = `${who}: ${name} in ${month} ${stress}${value}`;
  const band = englishMetric(place.dimension, facts.redBand) ?? '';
  const beyond = lower ? 'above' : 'below';
  if (facts.redMonths >= 2)
    return `${head}, ${beyond} ${band} for ${EN_COUNTS[facts.redMonths] ?? facts.redMonths} months in a row`;
  if (facts.redMonths === 1) return `${head}, ${beyond} ${band}`;
  return head;
}

/** The background sentence of a task in the reader's language. */
export function renderBackground(place: TaskPlace, facts: BackgroundFacts, locale: Locale): string {
  if (locale === 'en') return english(place, facts);
  return backgroundText({
    subjectName: facts.subjectName,
    subjectType: place.subjectType,
    month: place.month,
    dimensionName: ZH_NAMES[place.dimension] ?? '',
    valueText: metricText(place.dimension, facts.value),
    redMonths: facts.redMonths,
    redBandText: metricText(place.dimension, facts.redBand) ?? '',
    better: betterOf(place.dimension as DimensionNo),
  });
}

/** A task row's background for a reader: from its facts when it has them, else the stored sentence. */
export function taskBackgroundFor(
  row: TaskPlace & { background: string; backgroundFacts: BackgroundFacts | null },
  locale: Locale,
): string {
  return row.backgroundFacts ? renderBackground(row, row.backgroundFacts, locale) : row.background;
}
