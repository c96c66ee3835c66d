/**
 * The per-installation key of the audit chain (HMAC-SHA256), kept outside the
 * database so that someone who can only edit the database file cannot forge or
 * recompute records. Two homes, one per runtime:
 * - the app: 32 random bytes encrypted with Electron's safeStorage (DPAPI on
 *   Windows, bound to the Windows account), the ciphertext in
 *   `<db>.audit-key.enc` beside the database. main.ts passes safeStorage in as a
 *   KeyProtector; nothing here imports Electron.
 * - the command line, the browser harness and the tests: the key in
 *   `<db>.audit-key`, created with owner-only permissions (0600).
 * A database whose key is held by the app (only the .enc file exists) can be
 * read and checked from the command line but not written to.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { createWhole } from './backup/files';

/** Electron's safeStorage, as this module uses it. */
export interface KeyProtector {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface AuditKey {
  key: Buffer;
  /** a fingerprint of the key (not the key): recorded in the chain so a wrong key is told apart from tampering */
  id: string;
  source: 'file' | 'safeStorage';
}

export type AuditKeyState = AuditKey | { unavailable: string };

export const auditKeyFiles = (dbFile: string) => ({ plain: `${dbFile}.audit-key`, protected: `${dbFile}.audit-key.enc` });

export const keyId = (key: Buffer): string => createHmac('sha256', key).update('counsel-ledger audit key id').digest('hex').slice(0, 16);

function fromHex(hex: string, file: string): Buffer {
  const key = Buffer.from(hex.trim(), 'hex');
  if (key.length !== 32) throw new Error(`审计密钥文件 ${file} 已损坏（应为 64 位十六进制）`);
  return key;
}

function plainKey(file: string): AuditKey {
  if (!fs.existsSync(file)) createWhole(file, `${randomBytes(32).toString('hex')}\n`, 0o600);
  // owner-only, whatever a copy or an unpacking did to it (POSIX; Windows keeps the folder's ACL)
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = fromHex(fs.readFileSync(file, 'utf8'), file);
  return { key, id: keyId(key), source: 'file' };
}

function protectedKey(files: ReturnType<typeof auditKeyFiles>, protector: KeyProtector): AuditKey {
  if (!fs.existsSync(files.protected)) {
    // adopt a key the command line created for this database, else a new one
    const hex = fs.existsSync(files.plain) ? fromHex(fs.readFileSync(files.plain, 'utf8'), files.plain).toString('hex') : randomBytes(32).toString('hex');
    createWhole(files.protected, protector.encryptString(hex), 0o600);
    fs.rmSync(files.plain, { force: true });
  }
  const key = fromHex(protector.decryptString(fs.readFileSync(files.protected)), files.protected);
  return { key, id: keyId(key), source: 'safeStorage' };
}

/**
 * The key of this database's audit chain, created on first use. With a protector
 * that can encrypt (the app), the safeStorage file; without one, the plain key
 * file, unless the app holds the key, in which case the key is unavailable here.
 */
export function loadAuditKey(dbFile: string, protector?: KeyProtector): AuditKeyState {
  const files = auditKeyFiles(dbFile);
  try {
    if (protector?.isEncryptionAvailable()) return protectedKey(files, protector);
    if (fs.existsSync(files.protected) && !fs.existsSync(files.plain)) {
      return { unavailable: '此台账的审计密钥由桌面程序加密保管，命令行只能读取和校验（签名部分无法核对），不能写入。请在桌面程序中操作。' };
    }
    return plainKey(files.plain);
  } catch (error) {
    return { unavailable: `审计密钥无法读取：${(error as Error).message}` };
  }
}

/** The key each open connection uses; a connection without one loads the plain key file beside its database on first use. */
const keys = new WeakMap<Database.Database, AuditKeyState>();

export function registerAuditKey(sqlite: Database.Database, state: AuditKeyState): void {
  keys.set(sqlite, state);
}

export function auditKeyOf(sqlite: Database.Database): AuditKeyState {
  let state = keys.get(sqlite);
  if (!state) {
    state = loadAuditKey(sqlite.name);
    keys.set(sqlite, state);
  }
  return state;
}

/** The key state for a file opened only to be checked (a backup, the CLI's verify): never creates a key. */
export function existingAuditKey(dbFile: string): AuditKeyState {
  const files = auditKeyFiles(dbFile);
  if (!fs.existsSync(files.plain) && !fs.existsSync(files.protected)) return { unavailable: '没有审计密钥文件' };
  return loadAuditKey(dbFile);
}
