/**
 * The report's charts: monthly by category (stacked), by category, by division,
 * by counsel, and the outcomes. Loaded on demand (ECharts is the biggest part of
 * the report's code). A click on a bar, a slice or an axis label opens its
 * consultations.
 */
import { Card, Col, Empty, Row } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tally } from '#contract/reports-contract';
import { useFigureOpener } from '../FigureLink';
import { monthLabel, spansYears, type NameBook } from '../labels';
import { echarts } from './echarts';
import { PRINT_SIZE_EVENT } from './print-size';
import { barsHeight, barsOption, categoryColor, datum, monthlyOption, monthlyPrintOption, outcomeOption, type ChartOption, type FigureDatum } from './options';

interface ChartProps {
  id: string;
  title: string;
  option: ChartOption;
  /** the option drawn on paper instead, at the print width (else `option`) */
  printOption?: (printWidth: number) => ChartOption;
  height: number;
  /** a click on an axis label (the category's name, or the month) → its key */
  axisKey?: (label: string) => string | undefined;
  empty?: boolean;
  span?: number;
}

/**
 * The size a chart is drawn at on paper, in CSS px (96 dpi): A4 portrait less the
 * print stylesheet's margins (210 − 2 × 12 mm = 186 mm ≈ 703 px), less the card's
 * border and padding (≈ 26 px) and a few px to spare; a half-width chart has half
 * the row less the gutter (12 px). Drawn any wider, the SVG is cut at the card's
 * edge (issue 21: the months after 8月 and the legend's end were not printed).
 */
const PRINT_WIDTH = { full: 660, half: 300 };

/**
 * Redraws the chart at its print size while printing (window.print's beforeprint,
 * or the export's event), so it fits the page and its text prints at its real
 * size; with `printOption` (月度: a legend that wraps) drawn from that while on
 * paper, and from `option` again after.
 */
function usePrintSize(ref: RefObject<ReactEChartsCore | null>, size: { width: number; height: number }, option: ChartOption, printOption?: ChartOption): void {
  const { width, height } = size;
  useEffect(() => {
    const before = () => {
      const instance = ref.current?.getEchartsInstance();
      if (printOption) instance?.setOption(printOption, true);
      instance?.resize({ width, height, animation: { duration: 0 } });
    };
    const after = () => {
      const instance = ref.current?.getEchartsInstance();
      if (printOption) instance?.setOption(option, true);
      instance?.resize({ width: 'auto', height, animation: { duration: 0 } });
    };
    const toggle = (event: Event) => ((event as CustomEvent<boolean>).detail ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    window.addEventListener(PRINT_SIZE_EVENT, toggle);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      window.removeEventListener(PRINT_SIZE_EVENT, toggle);
    };
  }, [ref, width, height, option, printOption]);
}

/**
 * Gives the SVG the size it was drawn at as its viewBox whenever ECharts reports a
 * render finished (so also after the redraw at print size), so the print
 * stylesheet's width 100% / height auto scales the drawing to its column and
 * derives its height from its width. Without it the exported PDF's charts come
 * out narrower than their cards (seen in test/e2e/reports.e2e.ts's PDF).
 */
function keepViewBox(chart: ReactEChartsCore | null): void {
  const instance = chart?.getEchartsInstance();
  const svg = chart?.ele?.querySelector('svg');
  if (!instance || !svg) return;
  svg.setAttribute('viewBox', `0 0 ${instance.getWidth()} ${instance.getHeight()}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
}

function Chart({ id, title, option, printOption, height, axisKey, empty, span = 12 }: ChartProps) {
  const { t } = useTranslation();
  const { open } = useFigureOpener();
  const chart = useRef<ReactEChartsCore | null>(null);
  const printWidth = span === 24 ? PRINT_WIDTH.full : PRINT_WIDTH.half;
  const onPaper = useMemo(() => printOption?.(printWidth), [printOption, printWidth]);
  usePrintSize(chart, { width: printWidth, height }, option, onPaper);
  const onEvents = useMemo(
    () => ({
      click: (p: { componentType?: string; data?: FigureDatum; value?: unknown }) => {
        if (p.componentType === 'series' && p.data?.key) open(p.data.key);
        else if ((p.componentType === 'xAxis' || p.componentType === 'yAxis') && axisKey) {
          const key = axisKey(String(p.value));
          if (key) open(key);
        }
      },
      finished: () => keepViewBox(chart.current),
    }),
    [open, axisKey],
  );
  return (
    <Col span={span} className="report-chart-col">
      <Card size="small" title={title} className="report-chart-card report-keep">
        {empty ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.charts.empty')} style={{ height: height - 24 }} />
        ) : (
          <div className="report-chart" data-chart={id} role="img" aria-label={title}>
            <ReactEChartsCore
              ref={chart}
              echarts={echarts}
              option={option}
              notMerge
              opts={{ renderer: 'svg' }}
              style={{ height, width: '100%' }}
              onEvents={onEvents}
            />
          </div>
        )}
      </Card>
    </Col>
  );
}

export default function ReportCharts({ tally, names }: { tally: Tally; names: NameBook }) {
  const { t } = useTranslation();
  const withYear = spansYears(tally);

  const charts = useMemo(() => {
    const categories = tally.byCategory.map((c) => ({ ...datum(c, names.categoryShort(c.categoryId)), itemStyle: { color: categoryColor(tally, c.categoryId) } }));
    const departments = tally.byDepartment.map((d) => datum(d, names.department(d.departmentId)));
    const counsels = tally.byCounsel.map((c) => datum(c, names.counsel(c.counselId)));
    const monthly = monthlyOption(tally, names, t);
    // a bar chart's props: its option, its height, a click on a label → its key, and whether it has nothing to show
    const bars = (data: FigureDatum[], empty: boolean) => ({
      option: barsOption(data, t),
      height: barsHeight(data.length),
      axisKey: (label: string) => data.find((d) => d.name === label && d.value > 0)?.key,
      empty,
    });
    return {
      monthly,
      monthlyPrint: (width: number) => monthlyPrintOption(monthly, width),
      monthKey: (label: string) => tally.byMonth.find((m) => m.count > 0 && monthLabel(m.month, withYear, t) === label)?.key,
      categories: bars(categories, tally.total.count === 0),
      departments: bars(departments, departments.length === 0),
      counsels: bars(counsels, counsels.length === 0),
      outcome: outcomeOption(tally, t),
    };
  }, [tally, names, t, withYear]);

  const none = tally.total.count === 0;
  // the second row's two charts share a height, so their cards line up
  const rowHeight = Math.max(charts.categories.height, charts.departments.height);
  const lastHeight = Math.max(charts.counsels.height, 240);

  return (
    <Row gutter={[12, 12]} className="report-charts">
      <Chart id="monthly" span={24} title={t('reports.charts.monthly')} option={charts.monthly} printOption={charts.monthlyPrint} height={300} axisKey={charts.monthKey} empty={none} />
      <Chart id="category" title={t('reports.charts.byCategory')} {...charts.categories} height={rowHeight} />
      <Chart id="department" title={t('reports.charts.byDepartment')} {...charts.departments} height={rowHeight} />
      <Chart id="counsel" title={t('reports.charts.byCounsel')} {...charts.counsels} height={lastHeight} />
      <Chart id="outcome" title={t('reports.charts.byOutcome')} option={charts.outcome} height={lastHeight} empty={none} />
    </Row>
  );
}
