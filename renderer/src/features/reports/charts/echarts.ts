/**
 * ECharts with only what the report draws (bars, a pie, grid, tooltip, legend),
 * drawn as SVG: crisp on screen and in print, and the SVG's viewBox lets the
 * print stylesheet scale a chart to the page width. The core entry is used
 * because echarts-for-react's lib/ build gives a blank page under Vite 8.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
