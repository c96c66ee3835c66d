/**
 * Progress of long work (exports, imports) for the UI to poll while its call is
 * pending: the call carries a job id the page made up, the work reports into it,
 * and `jobs.progress` reads it. Kept in memory; a finished job is forgotten after a minute.
 */
import type { JobProgress } from '#domain/types';

const jobs = new Map<string, JobProgress & { at: number }>();
const KEEP_MS = 60_000;

function prune(now: number): void {
  for (const [id, job] of jobs) if (job.finished && now - job.at > KEEP_MS) jobs.delete(id);
}

export function reportProgress(jobId: string | undefined, phase: string, done: number, total: number): void {
  if (!jobId) return;
  jobs.set(jobId, { phase, done, total, finished: false, at: Date.now() });
}

export function finishJob(jobId: string | undefined): void {
  if (!jobId) return;
  const job = jobs.get(jobId);
  jobs.set(jobId, { phase: 'done', done: job?.total ?? 0, total: job?.total ?? 0, finished: true, at: Date.now() });
  prune(Date.now());
}

export function jobProgress(jobId: string): JobProgress | null {
  const job = jobs.get(jobId);
  return job ? { phase: job.phase, done: job.done, total: job.total, finished: job.finished } : null;
}
