/**
 * One process per database: a lock file beside it, created exclusively. Electron's
 * single-instance lock is per user; this one also stops a second user, the CLI
 * or a copy of the app started from elsewhere.
 *
 * The lock file appears whole or not at all: its content is written and flushed
 * to a temp file of this process, which is then hard-linked to the lock's name
 * (link fails when the name exists), so no one ever sees an empty or half-written
 * lock. An unreadable lock is therefore never taken for stale: it is reported.
 * Taking over the stale lock of a dead process happens under a second, equally
 * exclusive takeover file, and only when the lock still holds the very bytes
 * judged stale, so two processes started together cannot both win.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createWhole } from './files';
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
  token?: string;
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

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parse(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as LockInfo;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? v : null;
  } catch {
    return null;
  }
}

const isStale = (held: LockInfo) => held.host === os.hostname() && !alive(held.pid);

/**
 * Remove the lock only if it still holds `staleRaw`, under the takeover file.
 * A takeover file left by a process that died during a takeover is removed, and
 * this attempt gives up (the caller refuses rather than risk two holders).
 */
function takeOver(lockFile: string, staleRaw: string): void {
  const takeover = `${lockFile}.takeover`;
  if (!createWhole(takeover, JSON.stringify({ pid: process.pid, host: os.hostname() }))) {
    const other = parse(readRaw(takeover) ?? '');
    if (other && isStale(other)) fs.rmSync(takeover, { force: true });
    return;
  }
  try {
    if (readRaw(lockFile) === staleRaw) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(takeover, { force: true });
  }
}

export function acquireDataLock(dbFile: string, purpose = 'app'): DataLock {
  const lockFile = `${dbFile}.lock`;
  const mine: LockInfo & { purpose: string } = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
    purpose,
  };
  const content = JSON.stringify(mine);
  let held: LockInfo | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createWhole(lockFile, content)) {
      return {
        file: lockFile,
        release: () => {
          if (readRaw(lockFile) === content) fs.rmSync(lockFile, { force: true });
        },
      };
    }
    const raw = readRaw(lockFile);
    if (raw === null) continue; // released meanwhile: try again
    held = parse(raw);
    if (held === null) {
      throw new LockError(
        `数据库锁文件 ${lockFile} 无法读取（内容不完整）。如确认没有其他程序在使用该台账，请删除此文件后再试。`,
      );
    }
    if (!isStale(held)) break;
    takeOver(lockFile, raw);
  }
  throw new LockError(
    `该台账数据库正被另一个程序使用（计算机 ${held?.host ?? '未知'}，进程 ${held?.pid ?? '未知'}，自 ${held?.startedAt ?? '未知'} 起）。` +
      '请先关闭另一个窗口或程序后再试；如确认没有其他程序在使用，可删除文件 ' + lockFile,
  );
}
