/**
 * Backups of the ledger: written with VACUUM INTO to a temporary name, fsynced,
 * checked with integrity_check, then renamed. A backup on disk under its final
 * name is always complete and verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../db/open';
import { shanghaiDay } from '#domain/dates';
import type { BackupRotation } from '#domain/types';
import { isDiskFull } from '../errors';
import { damagedAttachmentText, verifyAttachmentBytes } from '../attachments/integrity';
import { runSqliteWorker, type SqliteWorkerOptions } from '../../../db/sqlite-worker';
import { integrityCheckOffThread } from '../../../db/health-check';
import { GENESIS_HASH, type AuditHead } from '../audit';
import { writeAnchor } from './anchors';
import { commitFile, namesIn } from './files';

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

/** Why a backup of a damaged live database is refused (followed by SQLite's first problem). */
const LIVE_DAMAGED = '备份未进行：台账数据库的完整性检查未通过，请从最近的备份恢复。问题：';

/** Why a backup failed on a full disk; the partial file has been removed by then. */
export const BACKUP_DISK_FULL_MESSAGE =
  '备份未完成：备份文件夹所在的磁盘空间已满，未留下不完整的备份文件，台账数据不受影响。请清理磁盘空间后重试。';

export interface BackupCheck {
  ok: boolean;
  schemaVersion: number;
  consultations: number;
  /** stored files whose bytes matched their SHA-256 (all of them, when ok) */
  attachments?: number;
  problem: string | null;
  /** the audit chain's end in the file (absent when it could not be read) */
  audit?: AuditHead;
}

/** What checkBackupFile reads from a file; the worker of createBackupOffThread reads the same. */
interface BackupFacts {
  /** integrity_check's first line ('ok' or the first problem) */
  integrity?: string;
  /** user_version, read when the integrity is ok */
  version?: number;
  /** the consultations in it, read when the version is one this program knows */
  consultations?: number;
  /** the audit chain's end in it (backup/anchors.ts), read with the consultations */
  audit?: AuditHead;
  /** why the file could not be read (opened, checked or counted) */
  readError?: string;
  /** the first attachment whose bytes do not match their SHA-256 (attachments/integrity.ts) */
  attachmentProblem?: string;
  /** attachments whose bytes were checked */
  attachments?: number;
}

/** The audit chain's end, as auditHead reads it; the worker runs the same SQL. */
const AUDIT_HEAD_SQL = "SELECT (SELECT count(*) FROM audit_log) AS count, coalesce((SELECT max(id) FROM audit_log), 0) AS lastId, coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '" + GENESIS_HASH + "') AS head";

function readBackupFacts(file: string): BackupFacts {
  const facts: BackupFacts = {};
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    facts.integrity = String(db.pragma('integrity_check', { simple: true }));
    if (facts.integrity !== 'ok') return facts;
    facts.version = db.pragma('user_version', { simple: true }) as number;
    if (facts.version === 0 || facts.version > SCHEMA_VERSION) return facts;
    facts.consultations = db.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
    // a file without the attachments' table is no ledger of ours: restore's schema check names what is missing
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment_blobs'`).get()) {
      const bytes = verifyAttachmentBytes(db);
      facts.attachments = bytes.checked;
      facts.attachmentProblem = bytes.problem ?? undefined;
    }
    try {
      facts.audit = db.prepare(AUDIT_HEAD_SQL).get() as AuditHead;
    } catch {
      // not this program's audit log: the schema check of a restore says what is wrong
    }
  } catch (error) {
    facts.readError = (error as Error).message;
  } finally {
    db?.close();
  }
  return facts;
}

// The same reads as readBackupFacts, in the worker's program (db/sqlite-worker.ts): after the
// copy, so they run off the main thread too. It answers { facts } or, if the copy failed, { failed }.
const COPY_AND_CHECK = `
const fs = require('node:fs');
let source;
let copied = false;
try {
  source = open(workerData.live, { readonly: true, fileMustExist: true });
  const live = String(source.pragma('integrity_check', { simple: true }));
  if (live !== 'ok') throw new Error(workerData.damagedPrefix + live);
  source.prepare('VACUUM INTO ?').run(workerData.tmp);
  source.close();
  source = undefined;
  const fd = fs.openSync(workerData.tmp, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  copied = true;
} catch (error) {
  parentPort.postMessage({ failed: { message: String(error && error.message), code: error && error.code } });
} finally {
  try { if (source) source.close(); } catch (error) {}
}
if (copied) {
  const facts = {};
  let db;
  try {
    db = open(workerData.tmp, { readonly: true, fileMustExist: true });
    facts.integrity = String(db.pragma('integrity_check', { simple: true }));
    if (facts.integrity === 'ok') {
      facts.version = db.pragma('user_version', { simple: true });
      if (facts.version !== 0 && facts.version <= workerData.schemaVersion) {
        facts.consultations = db.prepare('SELECT count(*) FROM consultations').pluck().get();
        facts.audit = db.prepare(workerData.auditHeadSql).get();
      }
      // verifyAttachmentBytes (attachments/integrity.ts), in this program's terms
      if (facts.consultations !== undefined) {
        const { createHash } = require('node:crypto');
        facts.attachments = 0;
        for (const row of db.prepare('SELECT b.sha256, b.data, (SELECT a.file_name FROM attachments a WHERE a.sha256 = b.sha256 ORDER BY a.id LIMIT 1) AS fileName FROM attachment_blobs b ORDER BY b.sha256').iterate()) {
          if (createHash('sha256').update(row.data).digest('hex') !== row.sha256) {
            facts.attachmentProblem = workerData.damaged.replace('{name}', row.fileName || row.sha256);
            break;
          }
          facts.attachments += 1;
        }
      }
    }
  } catch (error) {
    facts.readError = String(error && error.message);
  } finally {
    try { if (db) db.close(); } catch (error) {}
  }
  parentPort.postMessage({ facts });
}
`;

