import type { ErrorCode, FieldIssue } from '../api/envelope';

/** A refusal with a stable code. `message` is user-facing (zh-CN). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在或已被删除`);

export const conflict = (): AppError =>
  new AppError('CONFLICT', '该记录已被他人修改，您看到的是旧版本。请重新加载后再保存（您填写的内容不会丢失）。');

export const invalidField = (path: string, message: string): AppError =>
  new AppError('VALIDATION', message, [{ path, message }]);
