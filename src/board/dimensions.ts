/**
 * The eight dimensions of the ranking board (SPEC §3): plain data with no imports, so the server and the
 * web app (which imports this file itself, not the TypeBox contract) read the one list.
 */
export const DIMENSIONS = [
  { no: 1, key: 'sales_attainment', subject: 'track', better: 'higher', unit: 'ratio' },
  { no: 2, key: 'sales_attainment', subject: 'am', better: 'higher', unit: 'ratio' },
  { no: 3, key: 'order_attainment', subject: 'track', better: 'higher', unit: 'ratio' },
  { no: 4, key: 'order_attainment', subject: 'am', better: 'higher', unit: 'ratio' },
  { no: 5, key: 'gross_margin', subject: 'track', better: 'higher', unit: 'ratio' },
  { no: 6, key: 'forecast_accuracy', subject: 'track', better: 'higher', unit: 'ratio' },
  { no: 7, key: 'expense_permille', subject: 'track', better: 'lower', unit: 'permille' },
  { no: 8, key: 'dso', subject: 'track', better: 'lower', unit: 'days' },
] as const;
export type DimensionMeta = (typeof DIMENSIONS)[number];
export type DimensionNo = DimensionMeta['no'];

type NosOf<S extends DimensionMeta['subject']> = Extract<DimensionMeta, { subject: S }>['no'];
const nosOf = <S extends DimensionMeta['subject']>(subject: S) =>
  DIMENSIONS.filter((d) => d.subject === subject).map((d) => d.no as NosOf<S>);

/** Track dimensions in the order of the deck (维度一~八): 1, 3, 5, 6, 7, 8; the AM dimensions: 2, 4. */
export const TRACK_DIMENSIONS: readonly NosOf<'track'>[] = nosOf('track');
export const AM_DIMENSIONS: readonly NosOf<'am'>[] = nosOf('am');
