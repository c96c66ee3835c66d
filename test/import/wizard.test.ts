/**
 * The wizard's methods (import-contract.ts / import-handlers.ts) the way the
 * router runs them: input validated by the contract's schema, the role checked,
 * the handler called with a context that has the desktop's platform adapter.
 * The renderer never names a path: the file comes from the open dialog and is
 * then only a token, bound to the user and the database, that expires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importContract } from '#contract/import-contract';
import { importHandlers } from '#contract/import-handlers';
import type { Caller, ServiceContext } from '../../electron/services/context';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { currentJob } from '../../electron/services/import/jobs';
import { jobProgress } from '../../electron/services/jobs';
import type { PlatformAdapter } from '../../electron/services/platform';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { realLedger } from './fixtures';

type Method = keyof typeof importContract;

function wizard(platform: Partial<PlatformAdapter> = {}) {
  const app = testApp();
  const dir = tempDir();
  let caller: Caller = LOCAL_ADMIN;
  const host = {
    platform: { dataDir: dir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {}, ...platform },
    dbFile: app.ledger.file,
    defaultBackupDir: dir,
    restoreFrom: () => {
      throw new Error('not here');
    },
  };
  const ctx = (): ServiceContext => ({ ledger: app.ledger, caller, now: app.clock.now, host });
  /** validate like the router, then run the handler; throws the AppError (or a ZodError) */
  async function call<T = any>(method: Method, input: unknown = {}): Promise<T> {
    const def = importContract[method];
    if (!def.roles.some((r) => caller.roles.includes(r))) throw Object.assign(new Error('FORBIDDEN'), { code: 'FORBIDDEN' });
    const parsed = def.input.parse(input);
    const handler = importHandlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
    return (await handler(ctx(), parsed)) as T;
  }
  return { app, dir, call, ctx, as: (c: Caller) => (caller = c) };
}

describe('the import wizard', () => {
  it('choose → preview → correct → commit, with a token instead of a path', async () => {
    let file = '';
    const w = wizard({ chooseOpenPaths: async () => [file] });
    await seedBasics(w.app);
    file = await realLedger(w.dir);
    const info = await w.call('import.chooseFile');
    expect(info).toMatchObject({ fileName: '2025年法律顾问咨询台账.xlsx', format: 'xlsx', sheets: [{ name: '2025年台账' }, { name: '说明', score: 0 }] });
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(info)).not.toContain(w.dir);

    const first = await w.call('import.preview', { token: info.token });
    expect(first).toMatchObject({ canCommit: false, headerRow: 4, counts: { rows: 12, ready: 10 } });
    const fixed = await w.call('import.preview', { token: info.token, departments: [{ name: '法制办', action: 'map', id: 2 }] });
    expect(fixed.canCommit).toBe(true);
    expect(fixed.departments.find((d: { name: string }) => d.name === '法制办')).toMatchObject({ resolution: 'map', targetId: 2 });

    const result = await w.call('import.commit', { token: info.token, departments: [{ name: '法制办', action: 'map', id: 2 }] });
    expect(result).toMatchObject({ rowCount: 12, createdDepartments: [] });
    await expect(w.call('import.preview', { token: info.token })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '导入会话已过期或不存在，请重新选择文件' });

    const batches = await w.call('import.batches');
    expect(batches).toMatchObject([{ id: result.batchId, rowCount: 12, undoable: true }]);
    // the undo's progress goes into the page's job, read by jobs.progress (the one progress mechanism)
    expect(await w.call('import.undo', { batchId: result.batchId, jobId: 'undo-job-0001' })).toEqual({ batchId: result.batchId, removed: 12 });
    expect(jobProgress('undo-job-0001')).toEqual({ phase: 'done', done: 12, total: 12, finished: true });
    expect(currentJob(w.ctx())).toBeNull();
  });

  it('a cancelled dialog returns null; the template is saved where the user chose', async () => {
    const target = path.join(tempDir(), '模板.xlsx');
    const w = wizard({ chooseSavePath: async ({ defaultName }) => (defaultName === '法律顾问咨询台账导入模板.xlsx' ? target : null) });
    expect(await w.call('import.chooseFile')).toBeNull();
    const saved = await w.call('import.template');
    expect(saved).toEqual({ path: target, bytes: fs.statSync(target).size });
    expect(await wizard().call('import.template')).toBeNull();
  });

  it('a token works only for its user and database, expires after 30 idle minutes, and can be discarded', async () => {
    let file = '';
    const w = wizard({ chooseOpenPaths: async () => [file] });
    await seedBasics(w.app);
    file = await realLedger(w.dir);
    const { token } = await w.call('import.chooseFile');
    w.as({ ...LOCAL_ADMIN, username: 'someone-else' });
    await expect(w.call('import.preview', { token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.call('import.discard', { token })).toEqual({ discarded: false });
    w.as(LOCAL_ADMIN);
    const other = wizard();
    await expect(other.call('import.preview', { token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    w.app.clock.set('2025-06-10T02:29:00.000Z');
    await w.call('import.preview', { token });
    w.app.clock.set('2025-06-10T02:58:00.000Z');
    await w.call('import.preview', { token });
    w.app.clock.set('2025-06-10T03:29:00.000Z');
    await expect(w.call('import.preview', { token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await w.call('import.chooseFile');
    expect(await w.call('import.discard', { token: again.token })).toEqual({ discarded: true });
    await expect(w.call('import.preview', { token: again.token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only a registrar may import; inputs are strict (no paths, no extra keys, no field names from the file)', async () => {
    const w = wizard();
    for (const role of ['leader', 'counsel', 'admin'] as const) {
      w.as({ username: role, displayName: role, roles: [role] });
      for (const method of Object.keys(importContract) as Method[]) {
        await expect(w.call(method, {}), `${role} ${method}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    w.as(LOCAL_ADMIN);
    const token = 'A'.repeat(43);
    for (const input of [
      { token, path: '/etc/passwd' },
      { token: '../../x' },
      { token, mapping: [{ column: 0, field: '__proto__' }] },
      { token, mapping: [{ column: 999, field: 'title' }] },
      { token, departments: [{ name: 'x', action: 'delete' }] },
      JSON.parse(`{"token":"${token}","__proto__":{"polluted":1}}`),
    ]) {
      await expect(w.call('import.preview', input), JSON.stringify(input)).rejects.toMatchObject({ name: 'ZodError' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expect(w.call('import.preview', { token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
