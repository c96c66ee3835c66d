/**
 * The wizard's parsed files, kept in the main process between its calls and
 * named by a random token: the renderer never names a file path, and cannot
 * reach another user's or another database's file. A session expires after
 * SESSION_TTL_MS unused; at most MAX_SESSIONS are kept (the oldest goes first),
 * which bounds the memory held for files nobody finishes importing.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import type { ImportSource } from './grid';

export const SESSION_TTL_MS = 30 * 60 * 1000;
export const MAX_SESSIONS = 3;

interface ImportSession {
  source: ImportSource;
  ledgerFile: string;
  username: string;
  expiresAt: number;
}

const sessions = new Map<string, ImportSession>();

function sweep(now: number): void {
  for (const [token, s] of sessions) if (s.expiresAt <= now) sessions.delete(token);
}

export function openSession(ctx: ServiceContext, source: ImportSource): { token: string; expiresAt: string } {
  const now = ctx.now().getTime();
  sweep(now);
  while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  sessions.set(token, { source, ledgerFile: path.resolve(ctx.ledger.file), username: ctx.caller.username, expiresAt });
  return { token, expiresAt: new Date(expiresAt).toISOString() };
}

/** The parsed file of a token, for this user and this database only; using it extends its life. */
export function useSession(ctx: ServiceContext, token: string): ImportSource {
  const now = ctx.now().getTime();
  sweep(now);
  const s = sessions.get(token);
  if (!s || s.username !== ctx.caller.username || s.ledgerFile !== path.resolve(ctx.ledger.file)) {
    throw new AppError('NOT_FOUND', '导入会话已过期或不存在，请重新选择文件');
  }
  s.expiresAt = now + SESSION_TTL_MS;
  // most recently used last, so the oldest is evicted first
  sessions.delete(token);
  sessions.set(token, s);
  return s.source;
}

export function closeSession(ctx: ServiceContext, token: string): boolean {
  const s = sessions.get(token);
  if (!s || s.username !== ctx.caller.username) return false;
  return sessions.delete(token);
}
