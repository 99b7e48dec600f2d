import { Skeleton } from 'antd';
import { useMemo } from 'react';
import { type DimensionDto, type TrendArgs, type TrendDto, useTrend } from '../../api/board';
import { EChart } from '../../components/EChart';
import { ListError } from '../../components/ListStates';
import type { ChartOption } from '../../lib/echarts';
import { type BoardText, STATUS_COLORS, useBoardText } from './boardText';
import { axisSuffix, toChart } from './chartScale';

function pad({ min, max }: { min: number; max: number }, side: -1 | 1): number {
  const room = Math.max((max - min) * 0.12, Math.abs(max) * 0.02, 1);
  return side < 0 ? Math.floor(min - room) : Math.ceil(max + room);
}

function trendOption(dim: DimensionDto, trend: TrendDto, text: BoardText) {
  const months = trend.points.map((p) => p.month);
  // The bands may change over the year (an approved threshold change): draw them as steps, per month.
  const line = (name: string, pick: 'red' | 'yellow') => ({
    name,
    type: 'line',
    step: 'middle',
    symbol: 'none',
    silent: true,
    lineStyle: { type: 'dashed', width: 1.5, color: STATUS_COLORS[pick].solid },
    itemStyle: { color: STATUS_COLORS[pick].solid },
    data: trend.points.map((p) => toChart(dim.unit, p.bands[pick])),
  });
  return {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, itemWidth: 18, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const point = trend.points[items[0]?.dataIndex ?? -1];
        if (!point) return '';
        return `<b>${text.month(point.month)}</b><br/>${text.value(dim, point.value)} · ${text.status(point.status)}<br/>${text.band({ ...dim, bands: point.bands })}`;
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.slice(2).replace('-', '/')), boundaryGap: false },
    yAxis: {
      type: 'value',
      // room around the values and both lines, so neither sits on the frame
      min: (extent: { min: number; max: number }) => pad(extent, -1),
      max: (extent: { min: number; max: number }) => pad(extent, 1),
      axisLabel: { formatter: `{value}${axisSuffix(dim.unit)}`, showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    series: [
      {
        name: text.dimShort(dim.no),
        type: 'line',
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 9,
        lineStyle: { width: 2.5, color: '#1d4ed8' },
        itemStyle: { color: '#1d4ed8' },
        z: 3,
        data: trend.points.map((p) => ({
          value: toChart(dim.unit, p.value),
          itemStyle: { color: STATUS_COLORS[p.status].solid, borderColor: '#fff', borderWidth: 1 },
        })),
      },
      line(text.t('board.chart.redLine'), 'red'),
      line(text.t('board.chart.yellowLine'), 'yellow'),
    ],
  } satisfies ChartOption;
}

interface Props {
  dim: DimensionDto;
  args: TrendArgs | null;
  height?: number;
}

/** Twelve months of one subject's value, points coloured by status, against its red and yellow lines. */
export function TrendChart({ dim, args, height = 260 }: Props) {
  const text = useBoardText();
  const trend = useTrend(args);
  const data = trend.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: text changes with the language only
  const option = useMemo(() => (data ? trendOption(dim, data, text) : null), [dim, data, text.lang]);
  if (trend.isError) return <ListError error={trend.error} onRetry={() => trend.refetch()} />;
  if (!option) return <Skeleton.Node active style={{ width: '100%', height }} />;
  return <EChart option={option} height={height} testId="trend-chart" />;
}
