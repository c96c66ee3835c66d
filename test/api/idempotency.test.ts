/**
 * Issue 18, item 5: a repeated create with the same client request id (a double click,
 * a retry after a lost answer, the same form saved from two windows) registers once and
 * answers with the first result; no serial number is spent on the repeat. Keys are the
 * caller's own and are pruned after REQUEST_KEY_DAYS.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_KEY_DAYS } from '../../electron/services/consultations/write';
import type { ConsultationDetail } from '#domain/types';
import { seedBasics, testApp } from '../helpers/ledger';

const KEY = '4f1c2b9e-7d3a-4c55-9a1e-0b6f7c8d9e01';

async function setup() {
  const app = testApp();
  const b = await seedBasics(app);
  const input = { title: '某合同审查', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01', itemCount: 1 };
  const count = () => app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
  return { app, input, count };
}

describe('idempotent create', () => {
  it('two calls with one key at once make one item and both answer with it', async () => {
    const { app, input, count } = await setup();
    const [a, b] = await Promise.all([
      app.router.call('consultations.create', { ...input, requestId: KEY }),
      app.router.call('consultations.create', { ...input, requestId: KEY }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const [x, y] = [a, b].map((r) => (r as { ok: true; value: ConsultationDetail }).value);
    expect(x!.id).toBe(y!.id);
    expect(x!.serialNo).toBe(y!.serialNo);
    expect(count()).toBe(1);
    // a retry later (the answer was lost) still gets the first item, and no serial is spent
    const again = await app.call<ConsultationDetail>('consultations.create', { ...input, title: '改了标题再点一次', requestId: KEY });
    expect([again.id, again.title]).toEqual([x!.id, '某合同审查']);
    const next = await app.call<ConsultationDetail>('consultations.create', { ...input, requestId: 'another-key-0001' });
    expect(next.serialNo).toBe('法咨〔2025〕2号');
    expect(count()).toBe(2);
    // one audit record per item made
    expect(app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'consultations.create'").pluck().get()).toBe(2);
  });

  it('without a key every call creates (the CLI and old callers)', async () => {
    const { app, input, count } = await setup();
    await app.call('consultations.create', input);
    await app.call('consultations.create', input);
    expect(count()).toBe(2);
  });

  it('another account cannot use (or learn from) someone else’s key', async () => {
    const { app, input, count } = await setup();
    await app.call('consultations.create', { ...input, requestId: KEY });
    app.as({ username: 'zhangli', displayName: '张丽', roles: ['registrar'] });
    const r = await app.router.call('consultations.create', { ...input, requestId: KEY });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'requestId' }] } });
    expect(count()).toBe(1);
  });

  it('a malformed key is refused at the boundary', async () => {
    const { app, input, count } = await setup();
    const r = await app.router.call('consultations.create', { ...input, requestId: "x'; DROP TABLE consultations; --" });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(count()).toBe(0);
  });

  it('keys older than the window are pruned, so the table stays small', async () => {
    const { app, input } = await setup();
    app.clock.set('2025-06-01T02:00:00.000Z');
    await app.call('consultations.create', { ...input, requestId: 'old-key-00000001' });
    app.clock.set(new Date(Date.parse('2025-06-01T02:00:00.000Z') + (REQUEST_KEY_DAYS + 1) * 86_400_000).toISOString());
    await app.call('consultations.create', { ...input, requestId: 'new-key-00000001' });
    expect(app.ledger.sqlite.prepare('SELECT key FROM request_keys').pluck().all()).toEqual(['new-key-00000001']);
  });
});
