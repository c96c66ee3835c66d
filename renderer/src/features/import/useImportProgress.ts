/** While an import job runs (reading, committing, undoing), its progress, polled from the main process. */
import { useQuery } from '@tanstack/react-query';
import type { ImportProgress } from '#contract/import-contract';
import { call } from '../../api/client';

export function useImportProgress(running: boolean): ImportProgress | null {
  const q = useQuery({
    queryKey: ['import.progress', {}],
    queryFn: () => call('import.progress', {}),
    enabled: running,
    refetchInterval: running ? 300 : false,
    staleTime: 0,
    gcTime: 0,
  });
  return running ? (q.data ?? null) : null;
}
