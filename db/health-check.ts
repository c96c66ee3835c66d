/**
 * The database's quick_check, run on a worker thread.
 *
 * openDatabase checks an existing file with quick_check before it opens it for
 * writing (RELIABILITY.md). quick_check reads every page: 2.3 s for a ledger of
 * 100,000 items (`npm run bench`), during which the calling thread can do
 * nothing else. In the app that thread is Electron's main process, which also
 * serves the window's files; run here, the check leaves it free, so the window
 * loads while the file is checked (electron/runtime.ts: startRuntime).
 *
 * Only an 'ok' is trusted. Anything else ('failed', or 'unavailable' when the
 * worker could not run at all) makes the caller check again on its own thread,
 * exactly as without this module, so the damaged-file path and its messages
 * stay in one place (db/open.ts).
 */
import { runSqliteWorker, type SqliteWorkerOptions } from './sqlite-worker';

export type OffThreadCheck = 'ok' | 'failed' | 'unavailable';

export type OffThreadCheckOptions = Pick<SqliteWorkerOptions, 'betterSqlite3'>;

const QUICK_CHECK = `
let db;
try {
  db = open(workerData.file, { readonly: true, fileMustExist: true });
  parentPort.postMessage(db.pragma('quick_check', { simple: true }) === 'ok' ? 'ok' : 'failed');
} catch (error) {
  parentPort.postMessage('failed');
} finally {
  try { if (db) db.close(); } catch (error) {}
}
`;

export async function quickCheckOffThread(file: string, options: OffThreadCheckOptions = {}): Promise<OffThreadCheck> {
  const result = await runSqliteWorker(QUICK_CHECK, { file }, options);
  return result.kind === 'answer' && (result.value === 'ok' || result.value === 'failed') ? result.value : 'unavailable';
}

/**
 * The full integrity_check (quick_check misses index damage: a row missing from
 * an index), on a worker thread with its own read-only connection: after each
 * start (runtime.ts), while the window is already in use. 'failed' carries
 * SQLite's first lines; 'unavailable' when the worker could not run, 'aborted'
 * when the runtime closed meanwhile.
 */
export type IntegrityResult = { kind: 'ok' } | { kind: 'failed'; detail: string } | { kind: 'unavailable' } | { kind: 'aborted' };

const INTEGRITY_CHECK = `
let db;
try {
  db = open(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma('integrity_check(20)', { simple: false }).map((r) => String(Object.values(r)[0]));
  parentPort.postMessage(rows.length === 1 && rows[0] === 'ok' ? { ok: true } : { detail: rows.slice(0, 3).join('；') });
} catch (error) {
  parentPort.postMessage({ detail: String(error && error.message) });
} finally {
  try { if (db) db.close(); } catch (error) {}
}
`;

export async function integrityCheckOffThread(file: string, options: SqliteWorkerOptions = {}): Promise<IntegrityResult> {
  const result = await runSqliteWorker(INTEGRITY_CHECK, { file }, options);
  if (result.kind !== 'answer') return { kind: result.kind };
  const value = result.value as { ok?: true; detail?: string };
  return value.ok ? { kind: 'ok' } : { kind: 'failed', detail: value.detail ?? '未知问题' };
}
