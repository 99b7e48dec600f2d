// ECharts options of the CEO overview: coverage against its threshold line, the cumulative monthly pace.
import type { OverviewFigures } from '../../api/forecast';
import type { Lang, Translate } from '../../i18n';
import type { ChartOption } from '../../lib/echarts';
import { formatMoney, formatMonth } from '../../lib/format';
import { RED } from './forecastText';

const BLUE = '#1d4ed8';
const GREEN = '#16a34a';
const GREY = '#94a3b8';
const AMBER = '#f59e0b';

/** Raw and weighted coverage per track (and in total), bars against the threshold line. */
export function coverageOption(
  rows: { name: string; figures: OverviewFigures }[],
  threshold: number,
  t: Translate,
): ChartOption {
  const value = (v: number | null, covered: boolean) => (covered ? null : v === null ? null : Number(v.toFixed(2)));
  const bar = (name: string, pick: 'coverage' | 'weightedCoverage', color: string) => ({
    name,
    type: 'bar',
    barMaxWidth: 28,
    itemStyle: { color },
    label: {
      show: true,
      position: 'top',
      formatter: (p: { value: number | null }) => (p.value == null ? '' : `${p.value}`),
    },
    // one colour a series (the legend stays true); the threshold line shows who is below
    data: rows.map((r) => value(r.figures[pick], r.figures.covered)),
  });
  return {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef2f7' } } },
    series: [
      {
        ...bar(t('overview.raw'), 'coverage', BLUE),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: RED, type: 'dashed', width: 1.5 },
          label: { formatter: t('overview.threshold', { n: threshold }), position: 'insideEndTop', color: RED },
          data: [{ yAxis: threshold }],
        },
      },
      bar(t('overview.weighted'), 'weightedCoverage', '#93c5fd'),
    ],
  };
}

const cumulative = (values: (number | null)[]) => {
  let sum = 0;
  return values.map((v) => {
    if (v === null) return null;
    sum += v;
    return Math.round(sum * 100) / 100;
  });
};

/** The year month by month: cumulative target, actual orders (to date) and the forecast of each month. */
export function paceOption(figures: OverviewFigures, lang: Lang, t: Translate): ChartOption {
  const months = figures.months;
  const actual = cumulative(months.map((m) => m.actual));
  const forecast = cumulative(months.map((m) => m.forecast));
  const line = (name: string, data: (number | null)[], color: string, dashed = false) => ({
    name,
    type: 'line',
    symbol: 'circle',
    symbolSize: 6,
    connectNulls: false,
    lineStyle: { color, width: 2.5, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
    data,
  });
  return {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, itemWidth: 18, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value == null ? '—' : formatMoney(value, lang)),
    },
    xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month, lang)), boundaryGap: false },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (value: number) => formatMoney(value, lang) },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    series: [
      line(t('overview.target'), cumulative(months.map((m) => m.target)), GREY, true),
      line(t('overview.forecast'), forecast, AMBER, true),
      line(t('overview.actual'), actual, GREEN),
    ],
  };
}

export { BLUE };
