/**
 * What the Electron main process (and the browser harness) start: the database,
 * opened and migrated before any window, and the router over it.
 */
import { openDatabase, type Ledger } from '../../db/open';
import { LOCAL_ADMIN, type Caller } from '../services/context';
import type { PlatformAdapter } from '../services/platform';
import { createRouter, type Router } from './router';

export interface RuntimeOptions {
  dbFile: string;
  nativeBinding?: string;
  platform: PlatformAdapter;
  now?: () => Date;
}

export interface Runtime {
  ledger: Ledger;
  router: Router;
  platform: PlatformAdapter;
  close(): void;
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const ledger = openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding, now: opts.now });
  // Until accounts exist, the app runs as one local administrator.
  const caller = (): Caller => LOCAL_ADMIN;
  const router = createRouter({ ledger, caller, now: opts.now });
  return { ledger, router, platform: opts.platform, close: () => ledger.close() };
}
