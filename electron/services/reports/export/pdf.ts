/**
 * 导出 PDF: the report view as the user sees it, through its print stylesheet.
 * The page is rendered by the desktop (Electron's webContents.printToPDF in the
 * app), which is why it comes through the platform adapter; this side asks
 * where to save and writes the bytes atomically.
 */
import fs from 'node:fs';
import { auditHead } from '../../audit';
import { anchorLine } from '../../backup/anchors';
import { AppError } from '../../errors';
import type { ServiceContext } from '../../context';
import type { PdfPrintOptions, PlatformAdapter } from '../../platform';
import { resolvePeriod, type PeriodInput } from '../period';
import { writeAtomically } from './atomic';

/** e.g. 2025年法律顾问咨询工作统计.pdf: the title the printed report carries. */
export function defaultPdfName(input: PeriodInput): string {
  return `${resolvePeriod(input).label}法律顾问咨询工作统计.pdf`;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Every page's foot: 第 N 页 共 M 页, and the audit chain's anchor at the moment
 * of printing (backup/anchors.ts anchorLine), so a printed or sent report is
 * evidence a person can compare with the audit log later, like the XLSX and DOCX
 * exports. Chromium fills .pageNumber and .totalPages; the template has its own
 * styles (it is rendered apart from the page).
 */
function pdfFooterTemplate(anchor: string): string {
  const font = `font-family:'Noto Sans CJK SC','Microsoft YaHei','SimSun',sans-serif;color:#555;`;
  return (
    `<div style="${font}width:100%;text-align:center;font-size:8pt;line-height:1.5;">` +
    `<div>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>` +
    `<div style="font-size:6pt;">审计链锚点：${escapeHtml(anchor)}</div>` +
    `</div>`
  );
}

/**
 * The page size and margins from the print stylesheet (@page), and the footer
 * in its bottom margin; the names are those Electron's webContents.printToPDF and
 * Chromium's printToPDF (the browser harness) share.
 */
export function pdfPrintOptions(anchor: string): PdfPrintOptions {
  return {
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: pdfFooterTemplate(anchor),
  };
}

export async function saveReportPdf(
  ctx: ServiceContext,
  platform: Pick<PlatformAdapter, 'chooseSavePath' | 'printToPdf'>,
  input: PeriodInput,
): Promise<{ path: string; bytes: number } | null> {
  if (!platform.printToPdf) throw new AppError('INVALID_TRANSITION', '当前运行环境不能导出 PDF，请使用“打印”');
  const path = await platform.chooseSavePath({ defaultName: defaultPdfName(input), filters: [{ name: 'PDF 文档', extensions: ['pdf'] }] });
  if (path === null) return null;
  const pdf = await platform.printToPdf(pdfPrintOptions(anchorLine(auditHead(ctx.ledger.sqlite))));
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('printToPdf did not return a PDF');
  const bytes = await writeAtomically(path, async (temp) => fs.writeFileSync(temp, pdf, { flag: 'wx' }));
  return { path, bytes };
}
