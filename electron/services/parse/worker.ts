/**
 * The parse worker's entry: one job (jobs.ts) per worker, answered with one
 * message. Built as its own file beside the app's main bundle and the CLI
 * (build/parse-worker.ts); run from source through tsx in tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { runJob, type ParseJob } from './jobs';

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; value: unknown }
  | { type: 'refused'; code: AppError['code']; message: string; issues?: AppError['issues'] }
  | { type: 'failed'; message: string };

const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

runJob(workerData as ParseJob, (done, total) => post({ type: 'progress', done, total })).then(
  (value) => post({ type: 'result', value }),
  (error: unknown) => {
    if (error instanceof AppError) post({ type: 'refused', code: error.code, message: error.message, issues: error.issues });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  },
);
