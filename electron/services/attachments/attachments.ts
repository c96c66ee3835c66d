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
import type { Attachment } from '#domain/types';
import { reindexConsultation } from '../../../db/queries/search';
import { appendAudit } from '../audit';
import { inWriteTransaction, type HostServices, type ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import { getConsultation, visibleCounselId } from '../consultations/read';
import { commitFile } from '../backup/files';
import { extractText } from './text';

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  wps: 'application/vnd.ms-works',
  ofd: 'application/ofd',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  zip: 'application/zip',
};

function host(ctx: ServiceContext): HostServices {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持文件操作');
  return ctx.host;
}

const SELECT = `SELECT id, consultation_id AS consultationId, opinion_id AS opinionId, file_name AS fileName, mime_type AS mimeType,
  size, sha256, created_at AS createdAt, created_by AS createdBy, trashed_at AS trashedAt FROM attachments`;

export function listAttachments(ctx: ServiceContext, input: ParsedInputOf<'attachments.list'>): Attachment[] {
  getConsultation(ctx, { id: input.consultationId }); // visibility
  const trashed = input.trashed ? 'IS NOT NULL' : 'IS NULL';
  return ctx.ledger.sqlite.prepare(`${SELECT} WHERE consultation_id = ? AND trashed_at ${trashed} ORDER BY id`).all(input.consultationId) as Attachment[];
}

function getAttachment(ctx: ServiceContext, id: number): Attachment {
  const a = ctx.ledger.sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as Attachment | undefined;
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

/** Store one file's bytes and its row, with the audit record and the search index, in one transaction. */
async function addBytes(ctx: ServiceContext, consultationId: number, opinionId: number | null, fileName: string, data: Buffer): Promise<Attachment> {
  const detail = getConsultation(ctx, { id: consultationId });
  if (detail.trashedAt) throw new AppError('INVALID_TRANSITION', '回收站中的事项不能添加附件');
  if (opinionId !== null && !detail.opinions.some((o) => o.id === opinionId)) throw notFound('法律意见');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('VALIDATION', `文件“${fileName}”大小为 ${sizeText(data.length)}，超过单个附件 ${sizeText(MAX_ATTACHMENT_BYTES)} 的上限`);
  }
  if (data.length === 0) throw new AppError('VALIDATION', `文件“${fileName}”是空文件`);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const text = await extractText(fileName, data);
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data, extracted_text) VALUES (?, ?, ?, ?)').run(sha256, data.length, data, text);
    const { lastInsertRowid } = sqlite
      .prepare(
        `INSERT INTO attachments (consultation_id, opinion_id, file_name, mime_type, size, sha256, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(consultationId, opinionId, fileName, MIME[ext] ?? 'application/octet-stream', data.length, sha256, ctx.now().toISOString(), ctx.caller.username);
    reindexConsultation(sqlite, consultationId);
    const created = sqlite.prepare(`${SELECT} WHERE id = ?`).get(Number(lastInsertRowid)) as Attachment;
    appendAudit(ctx, { action: 'attachments.add', entity: 'consultation', entityId: consultationId, after: created });
    return created;
  });
}

/** Add from a path on this computer (file picker in the app; tests and the CLI). */
export async function addAttachmentFile(ctx: ServiceContext, consultationId: number, opinionId: number | null, file: string): Promise<Attachment> {
  const stat = fs.statSync(file);
  const name = path.basename(file);
  if (stat.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError('VALIDATION', `文件“${name}”大小为 ${sizeText(stat.size)}，超过单个附件 ${sizeText(MAX_ATTACHMENT_BYTES)} 的上限`);
  }
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
  const data = Buffer.from(input.dataBase64, 'base64');
  return addBytes(ctx, input.consultationId, input.opinionId ?? null, input.fileName, data);
}

export function attachmentBytes(ctx: ServiceContext, id: number): { attachment: Attachment; data: Buffer } {
  const attachment = getAttachment(ctx, id);
  const row = ctx.ledger.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').get(attachment.sha256) as { data: Buffer };
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
  const target = await host(ctx).platform.chooseSavePath({ defaultName: attachment.fileName, filters: [] });
  if (!target) return { saved: false };
  writeFileAtomic(target, data);
  return { saved: true };
}

/** Open with the system's program: a copy goes to a temp folder in the data folder, never the original bytes' only copy. */
export async function openAttachment(ctx: ServiceContext, input: ParsedInputOf<'attachments.open'>): Promise<{ opened: boolean }> {
  const h = host(ctx);
  const { attachment, data } = attachmentBytes(ctx, input.id);
  const dir = path.join(h.platform.dataDir, 'opened', randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, attachment.fileName.replace(/[\\/:*?"<>|]/g, '_'));
  writeFileAtomic(file, data);
  await h.platform.openFile(file);
  return { opened: true };
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
    const after = sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as Attachment;
    appendAudit(ctx, { action: trashed ? 'attachments.remove' : 'attachments.restore', entity: 'consultation', entityId: before.consultationId, before, after });
    return after;
  });
}

export const removeAttachment = (ctx: ServiceContext, input: ParsedInputOf<'attachments.remove'>) => setTrashed(ctx, input.id, true);
export const restoreAttachment = (ctx: ServiceContext, input: ParsedInputOf<'attachments.restore'>) => setTrashed(ctx, input.id, false);
