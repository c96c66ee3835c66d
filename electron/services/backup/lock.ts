/**
 * One process per database: a lock file beside it, created exclusively. Electron's
 * single-instance lock is per user; this one also stops a second user, the CLI
 * or a copy of the app started from elsewhere.
 */
import fs from 'node:fs';
import os from 'node:os';

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataLock {
  file: string;
  release(): void;
}

export function acquireDataLock(dbFile: string, purpose = 'app'): DataLock {
  const lockFile = `${dbFile}.lock`;
  const mine: LockInfo & { purpose: string } = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      return {
        file: lockFile,
        release: () => {
          try {
            const held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
            if (held.pid === mine.pid && held.host === mine.host) fs.rmSync(lockFile, { force: true });
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let held: LockInfo | null = null;
      try {
        held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
      } catch {
        held = null; // unreadable: left by a process that died while writing it
      }
      const stale = held === null || (held.host === os.hostname() && !alive(held.pid));
      if (stale && attempt === 0) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      throw new LockError(
        `该台账数据库正被另一个程序使用（计算机 ${held?.host ?? '未知'}，进程 ${held?.pid ?? '未知'}，自 ${held?.startedAt ?? '未知'} 起）。` +
          '请先关闭另一个窗口或程序后再试；如确认没有其他程序在使用，可删除文件 ' + lockFile,
      );
    }
  }
  throw new LockError('无法获得数据库锁');
}
