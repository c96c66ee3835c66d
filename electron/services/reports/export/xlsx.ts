/**
 * The XLSX export, written by exceljs's streaming writer (rows go to disk as
 * they are committed, so a big ledger does not sit in memory twice): sheets
 * 汇总, 分类, 月度, 处室, 顾问, 审查程序, 明细台账; a styled, frozen header row; widths
 * that fit Chinese text; dates as real dates and counts as numbers; no formulas.
 * Every sheet prints on A4 (issue 21): fit to the page's width, the header row
 * repeated on each page, page numbers in the footer; 明细台账 in landscape.
 * Long or multi-line text wraps, and its row is as tall as its lines.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { LedgerDetailRow } from '../../../../db/queries/tally';
import type { Tally } from '#contract/reports-contract';
import { closeStream } from './atomic';
import { cellText, dayAsDate, displayWidth, instantAsLocalDate, instantAsLocalText, widestLine } from './cells';
import { NO_RATE } from '#domain/labels';
import { LEDGER_COLUMNS, type ColumnKind } from './ledger-columns';
import type { ProcedureFigures } from '#domain/procedures';
import { categoryTable, counselTable, departmentTable, isRatio, monthTable, procedureTable, ratioValue, summaryTable, type CellValue, type Table } from './tables';

type Kind = ColumnKind | 'percent';
type Written = string | number | Date | null;

const NUM_FMT: Partial<Record<Kind, string>> = {
  day: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm:ss',
  percent: '0.0%',
};
/** Displayed width of a formatted value of each kind, for the column width. */
const FIXED_WIDTH: Partial<Record<Kind, number>> = { day: 10, instant: 19, percent: 7 };
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Points a line of 11 pt text takes in a row. */
const LINE_HEIGHT = 15;

/** A4 (paperSize 9), as wide as the page, as many pages down as it needs; the header row on each page. */
function pageSetup(landscape: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}
/** &A the sheet's name, &P the page, &N the pages */
const HEADER_FOOTER = { oddHeader: '&C&A', oddFooter: '&C第 &P 页，共 &N 页' };

/** The lines a text takes in a column of `width` characters (cells.ts units). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / room)), 0);
}

/** Column widths are measured on the header and the first rows of the sheet. */
const WIDTH_SAMPLE_ROWS = 2_000;

export const HEADER_STYLE = {
  font: { name: '黑体', bold: true, size: 11 },
  fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle' as const, horizontal: 'center' as const, wrapText: true },
  border: {
    top: { style: 'thin' as const },
    bottom: { style: 'thin' as const },
    left: { style: 'thin' as const },
    right: { style: 'thin' as const },
  },
};

interface SheetColumn {
  header: string;
  kind: Kind;
}

interface Prepared {
  value: Written;
  kind: Kind;
}

function prepare(kind: Kind, value: CellValue): Prepared {
  if (value === null || value === '') return { value: null, kind };
  if (isRatio(value)) {
    const share = ratioValue(value);
    // no denominator: say so (暂无) rather than leave a blank that reads like zero
    return share === null ? { value: NO_RATE, kind: 'text' } : { value: share, kind: 'percent' };
  }
  if (typeof value === 'number') return { value, kind: kind === 'percent' ? 'percent' : 'number' };
  if (kind === 'day') return { value: dayAsDate(value), kind };
  if (kind === 'instant') return { value: instantAsLocalDate(value), kind };
  return { value: cellText(value), kind: 'text' };
}

function widthOf({ value, kind }: Prepared): number {
  if (value === null) return 0;
  const fixed = FIXED_WIDTH[kind];
  if (fixed !== undefined) return fixed;
  if (typeof value === 'number') return String(Math.round(value * 10) / 10).length;
  return widestLine(String(value));
}

class SheetWriter {
  private readonly widths: number[];
  private readonly pending: Prepared[][] = [];
  private sheet: ExcelJS.Worksheet | undefined;

  constructor(
    private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly name: string,
    private readonly columns: readonly SheetColumn[],
    private readonly freeze: { xSplit: number; ySplit: number },
    private readonly landscape = false,
  ) {
    this.widths = columns.map((c) => widestLine(c.header));
  }

  add(values: readonly CellValue[]): void {
    const row = this.columns.map((c, i) => prepare(c.kind, values[i] ?? null));
    if (this.sheet) {
      this.write(row);
      return;
    }
    row.forEach((cell, i) => (this.widths[i] = Math.max(this.widths[i] ?? 0, widthOf(cell))));
    this.pending.push(row);
    if (this.pending.length >= WIDTH_SAMPLE_ROWS) this.open();
  }

