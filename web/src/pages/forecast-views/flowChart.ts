// The snapshot flow as an ECharts waterfall: each bucket's signed amount floats from the running total.
import type { FlowBucketDto } from '../../api/forecastViews';
import type { Lang, Translate } from '../../i18n';
import type { ChartOption } from '../../lib/echarts';
import { formatMoney } from '../../lib/format';

const GREEN = '#16a34a';
const RED = '#dc2626';
const BLUE = '#1d4ed8';

/**
 * A stacked bar pair per bucket: an invisible base up to the lower edge, the visible part the bucket's
 * size (green adds, red takes away); the last bar is the net change from zero. The bar's `name` is the
 * bucket so a click drills down.
 */
export function waterfallOption(buckets: FlowBucketDto[], lang: Lang, t: Translate, compact = false): ChartOption {
  let running = 0;
  const base: number[] = [];
  const size: { value: number; itemStyle: { color: string }; bucket: string; amount: number }[] = [];
  for (const b of buckets) {
    const next = running + b.amount;
    base.push(Math.min(running, next));
    size.push({
      value: Math.abs(b.amount),
      itemStyle: { color: b.amount >= 0 ? GREEN : RED },
      bucket: b.bucket,
      amount: b.amount,
    });
    running = next;
  }
  base.push(Math.min(0, running));
  size.push({ value: Math.abs(running), itemStyle: { color: BLUE }, bucket: '', amount: running });
  const names = [...buckets.map((b) => t(`flow.bucket.${b.bucket}`)), t('flow.net')];
  return {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const count = buckets[i]?.count;
        return `${names[i]}<br/>${formatMoney(size[i]?.amount ?? 0, lang)}${count === undefined ? '' : ` · ${count}`}`;
      },
    },
    // on a phone the amounts live in the table below and the names turn, so nothing overlaps
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: compact ? 45 : 0 } },
    yAxis: {
      type: 'value',
      splitLine: { lineStyle: { color: '#eef2f7' } },
      axisLabel: { formatter: (v: number) => formatMoney(v, lang) },
    },
    series: [
      { type: 'bar', stack: 'flow', silent: true, itemStyle: { color: 'transparent' }, data: base },
      {
        type: 'bar',
        stack: 'flow',
        barMaxWidth: 48,
        data: size,
        label: {
          show: !compact,
          position: 'top',
          formatter: (p: { data: { amount: number } }) => formatMoney(p.data.amount, lang),
        },
      },
    ],
  };
}
