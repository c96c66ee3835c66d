/** The backup methods of the contract (admin): list, take, restore. */
import path from 'node:path';
import type { BackupList, BackupView, RestoreOutcome } from '../../api/types';
import type { ServiceContext, HostServices } from '../context';
import { AppError, diskFull, isDiskFull } from '../errors';
import { appendAudit } from '../audit';
import { BACKUP_DISK_FULL_MESSAGE, checkBackupFile, createBackup, listBackups, type BackupInfo } from './backup';
import { looksLikeNetworkPath } from './files';

function host(ctx: ServiceContext): HostServices {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持备份操作');
  return ctx.host;
}

const view = (b: BackupInfo): BackupView => ({ name: b.name, kind: b.kind, takenAt: b.takenAt, size: b.size });

export function listBackupViews(ctx: ServiceContext): BackupList {
  const { backupDir } = host(ctx);
  return { dir: backupDir, onNetworkShare: looksLikeNetworkPath(backupDir), backups: listBackups(backupDir).map(view) };
}

export function takeBackup(ctx: ServiceContext): BackupView {
  const { backupDir } = host(ctx);
  let info: BackupInfo;
  try {
    info = createBackup(ctx.ledger.sqlite, backupDir, 'manual', ctx.now());
  } catch (error) {
    // nothing was written: the partial file is gone and the live database was only read
    if (isDiskFull(error)) throw diskFull(error, BACKUP_DISK_FULL_MESSAGE);
    throw error;
  }
  ctx.ledger.sqlite.transaction(() => appendAudit(ctx, { action: 'backups.create', entity: 'backup', entityId: info.name })).immediate();
  return view(info);
}

/** Restore one of the listed backups, by name only: the renderer never names a path. */
export function restoreNamedBackup(ctx: ServiceContext, name: string): RestoreOutcome {
  const h = host(ctx);
  const chosen = listBackups(h.backupDir).find((b) => b.name === name);
  if (!chosen) throw new AppError('NOT_FOUND', '所选备份不存在');
  return restoreFile(h, chosen.file);
}

export async function restoreChosenFile(ctx: ServiceContext): Promise<RestoreOutcome | null> {
  const h = host(ctx);
  const [file] = await h.platform.chooseOpenPaths({ filters: [{ name: '台账备份', extensions: ['sqlite3', 'db', 'sqlite'] }], multiple: false });
  if (!file) return null;
  return restoreFile(h, file);
}

function restoreFile(h: HostServices, file: string): RestoreOutcome {
  const check = checkBackupFile(file);
  if (!check.ok) throw new AppError('VALIDATION', `该备份不能用于恢复：${check.problem}`);
  const result = h.restoreFrom(file);
  return { restoredFrom: path.basename(result.restoredFrom), replacedCopy: result.replacedCopy ? path.basename(result.replacedCopy) : null };
}
