/**
 * Attachments (contract drafts, scans, Word, PDF) on a consultation or one of its
 * opinions. The bytes live inside SQLite, content-addressed by SHA-256
 * (attachment_blobs): they are in every backup, and an add commits with its row
 * and audit record in one transaction, so an interrupted add leaves nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInputOf } from '#contract/contract';
import { MAX_ATTACHMENT_BASE64, MAX_ATTACHMENT_BYTES, type Attachment } from '#domain/types';
import { reindexConsultation } from '../../../db/queries/search';
import { personNameSql } from '../../../db/queries/people';
import { appendAudit } from '../audit';
import { inWriteTransaction, type HostServices, type ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import { getConsultation, visibleCounselId } from '../consultations/read';
import { commitFile } from '../backup/files';
import { parseOffThread } from '../parse/run';
import { cleanAttachmentName } from './file-name';
import { extensionOf, isOpenableType, judgeFileType } from './file-type';
import { attachmentDamaged } from './integrity';

export function host(ctx: ServiceContext): HostServices {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持文件操作');
  return ctx.host;
}

const SELECT = `SELECT id, consultation_id AS consultationId, opinion_id AS opinionId, file_name AS fileName, mime_type AS mimeType,
  size, sha256, created_at AS createdAt, created_by AS createdBy, ${personNameSql('created_by')} AS createdByName, trashed_at AS trashedAt FROM attachments`;

type AttachmentRow = Omit<Attachment, 'openable'>;
const withOpenable = (row: AttachmentRow): Attachment => ({ ...row, openable: isOpenableType(row.fileName, row.mimeType) });
const selectOne = (ctx: ServiceContext, id: number): Attachment | undefined => {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as AttachmentRow | undefined;
  return row && withOpenable(row);
};

export function listAttachments(ctx: ServiceContext, input: ParsedInputOf<'attachments.list'>): Attachment[] {
  getConsultation(ctx, { id: input.consultationId }); // visibility
  const trashed = input.trashed ? 'IS NOT NULL' : 'IS NULL';
  return (ctx.ledger.sqlite.prepare(`${SELECT} WHERE consultation_id = ? AND trashed_at ${trashed} ORDER BY id`).all(input.consultationId) as AttachmentRow[]).map(withOpenable);
}

function getAttachment(ctx: ServiceContext, id: number): Attachment {
  const a = selectOne(ctx, id);
  if (!a) throw notFound('附件');
  try {
    getConsultation(ctx, { id: a.consultationId }); // visibility
  } catch (error) {
    // someone else's attachment looks exactly like a missing one
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('附件');
    throw error;
  }
  return a;
}

function sizeText(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function tooBig(fileName: string, bytes: number): AppError {
  return new AppError('VALIDATION', `文件“${fileName}”大小为 ${sizeText(bytes)}，超过单个附件 ${sizeText(MAX_ATTACHMENT_BYTES)} 的上限`);
}

/** The consultation (and opinion) may take an attachment now: checked before the upload's work and again in its transaction. */
function checkTarget(ctx: ServiceContext, consultationId: number, opinionId: number | null): void {
  const detail = getConsultation(ctx, { id: consultationId });
  if (detail.trashedAt) throw new AppError('INVALID_TRANSITION', '回收站中的事项不能添加附件');
  if (opinionId !== null && !detail.opinions.some((o) => o.id === opinionId)) throw notFound('法律意见');
}

/**
 * Store one file's bytes and its row, with the audit record and the search index, in one transaction.
 * The name is cleaned (file-name.ts), the type judged by content and extension (file-type.ts), the
 * text for search extracted on the parse worker; the consultation is checked again inside the
 * transaction, because it may have been trashed while the text was being extracted.
 */
async function addBytes(ctx: ServiceContext, consultationId: number, opinionId: number | null, rawName: string, data: Buffer): Promise<Attachment> {
  checkTarget(ctx, consultationId, opinionId);
  const fileName = cleanAttachmentName(rawName);
  if (data.length > MAX_ATTACHMENT_BYTES) throw tooBig(fileName, data.length);
  if (data.length === 0) throw new AppError('VALIDATION', `文件“${fileName}”是空文件`);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const mimeType = judgeFileType(fileName, data);
  const text = ['docx', 'txt'].includes(extensionOf(fileName)) ? await parseOffThread({ kind: 'text', fileName, bytes: data }) : null;
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    checkTarget(ctx, consultationId, opinionId);
    return storeAttachment(ctx, { consultationId, opinionId, fileName, mimeType, data, sha256, text });
  });
}

