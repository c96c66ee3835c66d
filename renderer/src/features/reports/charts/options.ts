/**
 * The charts' ECharts options, built from the tally. Every bar and slice carries
 * the drill-down key of its figure (`key` on the data item), so a click opens
 * exactly the consultations it counts.
 */
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { format } from 'echarts/core';
import type { TFunction } from 'i18next';
import type { Figure, Tally } from '#contract/reports-contract';
import { monthLabel, outcomeLabel, spansYears, type NameBook } from '../labels';

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Calm colours that tell categories apart on screen and in a grey print. */
export const PALETTE = ['#1f5fbf', '#36a3a3', '#f0a030', '#d0544b', '#7b61c9', '#5aa55a', '#8c8c8c', '#d77bb0', '#3a8fd9', '#b08a3e'];
export const BAR_COLOR = PALETTE[0]!;

const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/** A bar's or slice's data: its value (次), and the figure behind it. */
export interface FigureDatum {
  value: number;
  name?: string;
  key: string;
  items: number;
  itemStyle?: { color: string };
}

export function datum(f: Figure, name?: string, color?: string): FigureDatum {
  return { value: f.count, key: f.key, items: f.items, ...(name ? { name } : {}), ...(color ? { itemStyle: { color } } : {}) };
}

const esc = (s: string) => format.encodeHTML(s);

function figureText(t: TFunction, count: number, items: number): string {
  return t('reports.charts.tooltipFigure', { count, items });
}

/** Each category keeps its colour in every chart: its place in the category list. */
export function categoryColor(tally: Tally, categoryId: number): string {
  const i = tally.byCategory.findIndex((c) => c.categoryId === categoryId);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}

const base = {
  animation: false,
  textStyle: { fontFamily: FONT },
} as const;

const LEGEND_ITEM = { itemWidth: 14, itemHeight: 10 } as const;
const MONTHLY_GRID = { left: 8, right: 16, bottom: 8, containLabel: true } as const;

/**
 * How many rows a plain legend of `names` takes at `width` px, as ECharts lays it
 * out (12 px text; an item is its 14 px mark, 5 px, its text and the 10 px gap;
 * 5 px padding each side). The text is measured by its characters, a CJK one
 * 12 px and any other 7 px, with 2 px to spare per item, so the estimate errs
 * towards one row more.
 */
export function legendRows(names: readonly string[], width: number): number {
  const room = width - 10;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const text = [...name].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12 : 7), 0);
    const item = 14 + 5 + text + 2;
    if (x > 0 && x + item > room) {
      rows += 1;
      x = 0;
    }
    x += item + 10;
  }
  return rows;
}

/**
 * 月度 on paper, drawn `width` px wide: a plain legend that wraps onto as many
 * rows as it needs (a scrolling one prints only its first page and a "1/2"
 * pager), and the plot below it far enough that the y axis's name (次数, drawn
 * above the axis) stays clear of the legend: each legend row is 24 px, then the
 * name's 15 px gap and its line.
 */
export function monthlyPrintOption(screen: ChartOption, width: number): ChartOption {
  const names = ((screen.series ?? []) as BarSeriesOption[]).map((s) => String(s.name ?? ''));
  return { ...screen, legend: { top: 0, type: 'plain', ...LEGEND_ITEM }, grid: { ...MONTHLY_GRID, top: legendRows(names, width) * 24 + 34 } };
}

/** 月度: stacked bars, one series per category with items in the period. */
export function monthlyOption(tally: Tally, names: NameBook, t: TFunction): ChartOption {
  const withYear = spansYears(tally);
  const cats = tally.byCategory.filter((c) => c.count > 0);
  const series: BarSeriesOption[] = cats.map((c) => ({
    type: 'bar',
    stack: 'total',
    name: names.categoryShort(c.categoryId),
    itemStyle: { color: categoryColor(tally, c.categoryId) },
    barMaxWidth: 36,
    emphasis: { focus: 'series' },
    data: tally.byMonth.map((m) => {
      const f = m.byCategory.find((x) => x.categoryId === c.categoryId);
      // '-' is "no bar" for ECharts: nothing to click in an empty month
      return f ? datum(f) : { value: '-' as unknown as number, key: '', items: 0 };
    }),
  }));
  return {
    ...base,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: number; seriesName?: string; marker?: string; data?: FigureDatum }[];
        const month = tally.byMonth[list[0]?.dataIndex ?? -1];
        if (!month) return '';
        const rows = list
          .filter((p) => p.data && p.data.key)
          .map((p) => `${p.marker ?? ''}${esc(t('reports.charts.tooltipRow', { name: p.seriesName ?? '', value: figureText(t, p.data!.value, p.data!.items) }))}`);
        const head = esc(monthLabel(month.month, withYear, t));
        return [head, ...rows, `<b>${esc(t('reports.charts.tooltipRow', { name: t('reports.tables.total'), value: figureText(t, month.count, month.items) }))}</b>`].join('<br/>');
      },
    },
    legend: { top: 0, type: 'scroll', ...LEGEND_ITEM },
    grid: { ...MONTHLY_GRID, top: 36 },
    xAxis: {
      type: 'category',
      data: tally.byMonth.map((m) => monthLabel(m.month, withYear, t)),
      // clicking a month's label opens the whole month
      triggerEvent: true,
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, name: t('reports.charts.count'), nameTextStyle: { align: 'right' } },
    series,
  };
}

/** A horizontal bar chart of one breakdown, largest (or list order) at the top. */
export function barsOption(data: FigureDatum[], t: TFunction): ChartOption {
  return {
    ...base,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = (p as { data?: FigureDatum; name?: string }).data;
        return d ? `${esc(d.name ?? '')}<br/>${esc(figureText(t, d.value, d.items))}` : '';
      },
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 4 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.name ?? ''),
      triggerEvent: true,
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: t('reports.charts.count'),
        itemStyle: { color: BAR_COLOR },
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: (p) => String((p.data as FigureDatum).value || '') },
        data,
      },
    ],
  };
}

export function barsHeight(rows: number): number {
  return Math.max(180, rows * 30 + 40);
}

/** 采纳情况: a doughnut of the outcomes (the items without one included, in grey). */
export function outcomeOption(tally: Tally, t: TFunction): ChartOption {
  const colors: Record<string, string> = { adopted: '#5aa55a', partiallyAdopted: '#f0a030', notAdopted: '#d0544b', none: '#bfbfbf' };
  const data = tally.byOutcome.filter((o) => o.count > 0).map((o) => datum(o, outcomeLabel(o.outcome, t), colors[o.outcome]));
  return {
    ...base,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = (p as { data?: FigureDatum }).data;
        return d ? `${esc(d.name ?? '')}<br/>${esc(figureText(t, d.value, d.items))}` : '';
      },
    },
    legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { formatter: (p) => `${p.name} ${(p.data as FigureDatum).value}` },
        data,
      },
    ],
  };
}
