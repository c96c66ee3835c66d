/** The backup methods of the contract (admin): list, take, restore, and where backups go. */
import path from 'node:path';
import type { AuditVerification, BackupList, BackupRotation, BackupView, RestoreOutcome } from '#domain/types';
import { verifyRecord } from '../record-check';
import type { ServiceContext, HostServices } from '../context';
import { AppError, diskFull, isDiskFull } from '../errors';
import { appendAudit } from '../audit';
import { BACKUP_DISK_FULL_MESSAGE, BackupError, checkBackupFile, createCheckedBackup, listAllBackups, type BackupInfo } from './backup';
import { backupFolders, folderProblem, readBackupConfig, resolveBackupTarget, writeBackupConfig, type BackupConfig, type BackupTarget } from './config';

function host(ctx: ServiceContext): HostServices {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持备份操作');
  return ctx.host;
}

/** Re-read on every call: the admin may change it, a drive or share may come and go. */
export function backupTargetOf(h: HostServices): BackupTarget {
  return resolveBackupTarget(h.dbFile, readBackupConfig(h.dbFile), h.defaultBackupDir);
}

/** The folders whose audit anchors `verify` compares with: those of the app, or the default one beside any other database. */
export function anchorFolders(ctx: ServiceContext): string[] {
  if (ctx.host) return backupFolders(backupTargetOf(ctx.host));
  return backupFolders(resolveBackupTarget(ctx.ledger.file, readBackupConfig(ctx.ledger.file)));
}

/** audit.verify: the record as a whole (record-check.ts), anchors included. */
export function verifyLedgerRecord(ctx: ServiceContext): AuditVerification {
  return verifyRecord(ctx.ledger.sqlite, { anchorDirs: anchorFolders(ctx) });
}

const view = (b: BackupInfo): BackupView => ({ name: b.name, kind: b.kind, takenAt: b.takenAt, size: b.size, dir: path.dirname(b.file) });

function listOf(h: HostServices): BackupList {
  const config = readBackupConfig(h.dbFile);
  const target = resolveBackupTarget(h.dbFile, config, h.defaultBackupDir);
  return {
    dir: target.dir,
    defaultDir: target.defaultDir,
    chosenDir: target.chosen,
    fallbackReason: target.fallbackReason,
    onNetworkShare: target.onNetworkShare,
    rotation: config.rotation,
    backups: listAllBackups(backupFolders(target)).map(view),
  };
}

export function listBackupViews(ctx: ServiceContext): BackupList {
  return listOf(host(ctx));
}

/** 立即备份: the live database checked off the main thread first (createCheckedBackup), then copied and verified. */
export async function takeBackup(ctx: ServiceContext): Promise<BackupView> {
  const target = backupTargetOf(host(ctx));
  let info: BackupInfo;
  try {
    info = await createCheckedBackup(ctx.ledger.sqlite, target.dir, 'manual', ctx.now());
  } catch (error) {
    // nothing was written: the partial file is gone and the live database was only read
    if (isDiskFull(error)) throw diskFull(error, BACKUP_DISK_FULL_MESSAGE);
    // its own words (the folder, the damaged database), not the router's generic internal error
    if (error instanceof BackupError) throw new AppError('INTERNAL', error.message, undefined, { cause: error });
    throw error;
  }
  ctx.ledger.sqlite.transaction(() => appendAudit(ctx, { action: 'backups.create', entity: 'backup', entityId: info.name, after: { dir: target.dir } })).immediate();
  return view(info);
}

/** The admin picks a folder in the main process's dialog; it must exist and take a test write. */
export async function chooseBackupFolder(ctx: ServiceContext): Promise<BackupList | null> {
  const h = host(ctx);
  if (!h.platform.chooseFolder) throw new AppError('INTERNAL', '当前运行环境不能选择文件夹');
  const current = readBackupConfig(h.dbFile);
  const picked = await h.platform.chooseFolder({ title: '选择备份文件夹', defaultPath: current.folder ?? h.defaultBackupDir });
  if (!picked) return null;
  const folder = path.resolve(picked);
  const problem = folderProblem(folder);
  if (problem) throw new AppError('VALIDATION', `不能使用该文件夹：${problem}（${folder}）`);
  if (path.resolve(h.defaultBackupDir) === folder) return saveConfig(ctx, h, { ...current, folder: null });
  if (path.resolve(path.dirname(h.dbFile)) === folder) {
    throw new AppError('VALIDATION', '请不要选择数据库所在的文件夹本身：备份应放在单独的文件夹（默认为其中的 backups 文件夹）或另一块磁盘上');
  }
  return saveConfig(ctx, h, { ...current, folder });
}

export function configureBackups(ctx: ServiceContext, input: { useDefaultFolder?: true; rotation?: BackupRotation }): BackupList {
  const h = host(ctx);
  const current = readBackupConfig(h.dbFile);
  return saveConfig(ctx, h, {
    folder: input.useDefaultFolder ? null : current.folder,
    rotation: input.rotation ?? current.rotation,
  });
}

/** The file is written first (atomically), then the change is audited; a failed write changes nothing. */
function saveConfig(ctx: ServiceContext, h: HostServices, next: BackupConfig): BackupList {
  const before = readBackupConfig(h.dbFile);
  writeBackupConfig(h.dbFile, next);
  ctx.ledger.sqlite.transaction(() => appendAudit(ctx, { action: 'backups.configure', entity: 'backup', before, after: next })).immediate();
  return listOf(h);
}

/** Restore one of the listed backups, by name only: the renderer never names a path. */
export function restoreNamedBackup(ctx: ServiceContext, name: string): Promise<RestoreOutcome> {
  const h = host(ctx);
  const chosen = listAllBackups(backupFolders(backupTargetOf(h))).find((b) => b.name === name);
  if (!chosen) throw new AppError('NOT_FOUND', '所选备份不存在');
  return restoreFile(h, chosen.file);
}

export async function restoreChosenFile(ctx: ServiceContext): Promise<RestoreOutcome | null> {
  const h = host(ctx);
  const [file] = await h.platform.chooseOpenPaths({ filters: [{ name: '台账备份', extensions: ['sqlite3', 'db', 'sqlite'] }], multiple: false });
  if (!file) return null;
  return restoreFile(h, file);
}

async function restoreFile(h: HostServices, file: string): Promise<RestoreOutcome> {
  const check = checkBackupFile(file);
  if (!check.ok) throw new AppError('VALIDATION', `该备份不能用于恢复：${check.problem}`);
  const result = await h.restoreFrom(file);
  return { restoredFrom: path.basename(result.restoredFrom), replacedCopy: result.replacedCopy ? path.basename(result.replacedCopy) : null };
}
