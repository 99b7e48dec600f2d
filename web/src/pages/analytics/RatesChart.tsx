import { useMemo } from 'react';
import type { QuarterlyDto } from '../../api/analytics';
import { EChart } from '../../components/EChart';
import type { ChartOption } from '../../lib/echarts';
import { type AnalysisText, BLUE, BLUE_LIGHT, belowGoal, RED, RED_LIGHT, useAnalysisText } from './analysisText';

type Rate = 'completionRate' | 'onTimeRate';
const RATES: Rate[] = ['completionRate', 'onTimeRate'];
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function ratesOption(data: QuarterlyDto, previous: QuarterlyDto | undefined, text: AnalysisText) {
  const { t } = text;
  const goal = asPercent(data.goal) ?? 90;
  // values inside the top of their bar, so the goal line never runs through a label; short bars above
  const bars = (of: QuarterlyDto, normal: string, low: string, ink: string) =>
    RATES.map((rate) => {
      const value = asPercent(of[rate]);
      return {
        value,
        itemStyle: { color: belowGoal(of[rate], data.goal) ? low : normal, borderRadius: [3, 3, 0, 0] },
        label:
          value !== null && value >= 15 ? { position: 'insideTop', color: ink } : { position: 'top', color: '#334155' },
      };
    });
  const label = {
    show: true,
    formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value}%`),
  };
  const series = [
    ...(previous
      ? [
          {
            name: `${t('analysis.chart.previousQuarter')} · ${text.quarter(previous.quarter)}`,
            type: 'bar',
            barMaxWidth: 44,
            itemStyle: { color: BLUE_LIGHT },
            label,
            data: bars(previous, BLUE_LIGHT, RED_LIGHT, '#1e293b'),
          },
        ]
      : []),
    {
      name: `${t('analysis.chart.thisQuarter')} · ${text.quarter(data.quarter)}`,
      type: 'bar',
      barMaxWidth: 44,
      itemStyle: { color: BLUE },
      label: { ...label, fontWeight: 600 },
      data: bars(data, BLUE, RED, '#fff'),
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { color: RED, type: 'dashed', width: 1.5 },
        label: { formatter: t('analysis.goal', { goal: `${goal}%` }), color: RED, position: 'insideEndTop' },
        data: [{ yAxis: goal }],
      },
    },
  ];
  return {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, itemGap: 16 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: RATES.map((rate) => t(`analysis.kpi.${rate}`)) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    series,
  } satisfies ChartOption;
}

/** Completion and on-time rates of the quarter (beside the previous one) against the goal line. */
export function RatesChart({ data, previous }: { data: QuarterlyDto; previous?: QuarterlyDto | undefined }) {
  const text = useAnalysisText();
  // biome-ignore lint/correctness/useExhaustiveDependencies: text changes with the language only
  const option = useMemo(() => ratesOption(data, previous, text), [data, previous, text.lang]);
  return <EChart option={option} height={300} testId="rates-chart" />;
}
