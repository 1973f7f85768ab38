// ECharts with only the charts and components the dashboard draws: a third of the full library's size.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, ParallelComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, CustomChart, LineChart, ParallelChart, ScatterChart, GridComponent, LegendComponent, ParallelComponent,
  TooltipComponent, CanvasRenderer]);

export { echarts };
export type Chart = ReturnType<typeof echarts.init>;