function judgeBackup(facts: BackupFacts): BackupCheck {
  const refused = (problem: string, schemaVersion = 0): BackupCheck => ({ ok: false, schemaVersion, consultations: 0, problem });
  if (facts.integrity !== undefined && facts.integrity !== 'ok') return refused(`完整性检查未通过：${facts.integrity}`);
  if (facts.version === 0) return refused('该文件不是本软件的台账数据库');
  if (facts.version !== undefined && facts.version > SCHEMA_VERSION) {
    return refused(`该备份来自较新版本的软件（结构版本 ${facts.version}），请先升级软件`, facts.version);
  }
  if (facts.readError !== undefined || facts.version === undefined || facts.consultations === undefined) {
    return refused(`无法读取该文件：${facts.readError ?? '读取不完整'}`);
  }
  if (facts.attachmentProblem !== undefined) return refused(facts.attachmentProblem, facts.version);
  return { ok: true, schemaVersion: facts.version, consultations: facts.consultations, attachments: facts.attachments, problem: null, ...(facts.audit ? { audit: facts.audit } : {}) };
}

/** Is this file a complete, uncorrupted ledger this version can open? Opened read-only. */
export function checkBackupFile(file: string): BackupCheck {
  return judgeBackup(readBackupFacts(file));
}

/** Where a backup of this kind taken now is written first, and its final name. */
function backupPaths(dir: string, kind: BackupKind, now: Date): { name: string; finalPath: string; tmp: string } {
  const name = `ledger-${stamp(now)}-${kind}.sqlite3`;
  return { name, finalPath: path.join(dir, name), tmp: path.join(dir, `.${name}.partial`) };
}

/** A failed backup: its partial file removed, the error as a BackupError that keeps the cause (the router and the CLI tell a full disk, SQLITE_FULL or ENOSPC, apart by it). */
function backupFailed(error: unknown, tmp: string): BackupError {
  removePartial(tmp);
  if (error instanceof BackupError) return error;
  const message = isDiskFull(error) ? BACKUP_DISK_FULL_MESSAGE : `备份失败：${(error as Error).message}`;
  return new BackupError(message, { cause: error });
}

function backupInfo(finalPath: string, name: string, kind: BackupKind, now: Date): BackupInfo {
  return { file: finalPath, name, kind, takenAt: now.toISOString(), size: fs.statSync(finalPath).size };
}

/** The backup folder, made if missing; when it cannot be, a BackupError that names it and says why in words (told on screen by the banner). */
function ensureBackupFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    if (isDiskFull(error)) throw new BackupError(BACKUP_DISK_FULL_MESSAGE, { cause: error });
    let why = (error as Error).message;
    try {
      if (!fs.statSync(dir).isDirectory()) why = '该位置已有一个同名文件，不是文件夹';
    } catch {
      // not there at all: the system's reason (no permission, a drive gone) stands
    }
    throw new BackupError(`备份未进行：备份文件夹 ${dir} 无法使用（${why}）`, { cause: error });
  }
}

/**
 * options.liveChecked: the live database's integrity_check has just passed off this thread
 * (createCheckedBackup), so it is not run again here.
 */
export function createBackup(sqlite: Database.Database, dir: string, kind: BackupKind, now: Date, options: { liveChecked?: boolean } = {}): BackupInfo {
  ensureBackupFolder(dir);
  const { name, finalPath, tmp } = backupPaths(dir, kind, now);
  fs.rmSync(tmp, { force: true });
  try {
    // the live database first: a backup of a damaged one is refused with the reason (the worker does the same)
    const live = options.liveChecked ? 'ok' : String(sqlite.pragma('integrity_check', { simple: true }));
    if (live !== 'ok') throw new BackupError(`${LIVE_DAMAGED}${live}`);
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    const check = checkBackupFile(tmp);
    keepChecked(check, tmp, finalPath, now);
  } catch (error) {
    throw backupFailed(error, tmp);
  }
  return backupInfo(finalPath, name, kind, now);
}

