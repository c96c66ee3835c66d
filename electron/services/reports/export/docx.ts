/**
 * The DOCX export: a section ready to paste into the annual report, in the
 * usual official-document style (GB/T 9704-2012): A4, margins 37/35/28/26 mm
 * (top/bottom/left/right), title 方正小标宋简体 二号, body 仿宋_GB2312 三号 (16 pt)
 * on a fixed 28 pt line with a two-character indent, headings 黑体, page numbers
 * "— 1 —" at the foot. Table columns are as wide as their content needs
 * (column-widths.ts): dates and numbers never break, titles get the room.
 * Fonts: every run names its East Asian font; the font table adds fallbacks
 * (方正小标宋简体 → 华文中宋, 仿宋_GB2312 → 仿宋, 黑体 → SimHei) for machines
 * without them (official-fonts.ts).
 */
import fs from 'node:fs';
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table as DocxTable, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions } from 'docx';
import type { Tally } from '#contract/reports-contract';
import { xmlSafe } from './cells';
import type { ProcedureFigures } from '#domain/procedures';
import { buildSections, type Block } from './docx-content';
import { isRatio, ratioText, type CellValue, type Table } from './tables';

import { BODY_FONT, BODY_LINE, CONTENT_WIDTH, HEADING_FONT, SIZE, TITLE_FONT, officialDocx } from './official-fonts';
import { columnWidths } from './column-widths';

const run = (text: string, options: Partial<IRunOptions> = {}): TextRun =>
  new TextRun({ text: xmlSafe(text), font: BODY_FONT, size: SIZE.body, ...options });

function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 560, line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: TITLE_FONT, size: SIZE.title })],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: BODY_LINE,
    indent: { firstLine: 640 },
    keepNext: true,
    children: [run(text, { font: HEADING_FONT })],
  });
}

function body(text: string): Paragraph {
  return new Paragraph({ spacing: BODY_LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: [run(text)] });
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  if (isRatio(value)) return ratioText(value);
  return String(value);
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableCell(text: string, header: boolean, width: number, alignRight: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { size: SIZE.table, ...(header ? { font: HEADING_FONT } : {}) })],
      }),
    ],
  });
}

/** Half an em of the table's font, in twips (SIZE is in half-points, a point is 20 twips). */
const UNIT = SIZE.table * 5;
const CELL_PADDING = 60;
/** per column: both paddings and a little room for the font's own spacing */
const COLUMN_ROOM = 2 * CELL_PADDING + 40;

/** Widths from the content (column-widths.ts), in twips, summing to the text width. */
export function tableWidths(t: Table): number[] {
  const units = columnWidths(
    t.columns.map((c, i) => ({ texts: [c.header, ...t.rows.map((r) => cellText(r[i] ?? null))], wraps: c.kind === 'text' })),
    (CONTENT_WIDTH - t.columns.length * COLUMN_ROOM) / UNIT,
  );
  const widths = units.map((u) => Math.floor(u * UNIT) + COLUMN_ROOM);
  widths[widths.length - 1]! += CONTENT_WIDTH - widths.reduce((s, w) => s + w, 0);
  return widths;
}

function table(t: Table): DocxTable {
  const widths = tableWidths(t);
  return new DocxTable({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => tableCell(c.header, true, widths[i]!, false)) }),
      ...t.rows.map(
        (r) => new TableRow({ cantSplit: true, children: t.columns.map((c, i) => tableCell(cellText(r[i] ?? null), false, widths[i]!, c.kind !== 'text')) }),
      ),
    ],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [run(text, { font: HEADING_FONT, size: SIZE.table })],
  });
}

function render(block: Block, tableNo: () => number): (Paragraph | DocxTable)[] {
  switch (block.type) {
    case 'title':
      return [title(block.text)];
    case 'heading':
      return [heading(block.text)];
    case 'paragraph':
      return [body(block.text)];
    case 'table':
      return [caption(`表${tableNo()}\u3000${block.table.caption ?? block.table.title}`), table(block.table), new Paragraph({ spacing: { after: 120 }, children: [] })];
  }
}

/** anchor: the audit chain's anchor at the snapshot (anchors.ts anchorLine), in the document's properties (备注), out of the printed report */
export async function writeDocx(file: string, tally: Tally, procedures: ProcedureFigures, creator: string, anchor: string): Promise<void> {
  await writeBlocksDocx(file, { creator, description: `审计链锚点：${anchor}`, title: `${tally.period.label}法律顾问工作情况` }, buildSections(tally, procedures));
}

/** Any document of plain blocks in the official-document style above (the report's section, the 考核表). */
export async function writeBlocksDocx(file: string, meta: { creator: string; description: string; title: string }, blocks: readonly Block[]): Promise<void> {
  let tables = 0;
  const buffer = await officialDocx(meta, blocks.flatMap((block) => render(block, () => (tables += 1))));
  fs.writeFileSync(file, buffer, { flag: 'wx' });
}
