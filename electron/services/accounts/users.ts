/** Account administration (admin only): accounts are disabled, never deleted. */
import type { ParsedInputOf } from '#contract/contract';
import type { Role, UserAccount } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, invalidField, notFound } from '../errors';
import { findUserById, findUserByName, parseRoles } from './accounts';
import { hashPassword, passwordProblem } from './password';

interface Row {
  id: number;
  username: string;
  displayName: string;
  roles: string;
  counselId: number | null;
  counselName: string | null;
  mustChangePassword: number;
  lockedUntil: string | null;
  disabled: number;
  lastLoginAt: string | null;
  version: number;
}

const SELECT = `SELECT u.id, u.username, u.display_name AS displayName, u.roles, u.counsel_id AS counselId, c.name AS counselName,
  u.must_change_password AS mustChangePassword, u.locked_until AS lockedUntil, u.disabled, u.last_login_at AS lastLoginAt, u.version
  FROM users u LEFT JOIN counsels c ON c.id = u.counsel_id`;

function toAccount(r: Row): UserAccount {
  return {
    ...r,
    roles: parseRoles(r.roles),
    mustChangePassword: Boolean(r.mustChangePassword),
    disabled: Boolean(r.disabled),
  };
}

export function listUsers(ctx: ServiceContext): UserAccount[] {
  return (ctx.ledger.sqlite.prepare(`${SELECT} ORDER BY u.id`).all() as Row[]).map(toAccount);
}

function getUser(ctx: ServiceContext, id: number): UserAccount {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE u.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('账号');
  return toAccount(row);
}

/** A counsel account must name its roster entry; other roles must not. */
function checkCounselLink(ctx: ServiceContext, roles: Role[], counselId: number | null | undefined): number | null {
  if (!roles.includes('counsel')) return null;
  if (!counselId) throw invalidField('counselId', '法律顾问账号须关联顾问名单中的一位顾问');
  const exists = ctx.ledger.sqlite.prepare('SELECT 1 FROM counsels WHERE id = ?').get(counselId);
  if (!exists) throw invalidField('counselId', '所选法律顾问不存在');
  return counselId;
}

export async function createUser(ctx: ServiceContext, input: ParsedInputOf<'users.create'>): Promise<UserAccount> {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw invalidField('password', problem);
  const hash = await hashPassword(input.password);
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    if (findUserByName(ctx.ledger.sqlite, input.username)) throw new AppError('CONFLICT', `用户名“${input.username}”已被使用`, [{ path: 'username', message: '用户名已被使用' }]);
    const counselId = checkCounselLink(ctx, input.roles, input.counselId);
    const { lastInsertRowid } = ctx.ledger.sqlite
      .prepare(
        `INSERT INTO users (username, display_name, roles, counsel_id, password_hash, must_change_password, created_at)
         VALUES (?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(input.username, input.displayName, input.roles.join(','), counselId, hash, ctx.now().toISOString());
    const created = getUser(ctx, Number(lastInsertRowid));
    appendAudit(ctx, { action: 'users.create', entity: 'user', entityId: created.username, after: created });
    return created;
  });
}

/** At least one usable administrator must remain, or nobody could manage accounts again. */
function assertAdminRemains(ctx: ServiceContext): void {
  const admins = (ctx.ledger.sqlite.prepare("SELECT roles FROM users WHERE disabled = 0").pluck().all() as string[]).filter((r) =>
    parseRoles(r).includes('admin'),
  );
  if (admins.length === 0) throw new AppError('INVALID_TRANSITION', '至少须保留一个可用的系统管理员账号');
}

export function updateUser(ctx: ServiceContext, input: ParsedInputOf<'users.update'>): UserAccount {
  const after = writeUser(ctx, input);
  // one's own account changed (e.g. the administrator takes the registrar role): the session has the new roles at once
  if (ctx.session && ctx.caller.userId === after.id) ctx.session.update({ displayName: after.displayName, roles: after.roles, counselId: after.counselId });
  return after;
}

function writeUser(ctx: ServiceContext, input: ParsedInputOf<'users.update'>): UserAccount {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getUser(ctx, input.id);
    if (before.version !== input.version) throw conflict();
    const roles = input.roles ?? before.roles;
    const counselId = checkCounselLink(ctx, roles, input.counselId === undefined ? before.counselId : input.counselId);
    ctx.ledger.sqlite
      .prepare('UPDATE users SET display_name = ?, roles = ?, counsel_id = ?, disabled = ?, version = version + 1 WHERE id = ? AND version = ?')
      .run(input.displayName ?? before.displayName, roles.join(','), counselId, Number(input.disabled ?? before.disabled), input.id, input.version);
    assertAdminRemains(ctx);
    const after = getUser(ctx, input.id);
    appendAudit(ctx, { action: 'users.update', entity: 'user', entityId: after.username, before, after });
    return after;
  });
}

export async function resetPassword(ctx: ServiceContext, input: ParsedInputOf<'users.resetPassword'>): Promise<UserAccount> {
  const user = findUserById(ctx.ledger.sqlite, input.id);
  if (!user) throw notFound('账号');
  const problem = passwordProblem(input.password, user.username);
  if (problem) throw invalidField('password', problem);
  const hash = await hashPassword(input.password);
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    ctx.ledger.sqlite
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until = NULL, version = version + 1 WHERE id = ?')
      .run(hash, input.id);
    const after = getUser(ctx, input.id);
    appendAudit(ctx, { action: 'users.resetPassword', entity: 'user', entityId: after.username });
    return after;
  });
}
