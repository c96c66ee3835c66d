import type { ErrorCode, FieldIssue } from '#domain/errors';

/** A refusal with a stable code. `message` is user-facing (zh-CN). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在或已被删除`);

export const conflict = (): AppError =>
  new AppError('CONFLICT', '该记录已被他人修改，您看到的是旧版本。请重新加载后再保存（您填写的内容不会丢失）。');

export const invalidField = (path: string, message: string): AppError =>
  new AppError('VALIDATION', message, [{ path, message }]);

/**
 * What the user is told when a write did not fit on the disk (code DISK_FULL). The
 * transaction was rolled back (SQLite) or the temp file removed (files), so nothing
 * is half-saved. Not UNAVAILABLE: the database is not damaged, no recovery screen.
 */
export const DISK_FULL_MESSAGE = '磁盘空间已满，本次操作未保存，已有数据不受影响。请清理磁盘空间后重试。';

/** Node's codes for "no space left" (ENOSPC; EDQUOT is a full disk quota) and SQLite's (SQLITE_FULL). */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/**
 * Whether an error, or any error it wraps (`cause`), says the disk is full:
 * better-sqlite3's SqliteError with code SQLITE_FULL (a full disk, or the
 * database reaching max_page_count), or a Node file error ENOSPC / EDQUOT.
 */
export function isDiskFull(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; typeof e === 'object' && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
  }
  return false;
}

/** A full-disk failure as a refusal with the calm message (or a more specific one), keeping the original as `cause`. */
export const diskFull = (cause: unknown, message = DISK_FULL_MESSAGE): AppError =>
  new AppError('DISK_FULL', message, undefined, { cause });
