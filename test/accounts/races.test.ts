/**
 * Issue 19, findings 4 and 14: the lockout counts every attempt even when the
 * attempts arrive together (the count is taken in one statement before the
 * asynchronous scrypt), and a session follows its account as it is now.
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '#contract/router';
import { MAX_FAILED_ATTEMPTS } from '../../electron/services/accounts/accounts';
import { Session } from '../../electron/services/accounts/session';
import { fakeClock, tempLedger } from '../helpers/ledger';

function accountsApp() {
  const ledger = tempLedger();
  const clock = fakeClock('2025-06-10T02:00:00.000Z');
  const session = new Session(clock.now, () => 15);
  const router = createRouter({ ledger, caller: () => session.caller(), session, now: clock.now, onInternalError: (e) => { throw e; } });
  const call = (method: string, input: unknown = {}) => router.call(method, input);
  const ok = async (method: string, input: unknown = {}) => {
    const r = await router.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as any;
  };
  const account = (username: string) =>
    ledger.sqlite.prepare('SELECT failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM users WHERE username = ?').get(username) as {
      failedAttempts: number;
      lockedUntil: string | null;
    };
  const refusals = (actor: string) =>
    ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE actor = ? AND result = 'refused' AND action IN ('auth.login', 'auth.lockout', 'auth.unlock', 'auth.changePassword')").pluck().get(actor) as number;
  return { ledger, clock, session, call, ok, account, refusals };
}

const ADMIN = { username: 'admin', displayName: '张管理', password: 'Guanli#2025' };
const LOGIN = { username: ADMIN.username, password: ADMIN.password };
const wrong = (i: number) => `Wrong#${i}abcd`;

describe('lockout under parallel attempts (issue 19, finding 4)', () => {
  it('200 parallel wrong passwords each count: all refused, the account locked, every attempt audited', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    await app.ok('auth.logout');
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => app.call('auth.login', { username: 'admin', password: wrong(i) })));
    expect(results.every((r) => !r.ok && r.error.code === 'UNAUTHENTICATED')).toBe(true);
    // at most MAX attempts reached the password check; the rest were refused as locked
    const locked = results.filter((r) => !r.ok && r.error.message.includes('已锁定至'));
    expect(locked.length).toBe(200 - MAX_FAILED_ATTEMPTS);
    expect(app.account('admin')).toMatchObject({ failedAttempts: 200, lockedUntil: '2025-06-10T02:15:00.000Z' });
    expect(app.refusals('admin')).toBe(200);
    // the right password is refused while locked
    expect(await app.call('auth.login', LOGIN)).toMatchObject({ ok: false, error: { message: expect.stringContaining('已锁定') } });
    app.clock.set('2025-06-10T02:15:01.000Z');
    expect(await app.ok('auth.login', LOGIN)).toMatchObject({ user: { username: 'admin' } });
    expect(app.account('admin')).toEqual({ failedAttempts: 0, lockedUntil: null });
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true });
  });

  it('after 4 failures, 29 wrong passwords and the right one sent together: the right one is refused and the lock holds', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    await app.ok('auth.logout');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) expect((await app.call('auth.login', { username: 'admin', password: wrong(i) })).ok).toBe(false);
    const burst = [...Array.from({ length: 29 }, (_, i) => ({ username: 'admin', password: wrong(100 + i) })), LOGIN];
    const results = await Promise.all(burst.map((input) => app.call('auth.login', input)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { message: expect.stringContaining('已锁定') } });
    expect(app.account('admin').lockedUntil).toBe('2025-06-10T02:15:00.000Z');
    expect(app.account('admin').failedAttempts).toBe(MAX_FAILED_ATTEMPTS - 1 + 30);
    expect(app.session.caller()).toBeNull();
  });

  it('auth.unlock and auth.changePassword share the count: parallel wrong passwords lock the account and end the session', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    // changePassword: parallel wrong current passwords
    const changes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => app.call('auth.changePassword', { currentPassword: wrong(i), newPassword: 'Xinmima#2025' })),
    );
    expect(changes.every((r) => !r.ok)).toBe(true);
    expect(app.account('admin').failedAttempts).toBe(12);
    expect(app.account('admin').lockedUntil).toBe('2025-06-10T02:15:00.000Z');
    // after the lockout, unlocking with wrong passwords together, then with the right one: all refused
    app.clock.set('2025-06-10T02:16:00.000Z');
    await app.ok('auth.lock');
    const unlocks = await Promise.all(
      [...Array.from({ length: 9 }, (_, i) => ({ password: wrong(50 + i) })), { password: ADMIN.password }].map((input) => app.call('auth.unlock', input)),
    );
    expect(unlocks.every((r) => !r.ok)).toBe(true);
    expect(app.account('admin')).toMatchObject({ failedAttempts: 10, lockedUntil: '2025-06-10T02:31:00.000Z' });
    expect(app.session.caller()).toBeNull(); // locked out while unlocking: signed out
    expect(app.refusals('admin')).toBe(22);
  });
});

describe('a session follows its account (issue 19, finding 14)', () => {
  it('a demoted account loses the role on its next call; a disabled one is signed out at once', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    const second = await app.ok('users.create', { username: 'guan2', displayName: '李管理', roles: ['admin'], password: 'Guanli#2026' });
    await app.ok('auth.logout');
    await app.ok('auth.login', { username: 'guan2', password: 'Guanli#2026' });
    await app.ok('auth.changePassword', { currentPassword: 'Guanli#2026', newPassword: 'Guanli#2027' });
    expect((await app.call('users.list')).ok).toBe(true);
    // another administrator demotes guan2 (written straight to the database, as another session of the app would)
    app.ledger.sqlite.prepare("UPDATE users SET roles = 'leader', version = version + 1 WHERE id = ?").run(second.id);
    expect(await app.call('users.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.ok('auth.status')).toMatchObject({ user: { username: 'guan2', roles: ['leader'] } });
    // and disabled: signed out, refused, and the refusal audited under the account's name
    app.ledger.sqlite.prepare('UPDATE users SET disabled = 1, version = version + 1 WHERE id = ?').run(second.id);
    expect(await app.call('departments.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('停用') } });
    expect(await app.ok('auth.status')).toMatchObject({ user: null });
    const last = app.ledger.sqlite.prepare('SELECT actor, action, result FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ actor: 'guan2', action: 'departments.list', result: 'refused' });
  });

  it('an admin password reset forces the change on the next call of the signed-in user', async () => {
    const app = accountsApp();
    await app.ok('auth.setup', ADMIN);
    const me = (await app.ok('users.list'))[0];
    expect((await app.call('departments.list')).ok).toBe(true);
    app.ledger.sqlite.prepare('UPDATE users SET must_change_password = 1 WHERE id = ?').run(me.id);
    expect(await app.call('departments.list')).toMatchObject({ ok: false, error: { message: '请先修改密码' } });
  });
});
