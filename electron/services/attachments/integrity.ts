/**
 * Attachment bytes against their SHA-256 (finding 7 of issue 19): on every
 * read (attachments.ts attachmentBytes: open, save as), in `verify`
 * (verifyAttachmentBytes, called by the CLI's verify) and in every backup
 * (backup.ts, on the copy). A mismatch is a clear error; the wrong bytes are
 * never written anywhere.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../errors';

export const attachmentDamaged = (fileName: string): AppError =>
  new AppError(
    'INTERNAL',
    `附件“${fileName}”的内容已损坏（与保存时的校验值 SHA-256 不符），未写出任何文件。请从最近的备份恢复，或重新上传该附件。`,
  );

export const damagedAttachmentText = (name: string): string => `附件“${name}”的内容与其 SHA-256 校验值不符（内容已损坏）`;

export interface AttachmentBytesCheck {
  ok: boolean;
  /** blobs hashed */
  checked: number;
  /** the first damaged one, with an attachment name that uses it */
  problem: string | null;
}

/** Hash every stored attachment's bytes, one at a time, and name the first that does not match. */
export function verifyAttachmentBytes(sqlite: Database.Database): AttachmentBytesCheck {
  const rows = sqlite
    .prepare(
      `SELECT b.sha256, b.data, (SELECT a.file_name FROM attachments a WHERE a.sha256 = b.sha256 ORDER BY a.id LIMIT 1) AS fileName
       FROM attachment_blobs b ORDER BY b.sha256`,
    )
    .iterate() as IterableIterator<{ sha256: string; data: Buffer; fileName: string | null }>;
  let checked = 0;
  for (const row of rows) {
    if (createHash('sha256').update(row.data).digest('hex') !== row.sha256) {
      return { ok: false, checked, problem: damagedAttachmentText(row.fileName ?? row.sha256) };
    }
    checked += 1;
  }
  return { ok: true, checked, problem: null };
}
