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
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type OffThreadCheck = 'ok' | 'failed' | 'unavailable';

export interface OffThreadCheckOptions {
  /** better_sqlite3.node for the running runtime's ABI, as openDatabase takes it */
  nativeBinding?: string;
  /** where better-sqlite3's entry module is; resolved from here by default (tests give a wrong one) */
  betterSqlite3?: string;
}

// CommonJS, evaluated by the worker: it needs nothing from the bundle but better-sqlite3.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let Database = null;
try {
  Database = require(workerData.module);
} catch (error) {
  parentPort.postMessage('unavailable');
}
if (Database) {
  let db;
  try {
    db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
    parentPort.postMessage(db.pragma('quick_check', { simple: true }) === 'ok' ? 'ok' : 'failed');
  } catch (error) {
    parentPort.postMessage('failed');
  } finally {
    try { if (db) db.close(); } catch (error) {}
  }
}
`;

export function quickCheckOffThread(file: string, options: OffThreadCheckOptions = {}): Promise<OffThreadCheck> {
  let module: string;
  try {
    module = options.betterSqlite3 ?? createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return Promise.resolve('unavailable');
  }
  return new Promise((resolve) => {
    let answer: OffThreadCheck = 'unavailable';
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file, nativeBinding: options.nativeBinding } });
    } catch {
      resolve('unavailable');
      return;
    }
    worker.once('message', (message: unknown) => {
      if (message === 'ok' || message === 'failed') answer = message;
    });
    worker.once('error', () => (answer = 'unavailable'));
    worker.once('exit', () => resolve(answer));
  });
}
