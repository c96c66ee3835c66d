/**
 * Issue 25, in the main process: setup is the administrator's first sign-in;
 * the seeded office name is a placeholder until saved; an administrator who
 * gives themselves the registrar role has it at once (audited, through
 * users.update); the trash list says why, by whom and when.
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../electron/api/router';
import { Session } from '../../electron/services/accounts/session';
import { fakeClock, tempLedger } from '../helpers/ledger';

function app() {
  const ledger = tempLedger();
  const clock = fakeClock('2026-03-02T02:00:00.000Z');
  const session = new Session(clock.now, () => 15);
  const router = createRouter({ ledger, caller: () => session.caller(), session, now: clock.now, onInternalError: (e) => { throw e; } });
  const call = async (method: string, input: unknown = {}) => router.call(method, input);
  const ok = async (method: string, input: unknown = {}) => {
    const r = await router.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as any;
  };
  return { ledger, call, ok };
}

const ADMIN = { username: 'wangfang', displayName: '王芳', password: 'Ledger@2026' };

describe('the first day', () => {
  it('records the setup as the administrator\'s sign-in (最近登录)', async () => {
    const a = app();
    await a.ok('auth.setup', ADMIN);
    const [admin] = await a.ok('users.list');
    expect(admin.lastLoginAt).toBe('2026-03-02T02:00:00.000Z');
  });

  it('counts the office name as set only once an administrator saved one; the flag itself cannot be sent', async () => {
    const a = app();
    await a.ok('auth.setup', ADMIN);
    expect(await a.ok('settings.get')).toMatchObject({ officeName: '市国防动员办公室', officeNameConfirmed: false });
    expect(await a.call('settings.update', { officeNameConfirmed: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await a.ok('settings.update', { serialPrefix: '法咨' });
    expect((await a.ok('settings.get')).officeNameConfirmed).toBe(false);
    await a.ok('settings.update', { officeName: '临江市国防动员办公室' });
    expect(await a.ok('settings.get')).toMatchObject({ officeName: '临江市国防动员办公室', officeNameConfirmed: true });
  });

  it('gives the administrator the registrar role at once, audited as users.update', async () => {
    const a = app();
    await a.ok('auth.setup', ADMIN);
    expect(await a.call('departments.list')).toMatchObject({ ok: true });
    const dept = await a.ok('departments.create', { name: '综合处' });
    const cats = await a.ok('categories.list');
    const item = { title: '合同审查', categoryId: cats[0].id, departmentId: dept.id, requester: '', receivedOn: '2026-03-02', dueOn: null, itemCount: 1, description: '' };
    expect(await a.call('consultations.create', item)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const [me] = await a.ok('users.list');
    await a.ok('users.update', { id: me.id, version: me.version, roles: ['admin', 'registrar'] });
    // the same session, no new sign-in
    expect((await a.ok('auth.status')).user.roles).toEqual(['admin', 'registrar']);
    const created = await a.ok('consultations.create', item);
    expect(created.serialNo).toBe('法咨〔2026〕1号');
    const audited = a.ledger.sqlite.prepare("SELECT actor, entity_id AS entityId FROM audit_log WHERE action = 'users.update'").all();
    expect(audited).toEqual([{ actor: 'wangfang', entityId: 'wangfang' }]);

    // and the trash list says why, by whom and when
    await a.ok('consultations.trash', { id: created.id, version: created.version, reason: '重复登记' });
    const trash = await a.ok('consultations.list', { trashed: true });
    expect(trash.rows[0].trashed).toEqual({ reason: '重复登记', at: '2026-03-02T02:00:00.000Z', actor: 'wangfang', actorName: '王芳' });
    const live = await a.ok('consultations.list', {});
    expect(live.rows.every((r: { trashed?: unknown }) => r.trashed === undefined)).toBe(true);
  });
});
