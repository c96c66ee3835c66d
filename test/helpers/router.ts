/**
 * A router over a test ledger as the app's host runs it, for tests that script the platform
 * (file dialogs) and the caller themselves; an internal error is thrown to the test.
 */
import { createRouter, type Router } from '#contract/router';
import type { Session } from '../../electron/services/accounts/session';
import type { Caller } from '../../electron/services/context';
import type { PlatformAdapter } from '../../electron/services/platform';
import type { TestApp } from './ledger';

export interface HostedRouterOptions {
  caller: () => Caller | null;
  platform: PlatformAdapter;
  /** the folder 立即备份 writes to by default */
  defaultBackupDir: string;
  session?: Session;
}

export function hostedRouter(app: TestApp, { caller, platform, defaultBackupDir, session }: HostedRouterOptions): Router {
  return createRouter({
    ledger: app.ledger,
    caller,
    session,
    now: app.clock.now,
    onInternalError: (e) => {
      throw e;
    },
    host: {
      platform,
      dbFile: app.ledger.file,
      defaultBackupDir,
      restoreFrom: () => {
        throw new Error('not reached');
      },
    },
  });
}
