// ECharts, tree-shaken: only the chart types and components the app draws. Import charts from here,
// never from 'echarts' itself (that pulls in every chart). Pages that use it are lazy chunks.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption as ChartOption } from 'echarts/core';
export { echarts };
