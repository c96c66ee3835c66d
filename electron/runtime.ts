/**
 * What the Electron main process (and the browser harness) start: the data-folder
 * lock, the database (checked, migrated before any call is answered), the daily backup, and
 * the router over it. A damaged database puts the runtime in recovery mode: it is
 * never written to, and only the recovery methods answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { integrityCheckOffThread, quickCheckOffThread, type IntegrityResult } from '../db/health-check';
import { DatabaseOpenError, openDatabase, type Ledger } from '../db/open';
import { clearOpenedCopies } from './services/attachments/attachments';
import { appendAudit, ensureKeyedChain } from './services/audit';
import { loadAuditKey, registerAuditKey, type KeyProtector } from './services/audit-key';
import { autoBackupIfDue, listAllBackups, newestVerifiedBackup, type BackupInfo } from './services/backup/backup';
import { backupFolders, readBackupConfig, resolveBackupTarget } from './services/backup/config';
import { acquireDataLock } from './services/backup/lock';
import { restoreDatabase, type RestoreResult } from './services/backup/restore';
import { ANONYMOUS, LOCAL_ADMIN, type Caller, type HostServices } from './services/context';
import { Session } from './services/accounts/session';
import { readSettings } from './services/settings';
import type { PlatformAdapter } from './services/platform';
import type { Envelope } from '#contract/envelope';
import type { RecoveryStatus } from '#domain/types';
import { createRouter, type Router } from '#contract/router';

export interface RuntimeOptions {
  dbFile: string;
  platform: PlatformAdapter;
  /** the default backup folder; defaults to backups/ beside the database (backup-config.json may name another) */
  backupDir?: string;
  now?: () => Date;
  /** where problems are written when the database cannot be; defaults to console.error */
  log?: (line: string) => void;
  /**
   * 'accounts': people sign in (first start creates the administrator);
   * 'localAdmin': one built-in local administrator, for the CLI and tests of
   * features that are not about accounts.
   */
  auth?: 'accounts' | 'localAdmin';
  /** quick_check has just passed off this thread (startRuntime): the first open skips it */
  quickChecked?: boolean;
  /**
   * Encrypts the audit chain's key (Electron's safeStorage, given by main.ts);
   * without it the key is a file beside the database with owner-only permissions (audit-key.ts).
   */
  auditKeyProtector?: KeyProtector;
}


export interface Runtime {
  /** the open database; null while in recovery mode */
  ledger(): Ledger | null;
  router: Router;
  host: HostServices;
  /** the day's automatic backup, taken off the main thread: null when it was not due or failed (logged, and told by recovery.status until a backup succeeds) */
  autoBackup: Promise<BackupInfo | null>;
  /** the full integrity_check after the start, off the main thread; a failure makes the runtime read-only */
  integrityChecked: Promise<IntegrityResult>;
  close(): void;
}

