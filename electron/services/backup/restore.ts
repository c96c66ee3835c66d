/**
 * Restore a backup over the live database, all or nothing: the new file is
 * prepared under a temporary name and renamed over the live one, so the live
 * path holds either the old database or the new one at every instant. The
 * replaced database is kept as a 'pre-restore' backup first.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, checkBackupFile, createBackup, type BackupInfo } from './backup';
import { commitFile } from './files';
import { walLooksValid } from '../../../db/open';
import { existingAuditKey, type AuditKeyState } from '../audit-key';
import { auditHead, KEYED_SINCE_SCHEMA_VERSION } from '../audit';
import { verifyRecord } from '../record-check';
import { readAnchorOf } from './anchors';
import { schemaProblem } from './schema-check';

export interface RestoreResult {
  restoredFrom: string;
  /** the copy of the database that was replaced (absent when there was none) */
  replacedCopy: string | null;
}

export interface RestoreOptions {
  /** the key of the live database's audit chain (the app's, from safeStorage); default: the key file beside it, if any */
  keyState?: AuditKeyState;
}

/**
 * Whether a checked backup may replace the live database: exactly the ledger's
 * schema of its version (schema-check.ts), and an audit chain that verifies
 * with this installation's key (an unkeyed chain only from a version before
 * the keyed chain, KEYED_SINCE_SCHEMA_VERSION; it is carried over when the app
 * opens it).
 */
function refusalOf(file: string, keyState: AuditKeyState): string | null {
  const schema = schemaProblem(file);
  if (schema) return `数据库结构不完整或被改动：${schema}`;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // The anchor written beside it when it was taken: the file must still end where it ended then.
    const anchor = readAnchorOf(file);
    if (anchor) {
      const head = auditHead(db);
      if (head.count !== anchor.count || head.lastId !== anchor.lastId || head.head !== anchor.head) {
        return '审计记录与备份时记下的不同（备份文件被改动过）';
      }
    }
    // an earlier version's unkeyed chain is carried over when the app opens it; at a later version it was rewritten
    const version = db.pragma('user_version', { simple: true }) as number;
    const chain = verifyRecord(db, { keyState, acceptUnkeyed: version < KEYED_SINCE_SCHEMA_VERSION });
    return chain.ok ? null : `审计记录校验未通过：${chain.problem}`;
  } finally {
    db.close();
  }
}

/** The caller must have closed its own connection to `liveFile` first. */
export function restoreDatabase(liveFile: string, backupFile: string, backupDir: string, now: Date, options: RestoreOptions = {}): RestoreResult {
  const check = checkBackupFile(backupFile);
  if (!check.ok) throw new BackupError(`该备份不能用于恢复：${check.problem}`);
  const refusal = refusalOf(backupFile, options.keyState ?? existingAuditKey(liveFile));
  if (refusal) throw new BackupError(`该备份不能用于恢复：${refusal}`);

  const tmp = `${liveFile}.restoring`;
  fs.rmSync(tmp, { force: true });
  try {
    fs.copyFileSync(backupFile, tmp);
    const again = checkBackupFile(tmp);
    if (!again.ok) throw new BackupError(`复制后的备份校验失败：${again.problem}`);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error instanceof BackupError ? error : new BackupError(`恢复失败，原数据库未改动：${(error as Error).message}`, { cause: error });
  }
  // Only now, with the new file ready beside it, is the old one copied (or moved) aside.
  // If that fails (a full disk while copying the old one aside), the prepared file goes too.
  let replacedCopy: string | null;
  try {
    replacedCopy = keepReplaced(liveFile, backupDir, now);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  // Leftover -wal/-shm belong to the old file; SQLite would replay them into the new one.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${liveFile}${suffix}`, { force: true });
  try {
    commitFile(tmp, liveFile);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  return { restoredFrom: backupFile, replacedCopy };
}

function keepReplaced(liveFile: string, backupDir: string, now: Date): string | null {
  if (!fs.existsSync(liveFile)) return null;
  const live = checkBackupFile(liveFile);
  if (live.ok && walLooksValid(liveFile)) {
    // Fold the WAL into the file so the copy and the rename see everything.
    const db = new Database(liveFile);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      const info: BackupInfo = createBackup(db, backupDir, 'pre-restore', now);
      return info.file;
    } finally {
      db.close();
    }
  }
  // A damaged live file is never overwritten or deleted: it is moved aside byte for byte.
  fs.mkdirSync(backupDir, { recursive: true });
  const aside = path.join(backupDir, `damaged-${now.toISOString().replace(/[-:.]/g, '')}-${path.basename(liveFile)}`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${liveFile}${suffix}`)) fs.renameSync(`${liveFile}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}
