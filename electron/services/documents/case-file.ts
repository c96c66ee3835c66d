/**
 * The case file (卷宗) of an item (issue 21): one ZIP with, in the order an
 * archive files them, the request form, each round's opinion document followed
 * by the attachments of that round, the attachments of the item itself, the
 * history (办理过程记录), and the index 目录 (卷内目录) listing every file with
 * its number, title, date and name in the ZIP. Attachments keep their original
 * names (in 附件/, a second file of the same name gets （2）) and their bytes,
 * checked against their SHA-256. The history is a PDF through the print path
 * the host offers (history.ts); where there is none (the CLI) it is a DOCX,
 * named so in the 目录.
 *
 * A year's case files: a folder with one such ZIP per item, by serial number,
 * and the year's 目录; written into a temporary folder and renamed when whole,
 * one item in memory at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { documentDate } from '#domain/documents';
import type { ConsultationDetail } from '#domain/types';
import { attachmentBytes, listAttachments, writeFileAtomic } from '../attachments/attachments';
import { cleanAttachmentName } from '../attachments/file-name';
import { getConsultation } from '../consultations/read';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { opinionDocumentOf, requestFormOf } from './documents';
import { historyFile, tableDocument } from './history';

export interface CaseFileEntry {
  /** 1, 2, … in archive order */
  no: number;
  title: string;
  /** 2025年3月1日, or '' */
  date: string;
  /** the file's path inside the ZIP */
  path: string;
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
  const history = await historyFile(ctx, c);
  add(history.title, documentDate(c.closedOn ?? c.history.at(-1)?.businessOn ?? null), cleanAttachmentName(`${c.serialNo} ${history.fileName}`), history.bytes);
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
export async function writeYearCaseFiles(ctx: ServiceContext, year: number, folder: string, onProgress?: (done: number, total: number) => void): Promise<{ path: string; items: number }> {
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
    for (const [done, id] of ids.entries()) {
      onProgress?.(done, ids.length);
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
    onProgress?.(ids.length, ids.length);
    fs.writeFileSync(path.join(temp, INDEX_NAME), await tableDocument('案卷目录', `${year}年法律顾问咨询卷宗`, ['序号', '编号', '事项名称', '件数', '文件'], [0.08, 0.2, 0.4, 0.08, 0.24], rows), { flag: 'wx' });
    fs.renameSync(temp, target);
    return { path: target, items: rows.length };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
