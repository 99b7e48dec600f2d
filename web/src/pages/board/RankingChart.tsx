import { useMemo } from 'react';
import type { BoardRowDto, DimensionDto } from '../../api/board';
import { EChart } from '../../components/EChart';
import type { ChartOption } from '../../lib/echarts';
import { type BoardText, metricOf, rankOf, STATUS_COLORS, useBoardText } from './boardText';
import { axisSuffix, toChart } from './chartScale';

interface Props {
  dim: DimensionDto;
  rows: BoardRowDto[];
  selectedId: number | null;
  onPick: (id: number) => void;
}

const BAR = 24;

function rankingOption(dim: DimensionDto, rows: BoardRowDto[], selectedId: number | null, text: BoardText) {
  const sorted = [...rows].sort((a, b) => rankOf(a, dim.no) - rankOf(b, dim.no));
  // both labels above the bars, each on its own side of its line, so they never overlap when close
  const threshold = (value: number, color: string, name: string, align: 'left' | 'right') => ({
    xAxis: toChart(dim.unit, value),
    name,
    lineStyle: { color, type: 'dashed', width: 1.5 },
    label: { formatter: name, color, position: 'start', align, fontSize: 11 },
  });
  // the line further left carries its label to the left (higher is better: red is left of yellow)
  const redLeft = toChart(dim.unit, dim.bands.red)! <= toChart(dim.unit, dim.bands.yellow)!;
  const redAlign = redLeft ? 'right' : 'left';
  const yellowAlign = redLeft ? 'left' : 'right';
  return {
    animationDuration: 300,
    grid: { left: 8, right: 56, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const row = sorted[p.dataIndex];
        const metric = row && metricOf(row, dim.no);
        if (!row || !metric) return '';
        return `<b>${row.name}</b> ${text.rank(metric.rank)}<br/>${text.value(dim, metric.value)}<br/>${text.ratio(dim.no, metric)}`;
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: `{value}${axisSuffix(dim.unit)}` },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((row) => row.name),
      axisLabel: {
        fontWeight: 500,
        formatter: (name: string, index: number) => (sorted[index]?.id === selectedId ? `▶ ${name}` : name),
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: sorted.map((row) => {
          const metric = metricOf(row, dim.no);
          return {
            value: toChart(dim.unit, metric?.value),
            itemStyle: {
              color: STATUS_COLORS[metric?.status ?? 'none'].solid,
              borderColor: row.id === selectedId ? '#0f172a' : undefined,
              borderWidth: row.id === selectedId ? 2 : 0,
              borderRadius: [0, 3, 3, 0],
            },
          };
        }),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const row = sorted[p.dataIndex];
            return row ? text.value(dim, metricOf(row, dim.no)?.value) : '';
          },
        },
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            threshold(dim.bands.red, STATUS_COLORS.red.solid, text.t('board.chart.redLine'), redAlign),
            threshold(dim.bands.yellow, STATUS_COLORS.yellow.solid, text.t('board.chart.yellowLine'), yellowAlign),
          ],
        },
      },
    ],
  } satisfies ChartOption;
}

/** Horizontal bars in rank order, coloured by status, with the red and yellow lines of the dimension. */
export function RankingChart({ dim, rows, selectedId, onPick }: Props) {
  const text = useBoardText();
  // biome-ignore lint/correctness/useExhaustiveDependencies: text changes with the language only
  const option = useMemo(() => rankingOption(dim, rows, selectedId, text), [dim, rows, selectedId, text.lang]);
  const sorted = useMemo(() => [...rows].sort((a, b) => rankOf(a, dim.no) - rankOf(b, dim.no)), [rows, dim.no]);
  return (
    <EChart
      option={option}
      height={Math.max(160, rows.length * BAR + 48)}
      testId="ranking-chart"
      onClick={(event) => {
        const row = sorted[event.dataIndex];
        if (row) onPick(row.id);
      }}
    />
  );
}
