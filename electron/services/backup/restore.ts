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

export interface RestoreResult {
  restoredFrom: string;
  /** the copy of the database that was replaced (absent when there was none) */
  replacedCopy: string | null;
}

/** The caller must have closed its own connection to `liveFile` first. */
export function restoreDatabase(liveFile: string, backupFile: string, backupDir: string, now: Date): RestoreResult {
  const check = checkBackupFile(backupFile);
  if (!check.ok) throw new BackupError(`该备份不能用于恢复：${check.problem}`);

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
  const replacedCopy = keepReplaced(liveFile, backupDir, now);
  // Leftover -wal/-shm belong to the old file; SQLite would replay them into the new one.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${liveFile}${suffix}`, { force: true });
  commitFile(tmp, liveFile);
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