  private columnWidth(i: number): number {
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (this.widths[i] ?? 0) + 2));
  }

  /** Widths are fixed once the sheet starts streaming: create it, write the header and the sampled rows. */
  private open(): ExcelJS.Worksheet {
    const sheet = this.workbook.addWorksheet(this.name, {
      views: [{ state: 'frozen', xSplit: this.freeze.xSplit, ySplit: this.freeze.ySplit }],
      pageSetup: pageSetup(this.landscape),
      headerFooter: HEADER_FOOTER,
    });
    // Number formats go on the column, not on each cell: exceljs then shares one style per column
    // instead of resolving a style object per cell (the slow part of big sheets).
    sheet.columns = this.columns.map((c, i) => {
      const numFmt = NUM_FMT[c.kind];
      return numFmt ? { width: this.columnWidth(i), style: { numFmt } } : { width: this.columnWidth(i) };
    });
    // headers too: a category named "@SUM(1+1)" becomes the 月度 sheet's header "@SUM(1+1)（次）"
    const header = sheet.addRow(this.columns.map((c) => cellText(c.header)));
    header.height = 24;
    header.eachCell((cell) => {
      cell.font = HEADER_STYLE.font;
      cell.fill = HEADER_STYLE.fill;
      cell.alignment = HEADER_STYLE.alignment;
      cell.border = HEADER_STYLE.border;
    });
    header.commit();
    this.sheet = sheet;
    for (const row of this.pending.splice(0)) this.write(row);
    return sheet;
  }

  /**
   * One style object per distinct style, shared by every cell that has it. exceljs
   * gives each new cell a fresh style object and, when writing it, renders that
   * object to XML to find its style id; a style object it has seen before is
   * looked up instead (a WeakMap). Same style, same id, same file: only faster.
   */
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  private styleOf(numFmt: string | undefined, wrap: boolean): Partial<ExcelJS.Style> {
    const key = `${numFmt ?? ''}\u0000${wrap ? 1 : 0}`;
    let style = this.styles.get(key);
    if (!style) {
      style = {};
      if (numFmt) style.numFmt = numFmt;
      if (wrap) style.alignment = { wrapText: true, vertical: 'top' };
      this.styles.set(key, style);
    }
    return style;
  }

  private write(cells: Prepared[]): void {
    const row = this.sheet!.addRow(cells.map((c) => c.value));
    let lines = 1;
    cells.forEach(({ value, kind }, i) => {
      // the column's number format (a blank cell keeps it too), ...
      let numFmt = NUM_FMT[this.columns[i]!.kind];
      let wrap = false;
      if (value !== null) {
        const fmt = NUM_FMT[kind];
        // ... unless the cell's kind differs from its column's (e.g. a percent in a summary column): it gets its own format
        if (fmt && numFmt !== fmt) numFmt = fmt;
        // Long or multi-line text wraps inside its (capped) column instead of running across the sheet.
        wrap = kind === 'text' && (String(value).includes('\n') || widestLine(String(value)) > this.columnWidth(i));
        if (wrap) lines = Math.max(lines, wrappedLines(String(value), this.columnWidth(i)));
      }
      row.getCell(i + 1).style = this.styleOf(numFmt, wrap);
    });
    // a spreadsheet does not grow a row for wrapped text by itself: the row is given its lines' height
    if (lines > 1) row.height = lines * LINE_HEIGHT;
    row.commit();
  }

  async commit(): Promise<void> {
    const sheet = this.sheet ?? this.open();
    await sheet.commit();
  }
}

async function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: Table): Promise<void> {
  const sheet = new SheetWriter(workbook, table.title, table.columns, { xSplit: 1, ySplit: 1 });
  for (const row of table.rows) sheet.add(row);
  await sheet.commit();
}

export interface XlsxInput {
  tally: Tally;
  /** the period's 审查程序 figures (procedures.figures) */
  procedures: ProcedureFigures;
  rows: readonly LedgerDetailRow[];
  generatedBy: string;
  /** the audit chain's anchor at the snapshot (anchors.ts anchorLine): the last line of 汇总 */
  anchor: string;
  onRow?: (done: number) => void;
}

export async function writeXlsx(file: string, input: XlsxInput): Promise<void> {
  const stream = fs.createWriteStream(file, { flags: 'wx' });
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    workbook.creator = input.generatedBy;
    workbook.created = new Date(input.tally.generatedAt);
    await writeSheets(workbook, input);
    await workbook.commit();
  } finally {
    // also on failure: Windows cannot delete the temp file while it is open
    await closeStream(stream);
  }
}

async function writeSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: XlsxInput): Promise<void> {
  const { tally } = input;
  const summary = summaryTable(tally);
  // Below the figures: the sentence and where the numbers come from.
  summary.rows.push(
    ['统计期间', `${tally.period.from} 至 ${tally.period.to}`, `${tally.previous.period.from} 至 ${tally.previous.period.to}`, null],
    ['统计口径', tally.scope === 'own' ? '本人承办的事项' : '全部事项', null, null],
    ['报告句式', tally.sentence.text, null, null],
    ['生成时间', `${instantAsLocalText(tally.generatedAt)}（北京时间）`, null, null],
    ['审计链锚点', input.anchor, null, null],
  );
  await writeTable(workbook, summary);
  await writeTable(workbook, categoryTable(tally));
  await writeTable(workbook, monthTable(tally));
  await writeTable(workbook, departmentTable(tally));
  await writeTable(workbook, counselTable(tally));
  await writeTable(workbook, procedureTable(input.procedures));
  const ledger = new SheetWriter(workbook, '明细台账', LEDGER_COLUMNS, { xSplit: 2, ySplit: 1 }, true);
  input.rows.forEach((row, i) => {
    ledger.add(LEDGER_COLUMNS.map((c) => c.value(row)));
    if ((i + 1) % 1_000 === 0) input.onRow?.(i + 1);
  });
  await ledger.commit();
}
