/**
 * A short CommonJS program run on a worker thread with better-sqlite3 loaded:
 * for the long reads of a large ledger (quick_check, the daily backup's
 * VACUUM INTO and integrity_check) that would otherwise stop the calling
 * thread, which in the app is Electron's main process serving the window.
 *
 * The program is source text, evaluated by the worker: it needs nothing from
 * the bundle (which differs between the app, the CLI and the tests) but
 * better-sqlite3, resolved here. It sees `workerData` (what the caller passed),
 * `parentPort`, `require`, and `open(file, options)`, which opens a database
 * (better-sqlite3's own prebuilt binary, the same in Node and Electron); it answers with one
 * `parentPort.postMessage(value)`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface SqliteWorkerOptions {
  /** where better-sqlite3's entry module is; resolved from here by default (tests give a wrong one) */
  betterSqlite3?: string;
  /** stops the worker (the program's native call in progress finishes first) */
  signal?: AbortSignal;
}

/** What came back: the program's message, or why there is none. */
export type SqliteWorkerResult =
  | { kind: 'answer'; value: unknown }
  /** the worker could not start or load better-sqlite3, or ended without answering */
  | { kind: 'unavailable' }
  | { kind: 'aborted' };

const prelude = (program: string) => `
const { parentPort, workerData } = require('node:worker_threads');
let Database = null;
try {
  Database = require(workerData.module);
} catch (error) {
  parentPort.postMessage({ __unavailable: true });
}
if (Database) {
  const open = (file, options) => new Database(file, options);
  ${program}
}
`;

export function runSqliteWorker(program: string, data: Record<string, unknown>, options: SqliteWorkerOptions = {}): Promise<SqliteWorkerResult> {
  let module: string;
  try {
    module = options.betterSqlite3 ?? createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return Promise.resolve({ kind: 'unavailable' });
  }
  if (options.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise((resolve) => {
    let result: SqliteWorkerResult = { kind: 'unavailable' };
    let worker: Worker;
    try {
      worker = new Worker(prelude(program), { eval: true, workerData: { ...data, module } });
    } catch {
      resolve(result);
      return;
    }
    const abort = () => {
      result = { kind: 'aborted' };
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (message: unknown) => {
      const unavailable = typeof message === 'object' && message !== null && '__unavailable' in message;
      if (result.kind !== 'aborted' && !unavailable) result = { kind: 'answer', value: message };
    });
    worker.once('error', () => {
      if (result.kind !== 'aborted') result = { kind: 'unavailable' };
    });
    worker.once('exit', () => {
      options.signal?.removeEventListener('abort', abort);
      resolve(result);
    });
  });
}
