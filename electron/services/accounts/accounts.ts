/**
 * Sign-in, lockout, idle lock and password changes. Failed attempts, lockouts and
 * refusals are audited like any write.
 */
import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import type { AuthStatus, Role } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { readSettings } from '../settings';
import { seedOfficialHolidays } from '../calendar';
import { appEnd, resealDeskKeys } from '../exchange/desk-setup';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import type { Session, SessionUser } from './session';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: string;
  counselId: number | null;
  passwordHash: string;
  mustChangePassword: number;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: number;
  version: number;
}

const USER_SELECT = `SELECT id, username, display_name AS displayName, roles, counsel_id AS counselId, password_hash AS passwordHash,
  must_change_password AS mustChangePassword, failed_attempts AS failedAttempts, locked_until AS lockedUntil, disabled, version
  FROM users`;

export function findUserByName(sqlite: Database.Database, username: string): UserRow | undefined {
  return sqlite.prepare(`${USER_SELECT} WHERE lower(username) = lower(?)`).get(username) as UserRow | undefined;
}

export function findUserById(sqlite: Database.Database, id: number): UserRow | undefined {
  return sqlite.prepare(`${USER_SELECT} WHERE id = ?`).get(id) as UserRow | undefined;
}

export function parseRoles(roles: string): Role[] {
  return roles.split(',').filter(Boolean) as Role[];
}

function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: parseRoles(u.roles),
    counselId: u.counselId,
    mustChangePassword: Boolean(u.mustChangePassword),
  };
}

/** The session's account as it is now in the database (see Session.reload). */
export function reloadSessionAccount(s: Session, sqlite: Database.Database): 'ok' | 'ended' | 'none' {
  return s.reload((id) => {
    const u = findUserById(sqlite, id);
    return u && !u.disabled ? toSessionUser(u) : null;
  });
}

function session(ctx: ServiceContext): Session {
  if (!ctx.session) throw new AppError('UNAVAILABLE', '当前运行环境不支持登录');
  return ctx.session;
}

function userCount(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;
}

export function authStatus(ctx: ServiceContext): AuthStatus {
  const caller = ctx.session?.caller() ?? null;
  const idleMinutes = readSettings(ctx.ledger.db).idleLockMinutes;
  return {
    setupNeeded: userCount(ctx.ledger.sqlite) === 0,
    user: caller
      ? { username: caller.username, displayName: caller.displayName, roles: [...caller.roles], counselId: caller.counselId ?? null }
      : null,
    locked: caller?.locked ?? false,
    mustChangePassword: caller?.mustChangePassword ?? false,
    idleMinutes,
    end: appEnd(ctx.ledger.sqlite),
  };
}

/**
 * First start: create the first account (an administrator), let `seed` fill the new database in
 * the same transaction, and sign them in. Refused once any account exists. `action` names the
 * audit record: auth.setup at the office, desk.setup at a counsel's desk.
 */
export async function setupFirstAccount(
  ctx: ServiceContext,
  input: { username: string; displayName: string; password: string },
  action: 'auth.setup' | 'desk.setup',
  seed: (owner: ServiceContext) => void,
): Promise<AuthStatus> {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new AppError('VALIDATION', problem, [{ path: 'password', message: problem }]);
  const hash = await hashPassword(input.password);
  const id = inWriteTransaction(ctx.ledger.sqlite, () => {
    if (userCount(ctx.ledger.sqlite) > 0) throw new AppError('INVALID_TRANSITION', '管理员账号已经设置过了，请直接登录');
    const { lastInsertRowid } = ctx.ledger.sqlite
      // setup signs the administrator in: that is their first sign-in (最近登录)
      .prepare(`INSERT INTO users (username, display_name, roles, password_hash, created_at, last_login_at) VALUES (?, ?, 'admin', ?, ?, ?)`)
      .run(input.username, input.displayName, hash, ctx.now().toISOString(), ctx.now().toISOString());
    const admin = { ...ctx, caller: { ...ctx.caller, username: input.username } };
    appendAudit(admin, {
      action, entity: 'user', entityId: Number(lastInsertRowid), after: { username: input.username, roles: ['admin'] },
    });
    seed(admin);
    return Number(lastInsertRowid);
  });
  session(ctx).signIn(toSessionUser(findUserById(ctx.ledger.sqlite, id)!));
  return authStatus(ctx);
}

/** First start of the office's ledger: the administrator, and the official holiday schedule (办理时限 counts working days from the start). */
export function setupAdmin(ctx: ServiceContext, input: ParsedInputOf<'auth.setup'>): Promise<AuthStatus> {
  return setupFirstAccount(ctx, input, 'auth.setup', seedOfficialHolidays);
}

function audit(ctx: ServiceContext, username: string, action: string, result: 'ok' | 'refused', after?: unknown): void {
  inWriteTransaction(ctx.ledger.sqlite, () =>
    appendAudit({ ...ctx, caller: { ...ctx.caller, username } }, { action, entity: 'user', entityId: username, result, after }),
  );
}

const WRONG = '用户名或密码错误';

/**
 * Count this attempt before the password is checked, in one statement that also
 * decides: the attempt that reaches MAX_FAILED_ATTEMPTS starts the lockout, and any
 * attempt while locked is refused without a check. The count is taken before the
 * (asynchronous) scrypt, so parallel guesses each count and none can reset a
 * lockout that started meanwhile. An expired lockout starts a fresh count.
 * Returns the attempt's number; a number above the maximum means "locked".
 */
