/** electron/preload.ts against a stand-in 'electron' module. */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
  send: vi.fn((..._args: unknown[]) => undefined),
}));

vi.mock('electron', () => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: { invoke: fake.invoke, send: fake.send },
  };
  return { ...electron, default: electron };
});

const { IPC_CHANNEL, UNSAVED_CHANNEL } = await import('#contract/envelope');
const { METHOD_NAMES } = await import('#contract/methods');

type Bridge = { call(method: unknown, input?: unknown): Promise<unknown>; setUnsavedChanges(dirty: unknown): void };
let ledger: Bridge;

beforeAll(async () => {
  await import('../../electron/preload');
  ledger = fake.exposed.get('ledger') as Bridge;
});

describe('preload bridge', () => {
  it('passes only a boolean for unsaved changes: anything but true is false', () => {
    ledger.setUnsavedChanges(true);
    ledger.setUnsavedChanges('yes');
    ledger.setUnsavedChanges({ evil: true });
    ledger.setUnsavedChanges(false);
    expect(fake.send.mock.calls).toEqual([
      [UNSAVED_CHANNEL, true],
      [UNSAVED_CHANNEL, false],
      [UNSAVED_CHANNEL, false],
      [UNSAVED_CHANNEL, false],
    ]);
  });

  it('exposes exactly window.ledger with two frozen functions, and no ipcRenderer', () => {
    expect([...fake.exposed.keys()]).toEqual(['ledger']);
    expect(Object.keys(ledger)).toEqual(['call', 'setUnsavedChanges']);
    expect(Object.isFrozen(ledger)).toBe(true);
    expect(JSON.stringify(Object.getOwnPropertyNames(ledger))).not.toContain('ipc');
  });

  it('forwards a known method over the one channel', async () => {
    const method = METHOD_NAMES[0] ?? '';
    await expect(ledger.call(method, { q: 1 })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(fake.invoke).toHaveBeenCalledWith(IPC_CHANNEL, method, { q: 1 });
  });

  it.each([['no.such.method'], ['__proto__'], ['constructor'], ['toString'], [42], [null], [{ toString: () => 'app.info' }]])(
    'refuses %j without reaching main',
    async (method) => {
      fake.invoke.mockClear();
      await expect(ledger.call(method, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(fake.invoke).not.toHaveBeenCalled();
    },
  );
});
