/**
 * Progress of long work (report exports; reading, committing and undoing an
 * import) for the UI to poll while its call is pending: the call carries a job
 * id the page made up, the handler runs the work through `trackJob`, and
 * `jobs.progress` reads it. The one progress mechanism of the app. Kept in
 * memory; a finished job is forgotten after a minute.
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

/** Runs `work` with a reporter into the job `jobId` (a no-op without an id) and marks the job finished however the work ends. */
export async function trackJob<T>(jobId: string | undefined, work: (report: (phase: string, done: number, total: number) => void) => Promise<T>): Promise<T> {
  try {
    return await work((phase, done, total) => reportProgress(jobId, phase, done, total));
  } finally {
    finishJob(jobId);
  }
}
