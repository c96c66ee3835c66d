/**
 * counsel-ledger backup | restore | verify — the reliability commands.
 *   backup  --db FILE [--out DIR]     a verified copy (read-only on the live file; safe while the app runs)
 *   restore --db FILE --from BACKUP   all-or-nothing; refused while the app has the database open
 *   verify  --db FILE                 integrity_check, schema version, audit hash chain, attachment bytes
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../db/open';
import { existingAuditKey } from '../../services/audit-key';
import { verifyRecord } from '../../services/record-check';
import { checkBackupFile, createBackup, BackupError } from '../../services/backup/backup';
import { restoreDatabase } from '../../services/backup/restore';
import { backupFolders, readBackupConfig, resolveBackupTarget } from '../../services/backup/config';
import { parseCommandArgs } from '../args';
import { CliError, usageError, type CliIo } from '../io';
import { holdDataLock } from '../ledger';
import type { Command } from './types';

type Values = Record<string, string | undefined>;

/** A command on one database file (--db, required) with string options of its own besides. */
function dbCommand(summary: string, usage: string, options: Record<string, { type: 'string' }>, run: (db: string, values: Values, io: CliIo) => number): Command {
  return {
    summary,
    usage,
    async run(argv, io) {
      const values = parseCommandArgs(argv, usage, { db: { type: 'string' }, ...options }).values as Values;
      if (!values.db) throw usageError(`缺少 --db\n\n${usage}`);
      return run(path.resolve(io.cwd, values.db), values, io);
    },
  };
}

function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(`无法打开数据库 ${file}：${(error as Error).message}`);
  }
}

/** Run a backup or restore step and print what it says (exit 0); its failure is told as `failed：…` (a BackupError in its own words). */
function told(io: CliIo, failed: string, release: () => void, step: () => string): number {
  try {
    io.out(step());
    return 0;
  } catch (error) {
    throw new CliError(error instanceof BackupError ? error.message : `${failed}：${(error as Error).message}`);
  } finally {
    release();
  }
}

const BACKUP_USAGE = '用法：counsel-ledger backup --db 数据库文件 [--out 备份文件夹]（默认：管理员在“备份与恢复”中选定的文件夹，未选定或无法访问时为数据库旁的 backups 文件夹）';

export const backupCommand = dbCommand('备份：写出一份经过完整性校验的数据库副本（程序运行时也可以执行）', BACKUP_USAGE, { out: { type: 'string' } }, (db, values, io) => {
  const dir = values.out ? path.resolve(io.cwd, values.out) : resolveBackupTarget(db, readBackupConfig(db)).dir;
  const live = openReadOnly(db);
  return told(io, '备份失败', () => live.close(), () => {
    const info = createBackup(live, dir, 'manual', io.now());
    return `已备份：${info.file}（${(info.size / 1024).toFixed(0)} KB，已通过完整性检查）\n`;
  });
});

const RESTORE_USAGE = '用法：counsel-ledger restore --db 数据库文件 --from 备份文件（被替换的数据库会先另存为备份）';

export const restoreCommand = dbCommand('恢复：用一份备份替换数据库（全有或全无；程序须先关闭）', RESTORE_USAGE, { from: { type: 'string' } }, (db, values, io) => {
  if (!values.from) throw usageError(`缺少 --from\n\n${RESTORE_USAGE}`);
  const from = path.resolve(io.cwd, values.from);
  const lock = holdDataLock(db, io, 'cli restore');
  return told(io, '恢复失败', () => lock.release(), () => {
    const r = restoreDatabase(db, from, path.join(path.dirname(db), 'backups'), io.now());
    return `已从 ${r.restoredFrom} 恢复。${r.replacedCopy ? `原数据库已另存为 ${r.replacedCopy}。` : ''}\n`;
  });
});

const VERIFY_USAGE = '用法：counsel-ledger verify --db 数据库文件（完整性检查、结构版本、审计记录哈希链、附件内容校验值）';

export const verifyCommand = dbCommand('校验：数据库完整性、结构版本、审计记录哈希链和附件内容（只读）', VERIFY_USAGE, {}, (db, _values, io) => {
  const check = checkBackupFile(db);
  if (!check.ok) {
    io.out(`校验未通过：${check.problem}\n`);
    return 1;
  }
  const live = openReadOnly(db);
  try {
    const chain = verifyRecord(live, { keyState: existingAuditKey(db), anchorDirs: backupFolders(resolveBackupTarget(db, readBackupConfig(db))) });
    io.out(`完整性检查：通过\n结构版本：${check.schemaVersion}（本软件支持到 ${SCHEMA_VERSION}）\n咨询事项：${check.consultations} 条\n`);
    if (!chain.ok) {
      io.out(`审计记录：未通过${chain.firstBadId ? `，第一条有问题的记录是第 ${chain.firstBadId} 条` : ''}：${chain.problem}\n`);
      return 1;
    }
    if (chain.problem) io.out(`注意：${chain.problem}\n`);
    io.out(`审计记录哈希链：通过（共 ${chain.checked} 条）\n`);
    // checkBackupFile hashed every attachment (issue 19, finding 7): a damaged one failed above
    io.out(`附件内容：通过（共 ${check.attachments ?? 0} 个文件，均与其 SHA-256 校验值相符）\n`);
    return 0;
  } finally {
    live.close();
  }
});
