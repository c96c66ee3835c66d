import type Database from 'better-sqlite3';
import type { Ledger } from '../../db/open';
import type { Role } from '../api/types';

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
