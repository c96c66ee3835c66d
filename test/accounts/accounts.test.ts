import { describe, expect, it } from 'vitest';
import { createRouter } from '#contract/router';
import { Session } from '../../electron/services/accounts/session';
import { passwordProblem, SCRYPT_PARAMS, verifyPassword } from '../../electron/services/accounts/password';
import { fakeClock, tempLedger } from '../helpers/ledger';

function accountsApp() {
  const ledger = tempLedger();
  const clock = fakeClock('2025-06-10T02:00:00.000Z');
  const session = new Session(clock.now, () => 15);
  const router = createRouter({ ledger, caller: () => session.caller(), session, now: clock.now, onInternalError: (e) => { throw e; } });
  const call = async (method: string, input: unknown = {}) => router.call(method, input);
  const ok = async (method: string, input: unknown = {}) => {
    const r = await router.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as any;
  };
  const audit = () => ledger.sqlite.prepare('SELECT actor, action, result FROM audit_log ORDER BY id').all() as { actor: string; action: string; result: string }[];
  return { ledger, clock, session, router, call, ok, audit };
}

const ADMIN = { username: 'admin', displayName: '张管理', password: 'Guanli#2025' };

describe('password rules and hashing', () => {
  it('enforces length, three of four classes, and no user name', () => {
    expect(passwordProblem('Ab1!', 'zhang')).toMatch(/至少 8 位/);
    expect(passwordProblem('abcdefgh1', 'zhang')).toMatch(/至少三类/);
    expect(passwordProblem('ABCDEFGH!', 'zhang')).toMatch(/至少三类/);
    expect(passwordProblem('Zhang2025x', 'zhang')).toMatch(/不能包含用户名/);
    expect(passwordProblem('abcdefg1!', 'zhang')).toBeNull();
    expect(passwordProblem('Abcdefgh1', 'zhang')).toBeNull();
  });

  it('stores scrypt hashes at OWASP parameters (N=2^17, r=8, p=1) with a random salt', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    await app.ok('users.create', { username: 'li', displayName: '李经办', roles: ['registrar'], password: ADMIN.password.replace('Guanli', 'Jingban') });
    const hashes = app.ledger.sqlite.prepare('SELECT password_hash FROM users ORDER BY id').pluck().all() as string[];
    for (const h of hashes) {
      const [algo, N, r, p, salt, key] = h.split('$');
      expect([algo, Number(N), Number(r), Number(p)]).toEqual(['scrypt', 131072, 8, 1]);
      expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
      expect(Buffer.from(key!, 'base64')).toHaveLength(32);
      expect(h).not.toContain('Guanli');
    }
    expect(SCRYPT_PARAMS).toMatchObject({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword(ADMIN.password, hashes[0]!)).toBe(true);
    expect(await verifyPassword('Guanli#2026', hashes[0]!)).toBe(false);
  });
});

