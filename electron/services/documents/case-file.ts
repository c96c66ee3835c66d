/**
 * The case file (卷宗) of an item (issue 21): one ZIP with, in the order an
 * archive files them, the request form, each round's opinion document followed
 * by the attachments of that round, the attachments of the item itself, the
 * history (办理过程记录), and the index 目录 (卷内目录) listing every file with
 * its number, title, date and name in the ZIP. Attachments keep their original
 * names (in 附件/, a second file of the same name gets （2）) and their bytes,
 * checked against their SHA-256. The history is a DOCX: plain Node has no PDF
 * writer, and the app does not ship one (its PDF comes from the desktop's
 * print path, which has no page for this).
 *
 * A year's case files: a folder with one such ZIP per item, by serial number,
 * and the year's 目录; written into a temporary folder and renamed when whole,
 * one item in memory at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, AlignmentType, BorderStyle } from 'docx';
import JSZip from 'jszip';
import { documentDate } from '#domain/documents';
import { HISTORY_EVENT_ZH, STATUS_ZH, zh } from '#domain/labels';
import type { ConsultationDetail } from '#domain/types';
import { attachmentBytes, listAttachments, writeFileAtomic } from '../attachments/attachments';
import { cleanAttachmentName } from '../attachments/file-name';
import { getConsultation } from '../consultations/read';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { instantAsLocalText } from '../reports/export/cells';
import { A4, BODY_FONT, CONTENT_WIDTH, FONT_TABLE, HEADING_FONT, MARGIN, TITLE_FONT } from '../reports/export/official-fonts';
import { opinionDocumentOf, requestFormOf } from './documents';

export interface CaseFileEntry {
  /** 1, 2, … in archive order */
  no: number;
  title: string;
  /** 2025年3月1日, or '' */
  date: string;
  /** the file's path inside the ZIP */
  path: string;
}

