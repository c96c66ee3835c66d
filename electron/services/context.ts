import type Database from 'better-sqlite3';
import type { Ledger } from '../../db/open';
import { LOCAL_ADMIN_NAME, LOCAL_ADMIN_USERNAME } from '../../db/queries/people';
import type { Role } from '#domain/types';
import type { RestoreResult } from './backup/restore';
import type { PlatformAdapter } from './platform';
import type { Session } from './accounts/session';

/** Who is calling. Until accounts exist the app runs as one local administrator. */
export interface Caller {
  username: string;
  displayName: string;
  roles: readonly Role[];
  /** set for a counsel's account: the roster entry they are */
  counselId?: number | null;
  /** the account's id; absent for the built-in local administrator of tests and the CLI */
  userId?: number;
  /** the session is locked (idle or by the user): only unlock is allowed */
  locked?: boolean;
  /** an admin reset the password: only changing it is allowed */
  mustChangePassword?: boolean;
}

/** Nobody signed in. */
export const ANONYMOUS: Caller = { username: '(未登录)', displayName: '', roles: [] };

export interface ServiceContext {
  ledger: Ledger;
  caller: Caller;
  now(): Date;
  /** what the running app offers beyond the database (dialogs, backups); absent in plain service tests */
  host?: HostServices;
  /** the signed-in session of this app instance; absent in plain service tests and the CLI */
  session?: Session;
}

/** Supplied by the runtime (Electron app, browser harness, tests). */
export interface HostServices {
  platform: PlatformAdapter;
  dbFile: string;
  /** the default backup folder (beside the database); backup-config.json may name another */
  defaultBackupDir: string;
  /** Swap the live database for a verified backup: close, restore, reopen. */
  restoreFrom(file: string): Promise<RestoreResult>;
}

export const LOCAL_ADMIN: Caller = {
  username: LOCAL_ADMIN_USERNAME,
  displayName: LOCAL_ADMIN_NAME,
  roles: ['admin', 'registrar'],
};

/** Run `fn` in one BEGIN IMMEDIATE transaction: the write and its audit record commit together. */
export function inWriteTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
