/**
 * Chromium's printToPDF (导出 PDF: Electron's in the app, the harness's in
 * tests) lays the page out for paper without a beforeprint, so the export sends
 * this event itself before and after, and the charts (ReportCharts.tsx) redraw
 * at their print size. Apart from the charts' module, which loads ECharts.
 */
export const PRINT_SIZE_EVENT = 'report-print-size';

/** Draw every chart of the report at its print size (true) or back at its screen size (false); resolves once redrawn. */
export async function printSizeCharts(on: boolean): Promise<void> {
  window.dispatchEvent(new CustomEvent(PRINT_SIZE_EVENT, { detail: on }));
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
