/**
 * Where backups go and how many are kept: a small JSON file beside the database
 * (backup-config.json), not a row inside it. It has to be readable when the
 * database is damaged (the recovery screen looks for backups in the chosen folder)
 * and it must survive a restore, which replaces the whole database file.
 *
 * The chosen folder is used when it is reachable and writable; otherwise the
 * backup goes to the default folder beside the database and the reason is shown,
 * so an unplugged drive or an unreachable share never means no backup at all.
 * Pre-migration and pre-restore safety copies always stay in the default folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isBackupRotation } from '#domain/types';
import { DEFAULT_ROTATION, type RotationPolicy } from './backup';
import { commitFile } from './files';

export const CONFIG_FILE_NAME = 'backup-config.json';

const configSchema = z.object({
  folder: z.string().min(1).max(1_000).nullable().catch(null),
  // the same limits as backups.configure's input (both from ROTATION_LIMITS); anything else means the default
  rotation: z.unknown().transform((v) => (isBackupRotation(v) ? v : DEFAULT_ROTATION)),
});

export interface BackupConfig {
  /** the folder the admin picked; null = the default folder beside the database */
  folder: string | null;
  rotation: RotationPolicy;
}

export const DEFAULT_BACKUP_CONFIG: BackupConfig = { folder: null, rotation: DEFAULT_ROTATION };

export function defaultBackupDir(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

function configPath(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), CONFIG_FILE_NAME);
}

/** A missing or unreadable file means the defaults: backups must keep happening whatever is in it. */
export function readBackupConfig(dbFile: string): BackupConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(configPath(dbFile), 'utf8'));
  } catch {
    return { ...DEFAULT_BACKUP_CONFIG };
  }
  const parsed = configSchema.safeParse(raw);
  return parsed.success ? { folder: parsed.data.folder, rotation: parsed.data.rotation } : { ...DEFAULT_BACKUP_CONFIG };
}

/** Written to a temporary name, fsynced and renamed: the old settings or the new, never half. */
export function writeBackupConfig(dbFile: string, config: BackupConfig): void {
  const file = configPath(dbFile);
  const tmp = `${file}.partial`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, 'utf8');
    commitFile(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Why a folder cannot take backups (in Chinese), or null when it can: it exists, is a folder, and a file can be written in it. */
export function folderProblem(dir: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return '文件夹不存在或当前无法访问';
  }
  if (!stat.isDirectory()) return '所选路径不是文件夹';
  const probe = path.join(dir, `.counsel-ledger-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
  } catch {
    return '该文件夹不能写入（没有写入权限或磁盘只读）';
  }
  return null;
}

// statfs f_type of network file systems (Linux): NFS, SMB, SMB2, CIFS, AFS, Coda, NCP
const NETWORK_FS_TYPES = new Set([0x6969, 0x517b, 0xfe534d42, 0xff534d42, 0x5346414f, 0x73757245, 0x564c]);

/**
 * A folder that is probably on a network share, where SQLite's locking and fsync
 * are unreliable: a UNC path (\\server\share), an smb:/nfs: URL, or (where the OS
 * tells) a network file system. A mapped drive letter on Windows cannot be told
 * from a local disk without native calls; the warning in the UI says so.
 */
export function isNetworkFolder(dir: string): boolean {
  if (/^(\\\\|\/\/)/.test(dir) || /^(smb|nfs|cifs|afp):/i.test(dir)) return true;
  try {
    return NETWORK_FS_TYPES.has(Number(fs.statfsSync(dir).type));
  } catch {
    return false;
  }
}

export interface BackupTarget {
  /** where the next backup is written */
  dir: string;
  defaultDir: string;
  /** the admin's folder, null when none was chosen */
  chosen: string | null;
  /** set when a folder was chosen but cannot be used now: backups go to the default folder meanwhile */
  fallbackReason: string | null;
  onNetworkShare: boolean;
}

export function resolveBackupTarget(dbFile: string, config: BackupConfig, defaultDir = defaultBackupDir(dbFile)): BackupTarget {
  const chosen = config.folder;
  const problem = chosen ? folderProblem(chosen) : null;
  const dir = chosen && !problem ? chosen : defaultDir;
  return { dir, defaultDir, chosen, fallbackReason: problem, onNetworkShare: isNetworkFolder(dir) || (chosen !== null && isNetworkFolder(chosen)) };
}

/** Every folder that may hold backups, the chosen one first; unreachable ones are skipped. */
export function backupFolders(target: BackupTarget): string[] {
  const dirs = [target.dir, target.defaultDir, target.chosen].filter((d): d is string => d !== null);
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}