const cellRun = (text: string, header = false) => new TextRun({ text, font: header ? HEADING_FONT : BODY_FONT, size: 21 });
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A titled DOCX with one table (the index, the history), in the official style. */
async function tableDocument(title: string, subtitle: string, headers: string[], shares: number[], rows: string[][]): Promise<Buffer> {
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

/** 办理过程记录: every row of the item's status history, as entered. */
export function historyDocument(c: ConsultationDetail): Promise<Buffer> {
  const step = (h: ConsultationDetail['history'][number]): string =>
    h.toStatus in STATUS_ZH ? `${h.fromStatus ? `${zh(STATUS_ZH, h.fromStatus)} → ` : ''}${zh(STATUS_ZH, h.toStatus)}` : zh(HISTORY_EVENT_ZH, h.toStatus);
  return tableDocument(
    '办理过程记录',
    `${c.serialNo}\u3000${c.title}`,
    ['序号', '办理环节', '业务日期', '经办人', '说明', '录入时间'],
    [0.07, 0.2, 0.17, 0.13, 0.25, 0.18],
    c.history.map((h, i) => [String(i + 1), step(h), documentDate(h.businessOn), h.actorName, h.reason, instantAsLocalText(h.at)]),
  );
}

/** Names in 附件/ as the attachments were stored; a repeat gets （2）, （3） before its extension. */
function uniqueName(taken: Set<string>, name: string): string {
  let candidate = name;
  const ext = path.extname(name);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, name.length - ext.length)}（${n}）${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The files of the case file in archive order, with their bytes; the index is made from this list. */
export async function caseFileParts(ctx: ServiceContext, id: number): Promise<{ detail: ConsultationDetail; entries: CaseFileEntry[]; files: Map<string, Buffer> }> {
  const c = getConsultation(ctx, { id });
  const attachments = listAttachments(ctx, { consultationId: id });
  const entries: CaseFileEntry[] = [];
  const files = new Map<string, Buffer>();
  const names = new Set<string>();
  const add = (title: string, date: string, file: string, bytes: Buffer) => {
    const no = entries.length + 1;
    const at = `${String(no).padStart(2, '0')} ${file}`;
    entries.push({ no, title, date, path: at });
    files.set(at, bytes);
  };
  const addAttachment = (a: (typeof attachments)[number]) => {
    const at = `附件/${uniqueName(names, a.fileName)}`;
    entries.push({ no: entries.length + 1, title: `附件：${a.fileName}`, date: documentDate(a.createdAt.slice(0, 10)), path: at });
    files.set(at, attachmentBytes(ctx, a.id).data);
  };
  const request = await requestFormOf(ctx, c);
  add('法律顾问咨询提请单', documentDate(c.receivedOn), request.fileName, request.bytes);
  for (const a of attachments.filter((x) => x.opinionId === null)) addAttachment(a);
  for (const o of c.opinions) {
    const doc = await opinionDocumentOf(ctx, c, o);
    add(doc.fileName.replace(/\.docx$/, '').replace(`${c.serialNo} `, ''), documentDate(o.issuedOn), doc.fileName, doc.bytes);
    for (const a of attachments.filter((x) => x.opinionId === o.id)) addAttachment(a);
  }
  add('办理过程记录', documentDate(c.closedOn ?? c.history.at(-1)?.businessOn ?? null), cleanAttachmentName(`${c.serialNo} 办理过程记录.docx`), await historyDocument(c));
  return { detail: c, entries, files };
}

export const INDEX_NAME = '00 目录.docx';

/** The case file of item `id` as ZIP bytes: 00 目录.docx first, then the files in archive order. */
export async function caseFileZip(ctx: ServiceContext, id: number): Promise<{ fileName: string; bytes: Buffer; entries: CaseFileEntry[]; detail: ConsultationDetail }> {
  const { detail, entries, files } = await caseFileParts(ctx, id);
  const index = await tableDocument(
    '卷内目录',
    `${detail.serialNo}\u3000${detail.title}`,
    ['序号', '题名', '日期', '文件'],
    [0.08, 0.42, 0.18, 0.32],
    entries.map((e) => [String(e.no), e.title, e.date, e.path]),
  );
  const zip = new JSZip();
  zip.file(INDEX_NAME, index);
  for (const e of entries) zip.file(e.path, files.get(e.path)!);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
  return { fileName: cleanAttachmentName(`${detail.serialNo} 卷宗.zip`), bytes, entries, detail };
}

/** Write the case file of item `id` to `target` atomically. */
export async function writeCaseFile(ctx: ServiceContext, id: number, target: string): Promise<{ path: string; files: number; bytes: number }> {
  const zip = await caseFileZip(ctx, id);
  writeFileAtomic(target, zip.bytes);
  return { path: target, files: zip.entries.length + 1, bytes: zip.bytes.length };
}

/**
 * The case files of every item received in `year` that the caller may see, by
 * serial number: `<folder>/<year>年法律顾问咨询卷宗/` with 00 目录.docx and one
 * ZIP per item. Written whole or not at all (a temporary folder, renamed).
 */
export async function writeYearCaseFiles(ctx: ServiceContext, year: number, folder: string): Promise<{ path: string; items: number }> {
  const ids = ctx.ledger.sqlite
    .prepare('SELECT id FROM consultations WHERE serial_year = ? AND trashed_at IS NULL ORDER BY serial_seq')
    .pluck()
    .all(year) as number[];
  const target = path.join(folder, `${year}年法律顾问咨询卷宗`);
  if (fs.existsSync(target)) throw new AppError('CONFLICT', `所选文件夹中已有“${path.basename(target)}”，请另选文件夹或先移走它`);
  const temp = `${target}.partial-${process.pid}-${Date.now()}`;
  fs.mkdirSync(temp);
  try {
    const rows: string[][] = [];
    for (const id of ids) {
      let zip: Awaited<ReturnType<typeof caseFileZip>>;
      try {
        zip = await caseFileZip(ctx, id);
      } catch (error) {
        // a counsel's export holds their own items only
        if (error instanceof AppError && error.code === 'NOT_FOUND') continue;
        throw error;
      }
      fs.writeFileSync(path.join(temp, zip.fileName), zip.bytes, { flag: 'wx' });
      rows.push([String(rows.length + 1), zip.detail.serialNo, zip.detail.title, String(zip.entries.length), zip.fileName]);
    }
    fs.writeFileSync(path.join(temp, INDEX_NAME), await tableDocument('案卷目录', `${year}年法律顾问咨询卷宗`, ['序号', '编号', '事项名称', '件数', '文件'], [0.08, 0.2, 0.4, 0.08, 0.24], rows), { flag: 'wx' });
    fs.renameSync(temp, target);
    return { path: target, items: rows.length };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