describe('first start and sign-in', () => {
  it('asks for the administrator first; there is no default account; setup happens once', async () => {
    const app = accountsApp();
    expect(await app.ok('auth.status')).toMatchObject({ setupNeeded: true, user: null });
    expect(await app.call('consultations.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await app.call('auth.login', { username: 'admin', password: 'admin' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await app.call('auth.setup', { ...ADMIN, password: 'weak' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const status = await app.ok('auth.setup', ADMIN);
    expect(status).toMatchObject({ setupNeeded: false, user: { username: 'admin', roles: ['admin'] } });
    expect(await app.call('auth.setup', { ...ADMIN, username: 'second' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('locks an account for 15 minutes after 5 wrong passwords, then lets it in', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    await app.ok('auth.logout');
    for (let i = 1; i <= 4; i++) {
      const r = await app.call('auth.login', { username: 'admin', password: `Wrong#${i}abc` });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining(`还可尝试 ${5 - i} 次`) } });
    }
    expect(await app.call('auth.login', { username: 'admin', password: 'Wrong#5abc' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('锁定 15 分钟') } });
    // the right password is refused while locked
    expect(await app.call('auth.login', { username: 'ADMIN', password: ADMIN.password })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已锁定') } });
    app.clock.set('2025-06-10T02:14:00.000Z');
    expect((await app.call('auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(false);
    app.clock.set('2025-06-10T02:15:01.000Z');
    expect(await app.ok('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({ user: { username: 'admin' } });
    const actions = app.audit().map((a) => `${a.action}:${a.result}`);
    expect(actions).toEqual([
      // the first setup loads the State Council's holiday schedule (one record per year)
      'auth.setup:ok', 'calendar.setHolidays:ok', 'calendar.setHolidays:ok', 'auth.logout:ok',
      'auth.login:refused', 'auth.login:refused', 'auth.login:refused', 'auth.login:refused',
      'auth.lockout:refused', 'auth.login:refused', 'auth.login:refused', 'auth.login:ok',
    ]);
  });

  it('an unknown user and a disabled account are refused, and audited', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    const u = await app.ok('users.create', { username: 'wang', displayName: '王查阅', roles: ['leader'], password: 'Chayue#2025' });
    await app.ok('users.update', { id: u.id, version: u.version, disabled: true });
    await app.ok('auth.logout');
    expect(await app.call('auth.login', { username: 'wang', password: 'Chayue#2025' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('停用') } });
    expect(await app.call('auth.login', { username: 'nobody', password: 'Chayue#2025' })).toMatchObject({ ok: false, error: { message: '用户名或密码错误' } });
    expect(app.audit().slice(-2)).toEqual([
      { actor: 'wang', action: 'auth.login', result: 'refused' },
      { actor: 'nobody', action: 'auth.login', result: 'refused' },
    ]);
  });

  it('the last administrator cannot be disabled or lose the role', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    const [me] = await app.ok('users.list');
    expect(await app.call('users.update', { id: me.id, version: me.version, disabled: true })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(await app.call('users.update', { id: me.id, version: me.version, roles: ['registrar'] })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});

describe('idle lock and forced password change', () => {
  it('locks after the idle period; only unlock works; unlocking with the password resumes the session', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    await app.ok('departments.list', {});
    app.clock.set('2025-06-10T02:14:00.000Z');
    await app.ok('departments.list', {}); // activity at 14 minutes keeps it open
    app.clock.set('2025-06-10T02:29:30.000Z');
    expect(await app.call('departments.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('锁定') } });
    expect(await app.ok('auth.status')).toMatchObject({ locked: true, user: { username: 'admin' } });
    expect(await app.call('auth.unlock', { password: 'Wrong#1abc' })).toMatchObject({ ok: false });
    expect(await app.ok('auth.unlock', { password: ADMIN.password })).toMatchObject({ locked: false });
    expect((await app.call('departments.list', {})).ok).toBe(true);
    // the user can also lock by hand
    await app.ok('auth.lock');
    expect((await app.call('departments.list', {})).ok).toBe(false);
  });

  it('after an admin reset the user must change the password before anything else', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    const u = await app.ok('users.create', { username: 'zhao', displayName: '赵经办', roles: ['registrar'], password: 'Jingban#2025' });
    expect(u.mustChangePassword).toBe(true);
    await app.ok('users.resetPassword', { id: u.id, password: 'Chongzhi#2025' });
    await app.ok('auth.logout');
    expect(await app.ok('auth.login', { username: 'zhao', password: 'Chongzhi#2025' })).toMatchObject({ mustChangePassword: true });
    expect(await app.call('consultations.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先修改密码' } });
    expect(await app.call('auth.changePassword', { currentPassword: 'Chongzhi#2025', newPassword: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('auth.changePassword', { currentPassword: 'Chongzhi#2025', newPassword: 'Chongzhi#2025' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.ok('auth.changePassword', { currentPassword: 'Chongzhi#2025', newPassword: 'Xinmima#2025' })).toMatchObject({ mustChangePassword: false });
    expect((await app.call('consultations.list', {})).ok).toBe(true);
    await app.ok('auth.logout');
    expect((await app.call('auth.login', { username: 'zhao', password: 'Chongzhi#2025' })).ok).toBe(false);
    expect((await app.call('auth.login', { username: 'zhao', password: 'Xinmima#2025' })).ok).toBe(true);
  });
});

describe('refusals are audited', () => {
  it('a call without sign-in and a call beyond the role are recorded as refused', async () => {
    const app = accountsApp();
    expect(await app.call('settings.update', { officeName: 'x' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await app.ok('auth.setup', ADMIN);
    await app.ok('users.create', { username: 'leader1', displayName: '刘主任', roles: ['leader'], password: 'Lingdao#2025' });
    await app.ok('auth.logout');
    await app.ok('auth.login', { username: 'leader1', password: 'Lingdao#2025' });
    await app.ok('auth.changePassword', { currentPassword: 'Lingdao#2025', newPassword: 'Lingdao#2026' });
    expect(await app.call('consultations.create', { title: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const refused = app.audit().filter((a) => a.result === 'refused');
    expect(refused).toEqual([
      { actor: '(未登录)', action: 'settings.update', result: 'refused' },
      { actor: 'leader1', action: 'consultations.create', result: 'refused' },
    ]);
    expect(await app.call('audit.verify')).toMatchObject({ ok: true, value: { ok: true } });
  });
});

const FIRST = { username: 'wangfang', displayName: '王芳', password: 'Ledger@2026' };

/**
 * Issue 25: setup is the administrator's first sign-in; the seeded office name
 * is a placeholder until saved; an administrator who gives themselves the
 * registrar role has it at once (audited, through users.update); the trash
 * list says why, by whom and when.
 */
describe('the first day', () => {
  it('records the setup as the administrator\'s sign-in (最近登录)', async () => {
    const a = accountsApp();
    await a.ok('auth.setup', FIRST);
    const [admin] = await a.ok('users.list');
    expect(admin.lastLoginAt).toBe('2025-06-10T02:00:00.000Z');
  });

  it('counts the office name as set only once an administrator saved one; the flag itself cannot be sent', async () => {
    const a = accountsApp();
    await a.ok('auth.setup', FIRST);
    expect(await a.ok('settings.get')).toMatchObject({ officeName: '市国防动员办公室', officeNameConfirmed: false });
    expect(await a.call('settings.update', { officeNameConfirmed: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await a.ok('settings.update', { serialPrefix: '法咨' });
    expect((await a.ok('settings.get')).officeNameConfirmed).toBe(false);
    await a.ok('settings.update', { officeName: '临江市国防动员办公室' });
    expect(await a.ok('settings.get')).toMatchObject({ officeName: '临江市国防动员办公室', officeNameConfirmed: true });
  });

  it('gives the administrator the registrar role at once, audited as users.update', async () => {
    const a = accountsApp();
    await a.ok('auth.setup', FIRST);
    expect(await a.call('departments.list')).toMatchObject({ ok: true });
    const dept = await a.ok('departments.create', { name: '综合处' });
    const cats = await a.ok('categories.list');
    const item = { title: '合同审查', categoryId: cats[0].id, departmentId: dept.id, requester: '', receivedOn: '2025-06-10', dueOn: null, itemCount: 1, description: '' };
    expect(await a.call('consultations.create', item)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const [me] = await a.ok('users.list');
    await a.ok('users.update', { id: me.id, version: me.version, roles: ['admin', 'registrar'] });
    // the same session, no new sign-in
    expect((await a.ok('auth.status')).user.roles).toEqual(['admin', 'registrar']);
    const created = await a.ok('consultations.create', item);
    expect(created.serialNo).toBe('法咨〔2025〕1号');
    const audited = a.ledger.sqlite.prepare("SELECT actor, entity_id AS entityId FROM audit_log WHERE action = 'users.update'").all();
    expect(audited).toEqual([{ actor: 'wangfang', entityId: 'wangfang' }]);

    // and the trash list says why, by whom and when
    await a.ok('consultations.trash', { id: created.id, version: created.version, reason: '重复登记' });
    const trash = await a.ok('consultations.list', { trashed: true });
    expect(trash.rows[0].trashed).toEqual({ reason: '重复登记', at: '2025-06-10T02:00:00.000Z', actor: 'wangfang', actorName: '王芳' });
    const live = await a.ok('consultations.list', {});
    expect(live.rows.every((r: { trashed?: unknown }) => r.trashed === undefined)).toBe(true);
  });
});
