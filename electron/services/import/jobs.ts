/**
 * One long import task (reading a file, committing, undoing) per database at a
 * time. Its progress goes to the caller's `onProgress` (the handlers report it
 * into the page's job, electron/services/jobs.ts, read by jobs.progress). The guard is
 * module-level: two windows, or a double click, cannot start a second one.
 * Another process (the CLI) on the same file is kept out by SQLite's write lock.
 */
import path from 'node:path';
import type { ImportProgress } from '#contract/import-contract';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { releaseMemoryAfterJob } from '../memory';
import type { Progress } from './grid';

const running = new Map<string, ImportProgress>();

const keyOf = (ctx: ServiceContext): string => path.resolve(ctx.ledger.file);

export function currentJob(ctx: ServiceContext): ImportProgress | null {
  const job = running.get(keyOf(ctx));
  return job ? { ...job } : null;
}

/**
 * Run `task` as the database's one import job. Refused with CONFLICT while
 * another runs. `progress` is passed to the task; it updates the polled state
 * and calls `onProgress` too.
 */
export async function withImportJob<T>(
  ctx: ServiceContext,
  kind: ImportProgress['kind'],
  task: (progress: Progress) => T | Promise<T>,
  onProgress?: Progress,
): Promise<T> {
  const key = keyOf(ctx);
  if (running.has(key)) throw new AppError('CONFLICT', '已有导入任务正在进行，请等待其完成后再试');
  const job: ImportProgress = { kind, done: 0, total: 0, startedAt: ctx.now().toISOString() };
  running.set(key, job);
  try {
    return await task((done, total) => {
      job.done = done;
      job.total = total;
      onProgress?.(done, total);
    });
  } finally {
    running.delete(key);
    releaseMemoryAfterJob();
  }
}
