import type { BoardRowDto, DimensionDto, MetricDto, MetricStatus } from '../../api/board';
import { hasMessage, type MessageKey, useLang, useT } from '../../i18n';
import { formatMetric, formatMoney, formatMonth } from '../../lib/format';

/** Cell colours per status: red must read as red at a glance, also on a phone in daylight. */
export const STATUS_COLORS: Record<MetricStatus, { bg: string; fg: string; solid: string }> = {
  red: { bg: '#fecaca', fg: '#991b1b', solid: '#dc2626' },
  yellow: { bg: '#fde68a', fg: '#854d0e', solid: '#f59e0b' },
  green: { bg: '#dcfce7', fg: '#166534', solid: '#16a34a' },
  none: { bg: 'transparent', fg: '#64748b', solid: '#cbd5e1' },
};

/** Ranks sort ascending (1 = best); a missing metric sorts last. */
export const rankOf = (row: BoardRowDto, no: number): number =>
  row.metrics[String(no)]?.rank ?? Number.MAX_SAFE_INTEGER;
export const metricOf = (row: BoardRowDto, no: number): MetricDto | undefined => row.metrics[String(no)];

/** Dimension 2 and 4 are 1 and 3 per AM: a track's level of them is the track dimension. */
export const trackLevelNo = (no: number): number => (no === 2 || no === 4 ? no - 1 : no);
/** …and an AM's level of 1 and 3 is 2 and 4; the other dimensions have no AM level. */
export const amLevelNo = (no: number): number | null =>
  no === 1 || no === 3 ? no + 1 : no === 2 || no === 4 ? no : null;

const key = (text: string): MessageKey => (hasMessage(text) ? text : 'common.none');

/** Labels and numbers of the board in the reader's language. */
export function useBoardText() {
  const t = useT();
  const { lang } = useLang();
  const dimNo = (no: number) => t(key(`board.dimNo.${no}`));
  const dimName = (no: number) => t(key(`board.dim.${no}`));
  const dimShort = (no: number) => t(key(`board.short.${no}`));
  const formula = (no: number) => t(key(`board.formula.${no}`));
  const value = (dim: Pick<DimensionDto, 'unit'>, v: number | null | undefined) => formatMetric(v, dim.unit, lang);
  const money = (v: number | null | undefined) => formatMoney(v, lang);
  const band = (dim: Pick<DimensionDto, 'unit' | 'better' | 'bands'>) =>
    t(dim.better === 'higher' ? 'board.band.higher' : 'board.band.lower', {
      red: formatMetric(dim.bands.red, dim.unit, lang, true),
      yellow: formatMetric(dim.bands.yellow, dim.unit, lang, true),
    });
  const since = (dim: Pick<DimensionDto, 'bands'>) =>
    t('board.band.since', { month: formatMonth(dim.bands.effectiveMonth, lang) });
  const numLabel = (no: number) => t(key(`board.num.${no}`));
  const denLabel = (no: number) => t(key(`board.den.${no}`));
  /** "销售额 ¥870.5万 / 销售目标 ¥1,000.0万" */
  const ratio = (no: number, m: Pick<MetricDto, 'numerator' | 'denominator'>) =>
    `${numLabel(no)} ${money(m.numerator)} / ${denLabel(no)} ${money(m.denominator)}`;
  const status = (s: MetricStatus) => t(`board.status.${s}`);
  const rank = (n: number) => t('board.rank', { n });
  const trackRank = (n: number) => t('board.trackRank', { n });
  const kind = (k: string) => (hasMessage(`board.kind.${k}`) ? t(key(`board.kind.${k}`)) : k);
  const month = (m: string) => formatMonth(m, lang);
  return {
    ...{ t, lang, dimNo, dimName, dimShort, formula, value, money, band, since },
    ...{ numLabel, denLabel, ratio, status, rank, trackRank, kind, month },
  };
}

export type BoardText = ReturnType<typeof useBoardText>;
