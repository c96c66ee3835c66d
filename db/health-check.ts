/**
 * The database's quick_check, run on a worker thread.
 *
 * openDatabase checks an existing file with quick_check before it opens it for
 * writing (RELIABILITY.md). quick_check reads every page: 2.3 s for a ledger of
 * 100,000 items (`npm run bench`), during which the calling thread can do
 * nothing else. In the app that thread is Electron's main process, which also
 * serves the window's files; run here, the check leaves it free, so the window
 * loads while the file is checked (electron/api/runtime.ts: startRuntime).
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