/**
 * createRuntime, with the database's quick_check first run on a worker thread
 * (db/health-check.ts), so that the calling thread stays free meanwhile: the
 * Electron main process serves the window's files while a large ledger is
 * checked. When the worker's check does not say 'ok', createRuntime checks
 * again on this thread, as it always has, and a damaged file puts the runtime
 * in recovery mode with the usual message.
 */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const existed = fs.existsSync(opts.dbFile) && fs.statSync(opts.dbFile).size > 0;
  const check = existed ? await quickCheckOffThread(opts.dbFile) : 'unavailable';
  return createRuntime({ ...opts, quickChecked: check === 'ok' });
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const now = opts.now ?? (() => new Date());
  const backupDir = opts.backupDir ?? path.join(path.dirname(opts.dbFile), 'backups');
  const log = opts.log ?? ((line: string) => console.error(line));
  const open = (quickChecked = false) => {
    const opened = openDatabase(opts.dbFile, { backupDir, now, quickChecked });
    try {
      registerAuditKey(opened.sqlite, loadAuditKey(opts.dbFile, opts.auditKeyProtector));
      ensureKeyedChain(opened.sqlite, now());
    } catch (error) {
      opened.close();
      throw error;
    }
    return opened;
  };
  const lock = acquireDataLock(opts.dbFile);
  // copies opened (打开) in earlier sessions: only this process, holding the lock, may remove them
  clearOpenedCopies(opts.platform.dataDir);

  let ledger: Ledger | null = null;
  let problem: string | null = null;
  try {
    ledger = open(opts.quickChecked === true);
  } catch (error) {
    // Whatever keeps the data from opening (damaged, foreign, from a newer version, a failed
    // migration) puts the runtime in recovery mode: the window shows why, and the newest backup.
    problem = error instanceof DatabaseOpenError ? error.message : `数据库无法打开：${(error as Error).message}`;
    recordRecoveryEvent(opts.dbFile, now(), `damaged: ${problem}`, log);
  }
  const backupTarget = () => resolveBackupTarget(opts.dbFile, readBackupConfig(opts.dbFile), backupDir);
  // The day's automatic backup runs on a worker thread while calls are answered
  // (seconds for a large ledger); a restore waits for it, close() stops it.
  const stopBackup = new AbortController();
  let autoBackup: Promise<BackupInfo | null> = Promise.resolve(null);
  /** the last automatic backup that failed; told until a newer backup exists */
  let backupFailure: { at: string; message: string } | null = null;
  if (ledger) {
    const target = backupTarget();
    if (target.fallbackReason) log(`[backup] chosen folder ${target.chosen} cannot be used (${target.fallbackReason}); backing up to ${target.dir}`);
    const rotation = readBackupConfig(opts.dbFile).rotation;
    autoBackup = autoBackupIfDue(ledger.sqlite, target.dir, now(), rotation, backupFolders(target), {
      signal: stopBackup.signal,
    }).catch((error: unknown) => {
      if (!stopBackup.signal.aborted) {
        log(`[backup] automatic backup failed: ${(error as Error).message}`);
        backupFailure = { at: now().toISOString(), message: (error as Error).message };
      }
      return null;
    });
  }

  // The full integrity_check, on a worker while calls are answered. Damage it finds (an index
  // missing rows, which quick_check does not see) makes the database read-only at once and
  // recovery is offered; the damaged file is never written to again.
  let readOnlyProblem: string | null = null;
  let integrityChecked: Promise<IntegrityResult> = Promise.resolve({ kind: 'unavailable' });
  if (ledger) {
    const checked = ledger;
    integrityChecked = integrityCheckOffThread(opts.dbFile, { signal: stopBackup.signal }).then((r) => {
      if (r.kind === 'failed' && ledger === checked) {
        checked.sqlite.pragma('query_only = ON');
        readOnlyProblem = `数据库完整性检查未通过（${r.detail}）。为保护数据，台账已转为只读，请从备份恢复。`;
        recordRecoveryEvent(opts.dbFile, now(), `integrity_check failed: ${r.detail}`, log);
      }
      return r;
    });
  }

  const session = new Session(now, () => (ledger ? readSettings(ledger.db).idleLockMinutes : 15));
  const caller = (): Caller | null => ((opts.auth ?? 'accounts') === 'localAdmin' ? LOCAL_ADMIN : session.caller());

  const host: HostServices = {
    platform: opts.platform,
    dbFile: opts.dbFile,
    defaultBackupDir: backupDir,
    async restoreFrom(file: string): Promise<RestoreResult> {
      await autoBackup; // its worker reads the live file
      await integrityChecked; // and so does this one
      ledger?.close();
      ledger = null;
      let result: RestoreResult;
      try {
        result = restoreDatabase(opts.dbFile, file, backupDir, now(), { keyState: loadAuditKey(opts.dbFile, opts.auditKeyProtector) });
      } finally {
        // Reopen whichever database the live path now holds (the old one if the restore failed).
        try {
          ledger = open();
        } catch (error) {
          problem = (error as Error).message;
        }
      }
      const wasDamaged = problem !== null || readOnlyProblem !== null;
      problem = null;
      readOnlyProblem = null;
      const live = ledger as Ledger | null;
      if (live) {
        live.sqlite
          .transaction(() =>
            appendAudit(
              { ledger: live, caller: caller() ?? ANONYMOUS, now },
              { action: wasDamaged ? 'recovery.restore' : 'backups.restore', entity: 'backup', entityId: path.basename(file), after: result },
            ),
          )
          .immediate();
      }
      return result;
    },
  };

  const router = createRouter({ ledger: () => ledger!, caller, session, now, host });

  /** a failed automatic backup, until any backup newer than the failure exists */
  const backupProblem = (): RecoveryStatus['backupProblem'] => {
    if (!backupFailure) return null;
    const since = backupFailure.at;
    if (listAllBackups(backupFolders(backupTarget())).some((b) => b.takenAt >= since)) backupFailure = null;
    return backupFailure ? { at: backupFailure.at, reason: backupFailure.message } : null;
  };

  const recoveryStatus = (): RecoveryStatus => {
    const damage = problem ?? readOnlyProblem;
    const newest = damage ? newestVerifiedBackup(backupFolders(backupTarget())) : null;
    return {
      damaged: damage !== null,
      problem: damage,
      newestBackup: newest ? { name: newest.name, takenAt: newest.takenAt, consultations: newest.check.consultations } : null,
      backupProblem: backupProblem(),
    };
  };

  const routerWithRecovery: Router = {
    async call(method, input): Promise<Envelope<unknown>> {
      if (method === 'recovery.status') return { ok: true, value: recoveryStatus() };
      if (!problem && readOnlyProblem && method !== 'recovery.restoreNewest') {
        // read-only: reads are answered; a write fails on query_only and is told as such
        const answer = await router.call(method, input);
        return !answer.ok && answer.error.code === 'INTERNAL' ? { ok: false, error: { code: 'UNAVAILABLE', message: readOnlyProblem } } : answer;
      }
      if (!problem && !readOnlyProblem) {
        if (method === 'recovery.restoreNewest') {
          return { ok: false, error: { code: 'INVALID_TRANSITION', message: '数据库完好，无需恢复' } };
        }
        return router.call(method, input);
      }
      if (method === 'recovery.restoreNewest') {
        const newest = newestVerifiedBackup(backupFolders(backupTarget()));
        if (!newest) return { ok: false, error: { code: 'NOT_FOUND', message: '没有找到可用的备份。请联系系统管理员。' } };
        try {
          const r = await host.restoreFrom(newest.file);
          recordRecoveryEvent(opts.dbFile, now(), `restored from ${newest.name}`, log);
          return { ok: true, value: { restoredFrom: path.basename(r.restoredFrom), replacedCopy: r.replacedCopy ? path.basename(r.replacedCopy) : null } };
        } catch (error) {
          return { ok: false, error: { code: 'INTERNAL', message: `恢复失败：${(error as Error).message}` } };
        }
      }
      return { ok: false, error: { code: 'UNAVAILABLE', message: '数据库已损坏，当前只能从备份恢复。' } };
    },
  };

  return {
    ledger: () => ledger,
    router: routerWithRecovery,
    host,
    autoBackup,
    integrityChecked,
    close() {
      stopBackup.abort();
      ledger?.close();
      ledger = null;
      lock.release();
    },
  };
}

/** The database cannot record its own damage, so the event goes to a log file beside it. */
function recordRecoveryEvent(dbFile: string, at: Date, line: string, log: (line: string) => void): void {
  const entry = `${at.toISOString()} ${line}\n`;
  try {
    fs.appendFileSync(path.join(path.dirname(dbFile), 'recovery.log'), entry);
  } catch {
    /* the folder may be read-only; the console still gets it */
  }
  log(`[recovery] ${line}`);
}
