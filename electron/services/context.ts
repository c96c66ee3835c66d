import type Database from 'better-sqlite3';
import type { Ledger } from '../../db/open';
import type { Role } from '../api/types';
import type { RestoreResult } from './backup/restore';
import type { PlatformAdapter } from './platform';

/** Who is calling. Until accounts exist the app runs as one local administrator. */
export interface Caller {
  username: string;
  displayName: string;
  roles: readonly Role[];
  /** set for a counsel's account: the roster entry they are */
  counselId?: number | null;
}

export interface ServiceContext {
  ledger: Ledger;
  caller: Caller;
  now(): Date;
  /** what the running app offers beyond the database (dialogs, backups); absent in plain service tests */
  host?: HostServices;
}

/** Supplied by the runtime (Electron app, browser harness, tests). */
export interface HostServices {
  platform: PlatformAdapter;
  dbFile: string;
  backupDir: string;
  /** Swap the live database for a verified backup: close, restore, reopen. */
  restoreFrom(file: string): RestoreResult;
}

export const LOCAL_ADMIN: Caller = {
  username: 'local-admin',
  displayName: '本机管理员',
  roles: ['admin', 'registrar'],
};

/** Run `fn` in one BEGIN IMMEDIATE transaction: the write and its audit record commit together. */
export function inWriteTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