/**
 * The rows of one attachment (its bytes, content-addressed; its row; the search index; the
 * audit record). Call inside the caller's write transaction, after checking the target.
 */
export function storeAttachment(
  ctx: ServiceContext,
  a: { consultationId: number; opinionId: number | null; fileName: string; mimeType: string; data: Buffer; sha256: string; text: string | null },
): Attachment {
  const { sqlite } = ctx.ledger;
  sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data, extracted_text) VALUES (?, ?, ?, ?)').run(a.sha256, a.data.length, a.data, a.text);
  const { lastInsertRowid } = sqlite
    .prepare(
      `INSERT INTO attachments (consultation_id, opinion_id, file_name, mime_type, size, sha256, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.consultationId, a.opinionId, a.fileName, a.mimeType, a.data.length, a.sha256, ctx.now().toISOString(), ctx.caller.username);
  reindexConsultation(sqlite, a.consultationId);
  const created = selectOne(ctx, Number(lastInsertRowid))!;
  appendAudit(ctx, { action: 'attachments.add', entity: 'consultation', entityId: a.consultationId, after: created });
  return created;
}

/** Add from a path on this computer (file picker in the app; tests and the CLI). */
export async function addAttachmentFile(ctx: ServiceContext, consultationId: number, opinionId: number | null, file: string): Promise<Attachment> {
  const stat = fs.statSync(file);
  const name = path.basename(file);
  if (stat.size > MAX_ATTACHMENT_BYTES) throw tooBig(name, stat.size);
  return addBytes(ctx, consultationId, opinionId, name, fs.readFileSync(file));
}

export async function pickAndAdd(ctx: ServiceContext, input: ParsedInputOf<'attachments.pick'>): Promise<Attachment[]> {
  getConsultation(ctx, { id: input.consultationId });
  const files = await host(ctx).platform.chooseOpenPaths({ filters: [{ name: '所有文件', extensions: ['*'] }], multiple: true });
  const added: Attachment[] = [];
  for (const file of files) added.push(await addAttachmentFile(ctx, input.consultationId, input.opinionId ?? null, file));
  return added;
}

/** Add bytes the page read from a dropped file (a sandboxed page never sees paths). */
export function uploadAttachment(ctx: ServiceContext, input: ParsedInputOf<'attachments.upload'>): Promise<Attachment> {
  // the limit on the encoded length first (the contract checks it too), so nothing too big is decoded
  if (input.dataBase64.length > MAX_ATTACHMENT_BASE64) return Promise.reject(tooBig(input.fileName, Math.floor((input.dataBase64.length * 3) / 4)));
  const data = Buffer.from(input.dataBase64, 'base64');
  return addBytes(ctx, input.consultationId, input.opinionId ?? null, input.fileName, data);
}

/** An attachment's bytes, checked against their SHA-256: damaged bytes are an error, never handed out. */
export function attachmentBytes(ctx: ServiceContext, id: number): { attachment: Attachment; data: Buffer } {
  const attachment = getAttachment(ctx, id);
  const row = ctx.ledger.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').get(attachment.sha256) as { data: Buffer } | undefined;
  if (!row || createHash('sha256').update(row.data).digest('hex') !== attachment.sha256) throw attachmentDamaged(attachment.fileName);
  return { attachment, data: row.data };
}

/** Write bytes to `target` atomically: a temp name in the same folder, fsync, rename. */
export function writeFileAtomic(target: string, data: Buffer): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);
  try {
    fs.writeFileSync(tmp, data);
    commitFile(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export async function saveAttachmentAs(ctx: ServiceContext, input: ParsedInputOf<'attachments.saveAs'>): Promise<{ saved: boolean }> {
  const { attachment, data } = attachmentBytes(ctx, input.id);
  return saveCopyAs(ctx, attachment.fileName, data);
}

/** 另存为 for any stored file: where the person chooses in the save dialog. */
export async function saveCopyAs(ctx: ServiceContext, fileName: string, data: Buffer): Promise<{ saved: boolean }> {
  const target = await host(ctx).platform.chooseSavePath({ defaultName: fileName, filters: [] });
  if (!target) return { saved: false };
  writeFileAtomic(target, data);
  return { saved: true };
}

/** Where opened copies go, in the data folder; emptied at every start (clearOpenedCopies). */
export const openedDir = (dataDir: string): string => path.join(dataDir, 'opened');

/**
 * Open with the system's program: only a document or image whose bytes, judged again now, match
 * its extension (file-type.ts); anything else can only be saved (另存为). The copy is written
 * read-only to opened/<uuid>/ in the data folder (never the original bytes' only copy) and
 * removed at the next start.
 */
export async function openAttachment(ctx: ServiceContext, input: ParsedInputOf<'attachments.open'>): Promise<{ opened: boolean }> {
  const { attachment, data } = attachmentBytes(ctx, input.id);
  return openCopy(ctx, attachment.fileName, attachment.openable ? attachment.mimeType : null, data);
}

/**
 * 打开 for any stored file (an attachment; a material or an opinion's file at a counsel's desk):
 * only when its bytes, judged now, are the openable type its name says (`storedType`: the type
 * judged when it was stored, or null when none was); a read-only copy in opened/<uuid>/.
 */
export async function openCopy(ctx: ServiceContext, fileName: string, storedType: string | null, data: Buffer): Promise<{ opened: boolean }> {
  const h = host(ctx);
  const judged = judgeFileType(fileName, data);
  if (!isOpenableType(fileName, judged) || (storedType !== null && judged !== storedType)) {
    throw new AppError(
      'FORBIDDEN',
      `“${fileName}”不是本软件可直接打开的文档或图片类型（或其内容与扩展名不符），为防止运行其中可能含有的程序，不能直接打开。如确需查看，请使用“另存为”保存后，确认来源可靠再处理。`,
    );
  }
  const dir = path.join(openedDir(h.platform.dataDir), randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  writeFileAtomic(file, data);
  fs.chmodSync(file, 0o444);
  await h.platform.openFile(file);
  return { opened: true };
}

/** Remove the copies opened in earlier sessions (they are read-only: rm deals with that). */
export function clearOpenedCopies(dataDir: string): void {
  const dir = openedDir(dataDir);
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const copy = path.join(dir, entry);
    try {
      makeWritable(copy);
      fs.rmSync(copy, { recursive: true, force: true });
    } catch {
      // a copy still open in another program (Windows locks it): removed at a later start
    }
  }
}

function makeWritable(target: string): void {
  const stat = fs.lstatSync(target);
  if (stat.isDirectory()) {
    fs.chmodSync(target, 0o700);
    for (const entry of fs.readdirSync(target)) makeWritable(path.join(target, entry));
  } else if (stat.isFile()) fs.chmodSync(target, 0o600);
}

function setTrashed(ctx: ServiceContext, id: number, trashed: boolean): Attachment {
  const before = getAttachment(ctx, id);
  // Counsel change nothing but their own work: they may remove only what they attached.
  if (visibleCounselId(ctx) !== undefined && before.createdBy !== ctx.caller.username) {
    throw new AppError('FORBIDDEN', '只能移除您本人上传的附件');
  }
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    sqlite.prepare('UPDATE attachments SET trashed_at = ? WHERE id = ?').run(trashed ? ctx.now().toISOString() : null, id);
    reindexConsultation(sqlite, before.consultationId);
    const after = selectOne(ctx, id)!;
    appendAudit(ctx, { action: trashed ? 'attachments.remove' : 'attachments.restore', entity: 'consultation', entityId: before.consultationId, before, after });
    return after;
  });
}

export const removeAttachment = (ctx: ServiceContext, input: ParsedInputOf<'attachments.remove'>) => setTrashed(ctx, input.id, true);
export const restoreAttachment = (ctx: ServiceContext, input: ParsedInputOf<'attachments.restore'>) => setTrashed(ctx, input.id, false);
