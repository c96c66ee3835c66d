import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { MIGRATIONS } from './migrations.generated';
import { rebuildSearchIndex, searchIndexIsCurrent } from './queries/search';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Ledger {
  file: string;
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

export interface OpenOptions {
  /** Where the copy taken before a migration goes; defaults to `<dir>/backups`. */
  backupDir?: string;
  now?: () => Date;
  /**
   * The caller has just run quick_check on this file off its own thread and it
   * passed (db/health-check.ts), so it is not run again here. The -wal check,
   * which is cheap, is always made.
   */
  quickChecked?: boolean;
}

/** Schema version this build knows = number of migrations shipped. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'FROM_THE_FUTURE' | 'NOT_A_LEDGER' | 'MIGRATION_FAILED' | 'CORRUPT',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

export function schemaVersionOf(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/**
 * Open (creating if needed) a ledger database and bring its schema up to date.
 * A database written by a newer version is refused, never "migrated"; an existing
 * database is copied aside before any migration touches it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Ledger {
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  // Check a damaged file read-only first: opening it read-write could write to it.
  if (existed) {
    assertWalLooksValid(file);
    if (!options.quickChecked) assertQuickCheck(file);
  }
  const sqlite = new Database(file);
  try {
    applyPragmas(sqlite);
    const current = schemaVersionOf(sqlite);
    if (current > SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        'FROM_THE_FUTURE',
        `该数据库由较新版本的软件写入（数据库结构版本 ${current}，本软件支持到 ${SCHEMA_VERSION}）。为保护数据已拒绝打开，请升级本软件后再试。`,
      );
    }
    if (current < SCHEMA_VERSION) {
      if (existed && current > 0) {
        copyBeforeMigration(sqlite, file, options);
      } else if (existed && current === 0 && hasUserTables(sqlite)) {
        throw new DatabaseOpenError('NOT_A_LEDGER', '该文件不是本软件的台账数据库，已拒绝打开。');
      }
      migrate(sqlite, current);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }
  try {
    if (!searchIndexIsCurrent(sqlite)) rebuildSearchIndex(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = drizzle(sqlite, { schema });
  return { file, sqlite, db, close: () => sqlite.close() };
}

const WAL_MAGIC = new Set([0x377f0682, 0x377f0683]);

/** False when a -wal file sits beside the database whose header is not SQLite's. */
export function walLooksValid(file: string): boolean {
  const wal = `${file}-wal`;
  if (!fs.existsSync(wal) || fs.statSync(wal).size === 0) return true;
  const fd = fs.openSync(wal, 'r');
  try {
    const header = Buffer.alloc(32);
    const n = fs.readSync(fd, header, 0, 32, 0);
    return n === 32 && WAL_MAGIC.has(header.readUInt32BE(0));
  } finally {
    fs.closeSync(fd);
  }
}

/** A -wal that is not ours is refused rather than silently discarded by SQLite. */
function assertWalLooksValid(file: string): void {
  if (!walLooksValid(file)) {
    throw new DatabaseOpenError('CORRUPT', `数据库旁的日志文件（${path.basename(file)}-wal）已损坏或不属于本数据库，为保护数据已停止打开。`);
  }
}

/**
 * quick_check on a read-only connection. Any failure (not a database, a damaged
 * page, a bad header) is reported as CORRUPT and the file is left untouched.
 */
function assertQuickCheck(file: string): void {
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const result = ro.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(String(result));
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError('CORRUPT', `数据库文件已损坏，为保护数据已停止打开（${(error as Error).message}）。可从最近一次经过校验的备份恢复。`);
  } finally {
    ro?.close();
  }
}

function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n > 0;
}

/** Apply every pending migration in one transaction, then record the version. */
function migrate(sqlite: Database.Database, from: number): void {
  const pending = MIGRATIONS.slice(from);
  // Foreign keys cannot be switched inside a transaction; table rebuilds need them off.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite
      .transaction(() => {
        for (const migration of pending) {
          for (const statement of migration.statements) sqlite.exec(statement);
        }
        const problems = sqlite.pragma('foreign_key_check') as unknown[];
        if (problems.length > 0) throw new Error(`foreign_key_check failed after migration: ${problems.length} rows`);
        sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  } catch (error) {
    throw new DatabaseOpenError('MIGRATION_FAILED', `数据库升级失败，数据未作任何改动：${(error as Error).message}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

function copyBeforeMigration(sqlite: Database.Database, file: string, options: OpenOptions): void {
  const dir = options.backupDir ?? path.join(path.dirname(file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  // Same naming as electron/services/backup, so the copy is listed (and offered) with the other backups.
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[-:]/g, '').replace('.', '');
  const base = `ledger-${stamp}-pre-migration.sqlite3`;
  const finalPath = path.join(dir, base);
  const tmpPath = `${finalPath}.partial`;
  fs.rmSync(tmpPath, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(tmpPath);
  const fd = fs.openSync(tmpPath, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmpPath, finalPath);
}
