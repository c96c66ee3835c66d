/** A router over a test ledger with a scripted platform (file dialogs, open), as the app's host has. */
import path from 'node:path';
import { createRouter } from '#contract/router';
import { LOCAL_ADMIN } from '../../electron/services/context';
import type { PlatformAdapter } from '../../electron/services/platform';
import { tempDir, type TestApp } from './ledger';

export function withHost(app: TestApp, platform: Partial<PlatformAdapter> = {}) {
  const dataDir = tempDir();
  /** the files handed to the system's program */
  const opened: string[] = [];
  const full: PlatformAdapter = {
    dataDir,
    chooseSavePath: async () => null,
    chooseOpenPaths: async () => [],
    revealFile: async () => {},
    openFile: async (file) => {
      opened.push(file);
    },
    ...platform,
  };
  const router = createRouter({
    ledger: app.ledger,
    caller: () => LOCAL_ADMIN,
    now: app.clock.now,
    host: { platform: full, dbFile: app.ledger.file, defaultBackupDir: path.join(dataDir, 'b'), restoreFrom: () => { throw new Error('no'); } },
  });
  const call = async (m: string, i: unknown): Promise<any> => {
    const r = await router.call(m, i);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  return { call, dataDir, opened };
}
