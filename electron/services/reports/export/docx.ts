/**
 * The DOCX export: a section ready to paste into the annual report, in the
 * usual official-document style (GB/T 9704-2012): A4, margins 37/35/28/26 mm
 * (top/bottom/left/right), body 仿宋_GB2312 三号 (16 pt) on a fixed 28 pt line with a
 * two-character indent, headings 黑体, page numbers "— 1 —" at the foot.
 * Fonts: every run names its East Asian font; the font table adds fallbacks
 * (仿宋_GB2312 → 仿宋, 黑体 → SimHei) for machines without the GB2312 fonts.
 */
import fs from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Tally } from '#contract/reports-contract';
import { xmlSafe } from './cells';
import { buildSections, type Block } from './docx-content';
import { isRatio, ratioText, type CellValue, type Table } from './tables';

const MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * MM);
const A4 = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const LATIN = 'Times New Roman';
const BODY_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '仿宋_GB2312', hint: 'eastAsia' };
const HEADING_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '黑体', hint: 'eastAsia' };
/** half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt */
const SIZE = { title: 44, body: 32, table: 24 };
const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

const run = (text: string, options: Partial<IRunOptions> = {}): TextRun =>
  new TextRun({ text: xmlSafe(text), font: BODY_FONT, size: SIZE.body, ...options });

function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 560, line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: HEADING_FONT, size: SIZE.title })],
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
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { size: SIZE.table, ...(header ? { font: HEADING_FONT } : {}) })],
      }),
    ],
  });
}

function table(t: Table): DocxTable {
  // The first column carries names and gets the most room; the figures share the rest.
  const first = t.columns.length > 1 ? Math.round(CONTENT_WIDTH * 0.34) : CONTENT_WIDTH;
  const rest = t.columns.length > 1 ? Math.floor((CONTENT_WIDTH - first) / (t.columns.length - 1)) : 0;
  const widths = t.columns.map((_, i) => (i === 0 ? first : rest));
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
export async function writeDocx(file: string, tally: Tally, creator: string, anchor: string): Promise<void> {
  await writeBlocksDocx(file, { creator, description: `审计链锚点：${anchor}`, title: `${tally.period.label}法律顾问工作情况` }, buildSections(tally));
}

/** Any document of plain blocks in the official-document style above (the report's section, the 考核表). */
export async function writeBlocksDocx(file: string, meta: { creator: string; description: string; title: string }, blocks: readonly Block[]): Promise<void> {
  let tables = 0;
  const doc = new Document({
    ...meta,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, header: twips(15), footer: twips(18) } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: 28 })],
              }),
            ],
          }),
        },
        children: blocks.flatMap((block) => render(block, () => (tables += 1))),
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
  fs.writeFileSync(file, buffer, { flag: 'wx' });
}
