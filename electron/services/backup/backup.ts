/**
 * Backups of the ledger: written with VACUUM INTO to a temporary name, fsynced,
 * checked with integrity_check, then renamed. A backup on disk under its final
 * name is always complete and verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../db/open';
import { shanghaiDay } from '../../api/dates';
import type { BackupRotation } from '../../api/types';
import { isDiskFull } from '../errors';
import { commitFile } from './files';

export type BackupKind = 'auto' | 'manual' | 'pre-restore' | 'pre-migration';

export interface BackupInfo {
  file: string;
  name: string;
  kind: BackupKind;
  /** ISO instant the backup was taken */
  takenAt: string;
  size: number;
}

const NAME_RE = /^ledger-(\d{8}T\d{6}(?:\d{3})?Z)-(auto|manual|pre-restore|pre-migration)\.sqlite3$/;

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(s: string): string {
  // 20250101T020304567Z -> 2025-01-01T02:03:04.567Z
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(s)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z`;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** Why a backup failed on a full disk; the partial file has been removed by then. */
export const BACKUP_DISK_FULL_MESSAGE =
  '备份未完成：备份文件夹所在的磁盘空间已满，未留下不完整的备份文件，台账数据不受影响。请清理磁盘空间后重试。';

export interface BackupCheck {
  ok: boolean;
  schemaVersion: number;
  consultations: number;
  problem: string | null;
}

/** Is this file a complete, uncorrupted ledger this version can open? Opened read-only. */
export function checkBackupFile(file: string): BackupCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, schemaVersion: 0, consultations: 0, problem: `完整性检查未通过：${String(integrity)}` };
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) return { ok: false, schemaVersion: 0, consultations: 0, problem: '该文件不是本软件的台账数据库' };
    if (version > SCHEMA_VERSION) {
      return { ok: false, schemaVersion: version, consultations: 0, problem: `该备份来自较新版本的软件（结构版本 ${version}），请先升级软件` };
    }
    const n = db.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
    return { ok: true, schemaVersion: version, consultations: n, problem: null };
  } catch (error) {
    return { ok: false, schemaVersion: 0, consultations: 0, problem: `无法读取该文件：${(error as Error).message}` };
  } finally {
    db?.close();
  }
}

export function createBackup(sqlite: Database.Database, dir: string, kind: BackupKind, now: Date): BackupInfo {
  fs.mkdirSync(dir, { recursive: true });
  const name = `ledger-${stamp(now)}-${kind}.sqlite3`;
  const finalPath = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.partial`);
  fs.rmSync(tmp, { force: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    const check = checkBackupFile(tmp);
    if (!check.ok) throw new BackupError(`备份校验失败：${check.problem}`);
    commitFile(tmp, finalPath);
  } catch (error) {
    removePartial(tmp);
    if (error instanceof BackupError) throw error;
    // the cause is kept: the router and the CLI tell a full disk (SQLITE_FULL, ENOSPC) apart by it
    const message = isDiskFull(error) ? BACKUP_DISK_FULL_MESSAGE : `备份失败：${(error as Error).message}`;
    throw new BackupError(message, { cause: error });
  }
  return { file: finalPath, name, kind, takenAt: now.toISOString(), size: fs.statSync(finalPath).size };
}

/** The temp file of a failed backup, and any journal SQLite left beside it. */
function removePartial(tmp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = NAME_RE.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    out.push({ file, name, kind: m[2] as BackupKind, takenAt: parseStamp(m[1]!), size: fs.statSync(file).size });
  }
  return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

export type RotationPolicy = BackupRotation;

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** ISO-8601 week key of a local day, e.g. 2025-W01. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dayNum = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dayNum); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which automatic backups to keep: the newest of each of the last `daily` days,
 * `weekly` weeks and `monthly` months that have one. Manual and safety copies are never rotated.
 */
export function backupsToDelete(backups: BackupInfo[], policy: RotationPolicy): BackupInfo[] {
  const autos = backups.filter((b) => b.kind === 'auto').sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const pick = (keyOf: (b: BackupInfo) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of autos) {
      const key = keyOf(b);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.file);
    }
  };
  const dayOf = (b: BackupInfo) => shanghaiDay(new Date(b.takenAt));
  pick(dayOf, policy.daily);
  pick((b) => isoWeek(dayOf(b)), policy.weekly);
  pick((b) => dayOf(b).slice(0, 7), policy.monthly);
  return autos.filter((b) => !keep.has(b.file));
}

/** The backups in several folders, newest first; a folder that cannot be read (a share gone away) is skipped. */
export function listAllBackups(dirs: readonly string[]): BackupInfo[] {
  const all: BackupInfo[] = [];
  for (const dir of dirs) {
    try {
      all.push(...listBackups(dir));
    } catch {
      // its backups are simply not offered
    }
  }
  return all.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

/** Rotation runs over the automatic backups of all the folders together, so a change of folder keeps the same count. */
export function rotateBackups(dirs: string | readonly string[], policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const doomed = backupsToDelete(listAllBackups(typeof dirs === 'string' ? [dirs] : dirs), policy);
  for (const b of doomed) fs.rmSync(b.file, { force: true });
  return doomed.map((b) => b.name);
}

/**
 * The first start of each (Shanghai) day takes an automatic backup into `dir`,
 * then rotates; `folders` are all the places earlier backups may be (default: just `dir`).
 */
export function autoBackupIfDue(
  sqlite: Database.Database,
  dir: string,
  now: Date,
  policy: RotationPolicy = DEFAULT_ROTATION,
  folders: readonly string[] = [dir],
): BackupInfo | null {
  const today = shanghaiDay(now);
  const done = listAllBackups(folders).some((b) => b.kind === 'auto' && shanghaiDay(new Date(b.takenAt)) === today);
  if (done) return null;
  const info = createBackup(sqlite, dir, 'auto', now);
  rotateBackups(folders.includes(dir) ? folders : [dir, ...folders], policy);
  return info;
}

/** The newest backup that passes the check, for the recovery screen. */
export function newestVerifiedBackup(dirs: string | readonly string[]): (BackupInfo & { check: BackupCheck }) | null {
  for (const b of listAllBackups(typeof dirs === 'string' ? [dirs] : dirs)) {
    const check = checkBackupFile(b.file);
    if (check.ok) return { ...b, check };
  }
  return null;
}
