import type { AnalysisType } from '../../api/analytics';
import { useLang, useT } from '../../i18n';
import { formatInstant, formatPercent } from '../../lib/format';
import { quarterVars } from './quarter';

/** Below the goal reads red at a glance, on the cards, the bars and the owners' table alike. */
export const RED = '#dc2626';
export const RED_LIGHT = '#fca5a5';
export const BLUE = '#1d4ed8';
export const BLUE_LIGHT = '#93c5fd';
export const GREY = '#cbd5e1';

export const belowGoal = (rate: number | null | undefined, goal: number): boolean =>
  typeof rate === 'number' && rate < goal;

export const MEETING_TYPES: AnalysisType[] = ['supervision', 'weekly'];

/** Labels and numbers of the analysis in the reader's language. */
export function useAnalysisText() {
  const t = useT();
  const { lang } = useLang();
  const quarter = (q: string) => t('analysis.quarterLabel', quarterVars(q));
  const percent = (rate: number | null | undefined, trim = false) => formatPercent(rate, lang, trim);
  const number = (value: number | null | undefined, digits = 1) =>
    typeof value === 'number' ? new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value) : '—';
  const instant = (iso: string) => formatInstant(iso, lang);
  return { t, lang, quarter, percent, number, instant };
}

export type AnalysisText = ReturnType<typeof useAnalysisText>;