const CLAIM_ATTEMPT = `UPDATE users SET
  failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_attempts + 1 END,
  locked_until = CASE
    WHEN locked_until IS NOT NULL AND locked_until > @now THEN locked_until
    WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_attempts + 1 END) >= @max THEN @until
    ELSE NULL END
  WHERE id = @id
  RETURNING failed_attempts AS attempt, locked_until AS lockedUntil`;

function claimAttempt(sqlite: Database.Database, userId: number, now: Date): { attempt: number; lockedUntil: string | null } {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
  return sqlite.prepare(CLAIM_ATTEMPT).get({ id: userId, now: now.toISOString(), max: MAX_FAILED_ATTEMPTS, until }) as {
    attempt: number;
    lockedUntil: string | null;
  };
}

/** Check a password against an account, counting every attempt towards the lockout. */
async function checkPassword(ctx: ServiceContext, user: UserRow | undefined, username: string, password: string, action: string): Promise<UserRow> {
  const now = ctx.now();
  if (!user || user.disabled) {
    await verifyPassword(password, await dummyPasswordHash());
    audit(ctx, username, action, 'refused', { reason: user ? 'disabled' : 'unknown user' });
    throw new AppError('UNAUTHENTICATED', user ? '该账号已停用，请联系系统管理员' : WRONG);
  }
  // no await before this line: the attempt is counted in the order the calls arrived
  const { attempt, lockedUntil } = claimAttempt(ctx.ledger.sqlite, user.id, now);
  if (attempt > MAX_FAILED_ATTEMPTS && lockedUntil) {
    audit(ctx, user.username, action, 'refused', { reason: 'locked out', lockedUntil, failedAttempts: attempt });
    throw new AppError('UNAUTHENTICATED', `连续输错密码次数过多，账号已锁定至 ${shanghaiTime(lockedUntil)}，请稍后再试`);
  }
  if (await verifyPassword(password, user.passwordHash)) {
    ctx.ledger.sqlite.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(user.id);
    return user;
  }
  if (attempt >= MAX_FAILED_ATTEMPTS) {
    // the lockout began when this attempt was counted; it is recorded now that the password proved wrong
    audit(ctx, user.username, 'auth.lockout', 'refused', { lockedUntil });
    throw new AppError('UNAUTHENTICATED', `连续 ${MAX_FAILED_ATTEMPTS} 次密码错误，账号已锁定 ${LOCKOUT_MINUTES} 分钟`);
  }
  audit(ctx, user.username, action, 'refused', { failedAttempts: attempt });
  throw new AppError('UNAUTHENTICATED', `${WRONG}（还可尝试 ${MAX_FAILED_ATTEMPTS - attempt} 次）`);
}

function shanghaiTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

export async function login(ctx: ServiceContext, input: ParsedInputOf<'auth.login'>): Promise<AuthStatus> {
  const user = await checkPassword(ctx, findUserByName(ctx.ledger.sqlite, input.username), input.username, input.password, 'auth.login');
  inWriteTransaction(ctx.ledger.sqlite, () => {
    ctx.ledger.sqlite.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(ctx.now().toISOString(), user.id);
    appendAudit({ ...ctx, caller: { ...ctx.caller, username: user.username } }, { action: 'auth.login', entity: 'user', entityId: user.username });
  });
  session(ctx).signIn(toSessionUser(user));
  return authStatus(ctx);
}

export function logout(ctx: ServiceContext): AuthStatus {
  if (ctx.session?.caller()) audit(ctx, ctx.caller.username, 'auth.logout', 'ok');
  session(ctx).signOut();
  return authStatus(ctx);
}

export function lockSession(ctx: ServiceContext): AuthStatus {
  session(ctx).lock();
  return authStatus(ctx);
}

export async function unlockSession(ctx: ServiceContext, input: ParsedInputOf<'auth.unlock'>): Promise<AuthStatus> {
  const s = session(ctx);
  const caller = s.caller();
  if (!caller?.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  try {
    await checkPassword(ctx, findUserById(ctx.ledger.sqlite, caller.userId), caller.username, input.password, 'auth.unlock');
  } catch (error) {
    // Locked out while unlocking: the session ends (unsaved work is kept only while the account is usable).
    if (findUserById(ctx.ledger.sqlite, caller.userId)?.lockedUntil) s.signOut();
    throw error;
  }
  s.unlock();
  audit(ctx, caller.username, 'auth.unlock', 'ok');
  return authStatus(ctx);
}

export async function changePassword(ctx: ServiceContext, input: ParsedInputOf<'auth.changePassword'>): Promise<AuthStatus> {
  const s = session(ctx);
  const caller = s.caller();
  if (!caller?.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const user = await checkPassword(ctx, findUserById(ctx.ledger.sqlite, caller.userId), caller.username, input.currentPassword, 'auth.changePassword');
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new AppError('VALIDATION', problem, [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION', '新密码不能与原密码相同', [{ path: 'newPassword', message: '新密码不能与原密码相同' }]);
  }
  const hash = await hashPassword(input.newPassword);
  inWriteTransaction(ctx.ledger.sqlite, () => {
    ctx.ledger.sqlite.prepare('UPDATE users SET password_hash = ?, must_change_password = 0, version = version + 1 WHERE id = ?').run(hash, user.id);
    appendAudit(ctx, { action: 'auth.changePassword', entity: 'user', entityId: user.username });
    // at a counsel's desk the owner's password also seals the exchange keys: sealed again under the new one
    resealDeskKeys(ctx, input.currentPassword, input.newPassword);
  });
  s.update({ mustChangePassword: false });
  return authStatus(ctx);
}
