/**
 * Long calls (a report's export; reading, committing or undoing an import) carry
 * a job id the page makes up; while the call is pending, the page polls its
 * progress with `jobs.progress` (electron/services/jobs.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { JobProgress } from '#domain/types';
import { call } from './client';

const POLL_MS = 250;

/** A fresh job id: 32 hex digits (the contract accepts 8 to 64 letters, digits and dashes). */
export function newJobId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The progress of the job `jobId` while it is given (null before the work has reported anything, and without a job). */
export function useJobProgress(jobId: string | null): JobProgress | null {
  const q = useQuery({
    queryKey: ['jobs.progress', { jobId }],
    queryFn: () => (jobId ? call('jobs.progress', { jobId }) : null),
    enabled: jobId !== null,
    refetchInterval: jobId ? POLL_MS : false,
    staleTime: 0,
    gcTime: 0,
  });
  return jobId ? (q.data ?? null) : null;
}
