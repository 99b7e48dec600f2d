import { useMemo } from 'react';
import type { QuarterlyDto } from '../../api/analytics';
import { EChart } from '../../components/EChart';
import type { ChartOption } from '../../lib/echarts';
import { useBoardText } from '../board/boardText';
import { type AnalysisText, BLUE, GREY, useAnalysisText } from './analysisText';

const NOS = [1, 2, 3, 4, 5, 6, 7, 8];
const ROW = 44;

function dimensionOption(data: QuarterlyDto, text: AnalysisText, dimName: (no: number) => string) {
  const { t } = text;
  const counts = (by: Record<string, number>) => NOS.map((no) => by[String(no)] ?? 0);
  const label = {
    show: true,
    position: 'right',
    formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
  };
  return {
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, itemGap: 16 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: NOS.map(dimName),
      axisLabel: { width: 150, overflow: 'break' },
    },
    series: [
      {
        name: `${t('analysis.chart.previousQuarter')} · ${text.quarter(data.previousQuarter)}`,
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: GREY, borderRadius: [0, 3, 3, 0] },
        label: { ...label, color: '#64748b' },
        data: counts(data.previousByDimension),
      },
      {
        name: `${t('analysis.chart.thisQuarter')} · ${text.quarter(data.quarter)}`,
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: BLUE, borderRadius: [0, 3, 3, 0] },
        label: { ...label, fontWeight: 600 },
        data: counts(data.byDimension),
      },
    ],
  } satisfies ChartOption;
}

/** Which dimensions keep producing tasks: this quarter beside the previous one, per dimension. */
export function DimensionChart({ data }: { data: QuarterlyDto }) {
  const text = useAnalysisText();
  const board = useBoardText();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts change with the language only
  const option = useMemo(() => dimensionOption(data, text, board.dimName), [data, text.lang]);
  return <EChart option={option} height={NOS.length * ROW + 48} testId="dimension-chart" />;
}
