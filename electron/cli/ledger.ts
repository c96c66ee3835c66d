/** Opening a user's ledger from the command line: an existing file only, never a new empty one. */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError, openDatabase, type Ledger } from '../../db/open';
import type { Caller, ServiceContext } from '../services/context';
import { acquireDataLock, LockError, type DataLock } from '../services/backup/lock';
import { CliError, type CliIo } from './io';

/** The command line reads like a leader: everything, and changes nothing. */
export const CLI_CALLER: Caller = { username: 'cli', displayName: '命令行', roles: ['leader'] };

export function openExistingLedger(file: string, io: CliIo): Ledger {
  const full = path.resolve(io.cwd, file);
  if (!fs.existsSync(full)) throw new CliError(`找不到数据库文件：${full}\n（不会新建空的数据库；请检查 --db 的路径。）`);
  const stat = fs.statSync(full);
  if (!stat.isFile()) throw new CliError(`--db 指向的不是文件：${full}`);
  if (stat.size === 0) throw new CliError(`数据库文件是空的：${full}`);
  try {
    return openDatabase(full);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message);
    throw new CliError(`无法打开数据库 ${full}：${(error as Error).message}`);
  }
}

export function cliContext(ledger: Ledger, io: CliIo, caller: Caller = CLI_CALLER): ServiceContext {
  return { ledger, caller, now: () => io.now() };
}

/** The data lock of the database `file`, as the app takes it: held by a running app or another writing command, exit code 3. */
export function holdDataLock(file: string, io: CliIo, purpose: string): DataLock {
  try {
    return acquireDataLock(path.resolve(io.cwd, file), purpose);
  } catch (error) {
    if (error instanceof LockError) throw new CliError(error.message, 3);
    throw error;
  }
}

/**
 * Open a ledger to write to, holding the data lock as the app does (a running app, or
 * another writing command, is refused with exit code 3). `fn` runs with it; both are let go after.
 */
export async function withWritableLedger<T>(file: string, io: CliIo, purpose: string, fn: (ledger: Ledger) => Promise<T> | T): Promise<T> {
  const lock = holdDataLock(file, io, purpose);
  try {
    const ledger = openExistingLedger(file, io);
    try {
      return await fn(ledger);
    } finally {
      ledger.close();
    }
  } finally {
    lock.release();
  }
}
