/**
 * 办理过程记录, the history of an item in its case file (case-file.ts), and the
 * titled one-table DOCX the case file's indexes share.
 *
 * The history is printed to PDF through the print path the host offers
 * (platform.printHtmlToPdf: Electron's webContents.printToPDF in the app,
 * headless Chromium in the e2e tests), from an HTML page made here, with
 * the same footer as the report's PDF (page numbers and the audit chain's
 * anchor). Where nothing can print (the CLI) it is written as a DOCX, and its
 * title in the 目录 says so.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { documentDate } from '#domain/documents';
import { HISTORY_EVENT_ZH, STATUS_ZH, zh } from '#domain/labels';
import type { ConsultationDetail } from '#domain/types';
import { auditHead } from '../audit';
import { anchorLine } from '../backup/anchors';
import type { ServiceContext } from '../context';
import { instantAsLocalText } from '../reports/export/cells';
import { pdfPrintOptions } from '../reports/export/pdf';
import { A4, BODY_FONT, CONTENT_WIDTH, FONT_TABLE, HEADING_FONT, MARGIN, TITLE_FONT } from '../reports/export/official-fonts';

const cellRun = (text: string, header = false) => new TextRun({ text, font: header ? HEADING_FONT : BODY_FONT, size: 21 });
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A titled DOCX with one table (the index, the history), in the official style. */
export async function tableDocument(title: string, subtitle: string, headers: string[], shares: number[], rows: string[][]): Promise<Buffer> {
  const widths = shares.map((s) => Math.floor(CONTENT_WIDTH * s));
  const row = (cells: string[], header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, margins: { left: 80, right: 80, top: 40, bottom: 40 }, children: c.split('\n').map((line) => new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [cellRun(line, header)] })) })),
    });
  const doc = new Document({
    creator: '法律顾问咨询台账',
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: title, font: TITLE_FONT, size: 44 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: subtitle, font: BODY_FONT, size: 28 })] }),
          new Table({
            width: { size: CONTENT_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
            rows: [row(headers, true), ...rows.map((r) => row(r))],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

const HEADERS = ['序号', '办理环节', '业务日期', '经办人', '说明', '录入时间'];
const SHARES = [0.07, 0.2, 0.17, 0.13, 0.25, 0.18];

/** One row per entry of the item's status history, as entered. */
function historyRows(c: ConsultationDetail): string[][] {
  const step = (h: ConsultationDetail['history'][number]): string =>
    h.toStatus in STATUS_ZH ? `${h.fromStatus ? `${zh(STATUS_ZH, h.fromStatus)} → ` : ''}${zh(STATUS_ZH, h.toStatus)}` : zh(HISTORY_EVENT_ZH, h.toStatus);
  return c.history.map((h, i) => [String(i + 1), step(h), documentDate(h.businessOn), h.actorName, h.reason, instantAsLocalText(h.at)]);
}

/** 办理过程记录 as a DOCX (where nothing can print a PDF). */
export function historyDocument(c: ConsultationDetail): Promise<Buffer> {
  return tableDocument('办理过程记录', `${c.serialNo}\u3000${c.title}`, HEADERS, SHARES, historyRows(c));
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** 办理过程记录 as a page for the print path: A4 portrait, the official fonts with fallbacks, no script. */
export function historyHtml(c: ConsultationDetail): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) => `<${tag} class="c${i}">${escapeHtml(text).replace(/\n/g, '<br>')}</${tag}>`;
  const body = historyRows(c)
    .map((r) => `<tr>${r.map((t, i) => cell('td', t, i)).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>办理过程记录</title>
<style>
@page { size: A4 portrait; margin: 25mm 20mm 22mm; }
body { margin: 0; font-family: 'FangSong', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif; font-size: 10.5pt; color: #000; }
h1 { font-family: 'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'SimSun', 'Noto Serif CJK SC', serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 4mm; }
.sub { text-align: center; font-size: 14pt; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
/* 序号, 办理环节, 业务日期 (never broken), 经办人, 说明, 录入时间 (broken after the date) */
.c0 { width: 6%; text-align: center; } .c1 { width: 25%; } .c2 { width: 18%; white-space: nowrap; } .c3 { width: 11%; } .c4 { width: 24%; } .c5 { width: 16%; }
th { font-family: 'SimHei', 'Noto Sans CJK SC', sans-serif; font-weight: normal; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
</style></head>
<body>
<h1>办理过程记录</h1>
<p class="sub">${escapeHtml(`${c.serialNo}\u3000${c.title}`)}</p>
<table><thead><tr>${HEADERS.map((h, i) => cell('th', h, i)).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}

/**
 * The history as the case file holds it: a PDF printed by the host, or where the
 * host cannot print, the DOCX, titled so in the 目录.
 */
export async function historyFile(ctx: ServiceContext, c: ConsultationDetail): Promise<{ title: string; fileName: string; bytes: Buffer }> {
  const print = ctx.host?.platform.printHtmlToPdf;
  if (!print) return { title: '办理过程记录（Word 文档：本环境不能生成 PDF）', fileName: '办理过程记录.docx', bytes: await historyDocument(c) };
  const pdf = await print.call(ctx.host!.platform, historyHtml(c), pdfPrintOptions(anchorLine(auditHead(ctx.ledger.sqlite))));
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('printHtmlToPdf did not return a PDF');
  return { title: '办理过程记录', fileName: '办理过程记录.pdf', bytes: pdf };
}
