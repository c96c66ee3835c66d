/**
 * 导出 PDF: the report view as the user sees it, through its print stylesheet.
 * The page is rendered by the desktop (Electron's webContents.printToPDF in the
 * app), which is why it comes through the platform adapter; this side asks
 * where to save and writes the bytes atomically.
 */
import fs from 'node:fs';
import { AppError } from '../../errors';
import type { ServiceContext } from '../../context';
import type { PlatformAdapter } from '../../platform';
import { resolvePeriod, type PeriodInput } from '../period';
import { writeAtomically } from './atomic';

/** e.g. 2025年法律顾问咨询工作统计.pdf: the title the printed report carries. */
export function defaultPdfName(input: PeriodInput): string {
  return `${resolvePeriod(input).label}法律顾问咨询工作统计.pdf`;
}

export async function saveReportPdf(
  _ctx: ServiceContext,
  platform: Pick<PlatformAdapter, 'chooseSavePath' | 'printToPdf'>,
  input: PeriodInput,
): Promise<{ path: string; bytes: number } | null> {
  if (!platform.printToPdf) throw new AppError('INVALID_TRANSITION', '当前运行环境不能导出 PDF，请使用“打印”');
  const path = await platform.chooseSavePath({ defaultName: defaultPdfName(input), filters: [{ name: 'PDF 文档', extensions: ['pdf'] }] });
  if (path === null) return null;
  const pdf = await platform.printToPdf();
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('printToPdf did not return a PDF');
  const bytes = await writeAtomically(path, async (temp) => fs.writeFileSync(temp, pdf, { flag: 'wx' }));
  return { path, bytes };
}
