/**
 * The package picked in the open dialog — a 回复包 at the office (between the preview and the
 * import), a 送审包 at a counsel's desk — kept in the main process and named by a random token:
 * the renderer never names a file path, and a token works only for the account and the database
 * that chose it. A token lives REPLY_TTL_MS unused; at most MAX_REPLY_FILES are kept (the oldest
 * goes first). Whatever kind the file turns out to be, opening it checks the kind it must be.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReplyFileView } from '#contract/exchange-contract';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';

export const REPLY_TTL_MS = 30 * 60 * 1000;
export const MAX_REPLY_FILES = 3;

const chosen = new Map<string, { file: string; ledgerFile: string; username: string; expiresAt: number }>();

function dropExpired(now: number): void {
  for (const [token, c] of chosen) if (c.expiresAt <= now) chosen.delete(token);
}

/** Ask for a 回复包 (or, at a desk, a 送审包: `label`) (.clpkg) in the open dialog; null when cancelled. */
export async function chooseReplyFile(ctx: ServiceContext, label: '回复包' | '送审包' = '回复包'): Promise<ReplyFileView | null> {
  if (!ctx.host) throw new AppError('VALIDATION', '当前运行环境不能打开文件选择窗口');
  const [file] = await ctx.host.platform.chooseOpenPaths({ filters: [{ name: label, extensions: ['clpkg'] }], multiple: false });
  if (!file) return null;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new AppError('NOT_FOUND', `所选的${label}文件不存在`);
  const now = ctx.now().getTime();
  dropExpired(now);
  while (chosen.size >= MAX_REPLY_FILES) chosen.delete(chosen.keys().next().value!);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + REPLY_TTL_MS;
  chosen.set(token, { file: path.resolve(file), ledgerFile: path.resolve(ctx.ledger.file), username: ctx.caller.username, expiresAt });
  return { token, fileName: path.basename(file), size: stat.size, expiresAt: new Date(expiresAt).toISOString() };
}

/** The file behind a token, for the account and database that chose it; using it extends its life. */
export function replyFileOf(ctx: ServiceContext, token: string, label: '回复包' | '送审包' = '回复包'): string {
  const now = ctx.now().getTime();
  dropExpired(now);
  const c = chosen.get(token);
  if (!c || c.username !== ctx.caller.username || c.ledgerFile !== path.resolve(ctx.ledger.file)) {
    throw new AppError('NOT_FOUND', `${label}已失效，请重新选择文件`);
  }
  c.expiresAt = now + REPLY_TTL_MS;
  return c.file;
}

/** Forget a token (after an import). */
export function forgetReplyFile(token: string): void {
  chosen.delete(token);
}
