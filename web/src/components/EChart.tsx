import { type CSSProperties, useEffect, useRef } from 'react';
import { type ChartOption, type ECElementEvent, echarts } from '../lib/echarts';

interface Props {
  option: ChartOption;
  height: number;
  onClick?: (event: ECElementEvent) => void;
  style?: CSSProperties;
  testId?: string;
}

/** One ECharts canvas that follows its container's width (phones, drawers, a resized window). */
export function EChart({ option, height, onClick, style, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => clickRef.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
