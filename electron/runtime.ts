/**
 * What the Electron main process (and the browser harness) start: the data-folder
 * lock, the database (checked, migrated before any call is answered), the daily backup, and
 * the router over it. A damaged database puts the runtime in recovery mode: it is
 * never written to, and only the recovery methods answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { quickCheckOffThread } from '../db/health-check';
import { DatabaseOpenError, openDatabase, type Ledger } from '../db/open';
import { appendAudit } from './services/audit';
import { autoBackupIfDue, newestVerifiedBackup, type BackupInfo } from './services/backup/backup';
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
  nativeBinding?: string;
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
}


export interface Runtime {
  /** the open database; null while in recovery mode */
  ledger(): Ledger | null;
  router: Router;
  host: HostServices;
  /** the day's automatic backup, taken off the main thread: null when it was not due or failed (logged) */
  autoBackup: Promise<BackupInfo | null>;
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
  const check = existed ? await quickCheckOffThread(opts.dbFile, { nativeBinding: opts.nativeBinding }) : 'unavailable';
  return createRuntime({ ...opts, quickChecked: check === 'ok' });
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const now = opts.now ?? (() => new Date());
  const backupDir = opts.backupDir ?? path.join(path.dirname(opts.dbFile), 'backups');
  const log = opts.log ?? ((line: string) => console.error(line));
  const open = (quickChecked = false) => openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding, backupDir, now, quickChecked });
  const lock = acquireDataLock(opts.dbFile);

  let ledger: Ledger | null = null;
  let problem: string | null = null;
  try {
    ledger = open(opts.quickChecked === true);
  } catch (error) {
    if (!(error instanceof DatabaseOpenError && error.reason === 'CORRUPT')) {
      lock.release();
      throw error;
    }
    problem = error.message;
    recordRecoveryEvent(opts.dbFile, now(), `damaged: ${problem}`, log);
  }
  const backupTarget = () => resolveBackupTarget(opts.dbFile, readBackupConfig(opts.dbFile), backupDir);
  // The day's automatic backup runs on a worker thread while calls are answered
  // (seconds for a large ledger); a restore waits for it, close() stops it.
  const stopBackup = new AbortController();
  let autoBackup: Promise<BackupInfo | null> = Promise.resolve(null);
  if (ledger) {
    const target = backupTarget();
    if (target.fallbackReason) log(`[backup] chosen folder ${target.chosen} cannot be used (${target.fallbackReason}); backing up to ${target.dir}`);
    const rotation = readBackupConfig(opts.dbFile).rotation;
    autoBackup = autoBackupIfDue(ledger.sqlite, target.dir, now(), rotation, backupFolders(target), {
      nativeBinding: opts.nativeBinding,
      signal: stopBackup.signal,
    }).catch((error: unknown) => {
      if (!stopBackup.signal.aborted) log(`[backup] automatic backup failed: ${(error as Error).message}`);
      return null;
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
      ledger?.close();
      ledger = null;
      let result: RestoreResult;
      try {
        result = restoreDatabase(opts.dbFile, file, backupDir, now());
      } finally {
        // Reopen whichever database the live path now holds (the old one if the restore failed).
        try {
          ledger = open();
        } catch (error) {
          problem = (error as Error).message;
        }
      }
      const wasDamaged = problem !== null;
      problem = null;
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

  const recoveryStatus = (): RecoveryStatus => {
    const newest = problem ? newestVerifiedBackup(backupFolders(backupTarget())) : null;
    return {
      damaged: problem !== null,
      problem,
      newestBackup: newest ? { name: newest.name, takenAt: newest.takenAt, consultations: newest.check.consultations } : null,
    };
  };

  const routerWithRecovery: Router = {
    async call(method, input): Promise<Envelope<unknown>> {
      if (method === 'recovery.status') return { ok: true, value: recoveryStatus() };
      if (!problem) {
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