/**
 * A manual backup (立即备份): the live database's full integrity_check first, on a worker
 * (db/health-check.ts: seconds for a large ledger, the main process stays free meanwhile);
 * damage refuses the backup with the same words as the automatic one. When the worker
 * cannot run, createBackup checks on this thread as before.
 */
export async function createCheckedBackup(sqlite: Database.Database, dir: string, kind: BackupKind, now: Date): Promise<BackupInfo> {
  ensureBackupFolder(dir);
  const live = await integrityCheckOffThread(sqlite.name);
  if (live.kind === 'failed') throw new BackupError(`${LIVE_DAMAGED}${live.detail}`);
  return createBackup(sqlite, dir, kind, now, { liveChecked: live.kind === 'ok' });
}

/** The audit chain's end beside the finished backup (backup/anchors.ts). */
/** A checked copy becomes the backup (renamed into place, its anchor written); one that failed its check is refused. */
function keepChecked(check: BackupCheck, tmp: string, finalPath: string, now: Date): void {
  if (!check.ok) throw new BackupError(`备份校验失败：${check.problem}`);
  commitFile(tmp, finalPath);
  anchor(finalPath, check, now);
}

function anchor(finalPath: string, check: BackupCheck, now: Date): void {
  try {
    if (check.audit) writeAnchor(finalPath, check.audit, now);
  } catch {
    // the backup itself is complete and verified; a missing anchor only means one comparison fewer for verify
  }
}

/** signal stops the backup (runtime.close), its partial file is removed */
export type OffThreadBackupOptions = SqliteWorkerOptions;

/**
 * createBackup with the long parts (VACUUM INTO, fsync, integrity_check: seconds
 * for a large ledger) on a worker thread, on its own read-only connection to
 * the live file: the calling thread keeps answering meanwhile. The copy is a
 * consistent snapshot (WAL: writes made meanwhile are simply not in it). The
 * same checks, the same names and the same errors as createBackup; only the
 * rename is done here. A worker that cannot run falls back to createBackup on
 * this thread, with `sqlite`.
 */
export async function createBackupOffThread(
  sqlite: Database.Database,
  dir: string,
  kind: BackupKind,
  now: Date,
  options: OffThreadBackupOptions = {},
): Promise<BackupInfo> {
  ensureBackupFolder(dir);
  const { name, finalPath, tmp } = backupPaths(dir, kind, now);
  fs.rmSync(tmp, { force: true });
  const result = await runSqliteWorker(
    COPY_AND_CHECK,
    { live: sqlite.name, tmp, schemaVersion: SCHEMA_VERSION, damaged: damagedAttachmentText('{name}'), auditHeadSql: AUDIT_HEAD_SQL, damagedPrefix: LIVE_DAMAGED },
    options,
  );
  if (result.kind === 'unavailable') {
    removePartial(tmp);
    return createBackup(sqlite, dir, kind, now);
  }
  try {
    if (result.kind === 'aborted') throw new BackupError('备份未完成：程序正在退出');
    const answer = result.value as { facts?: BackupFacts; failed?: { message: string; code?: string } };
    if (answer.failed?.message.startsWith(LIVE_DAMAGED)) throw new BackupError(answer.failed.message);
    if (answer.failed) throw Object.assign(new Error(answer.failed.message), { code: answer.failed.code });
    const check = judgeBackup(answer.facts ?? {});
    keepChecked(check, tmp, finalPath, now);
  } catch (error) {
    throw backupFailed(error, tmp);
  }
  return backupInfo(finalPath, name, kind, now);
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

/** Partial files of backups that never finished (the program was ended during one): nobody else writes here (the data-folder lock). */
function removeStalePartials(dir: string): void {
  for (const name of namesIn(dir)) {
    if (/^\.ledger-.+\.sqlite3\.partial(?:-journal|-wal|-shm)?$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * The first start of each (Shanghai) day takes an automatic backup into `dir`
 * (off the calling thread: createBackupOffThread), then rotates; `folders` are
 * all the places earlier backups may be (default: just `dir`).
 */
export async function autoBackupIfDue(
  sqlite: Database.Database,
  dir: string,
  now: Date,
  policy: RotationPolicy = DEFAULT_ROTATION,
  folders: readonly string[] = [dir],
  options: OffThreadBackupOptions = {},
): Promise<BackupInfo | null> {
  const today = shanghaiDay(now);
  const done = listAllBackups(folders).some((b) => b.kind === 'auto' && shanghaiDay(new Date(b.takenAt)) === today);
  if (done) return null;
  removeStalePartials(dir);
  const info = await createBackupOffThread(sqlite, dir, 'auto', now, options);
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
