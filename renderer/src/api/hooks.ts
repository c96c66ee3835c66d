/** TanStack Query over the typed client: queries keyed by [method, input]; any write refreshes everything. */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../electron/api/contract';
import type { Role } from '../../../electron/api/types';
import { ApiError, call } from './client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // a refusal from the service will not change on retry; a transport hiccup may
        retry: (count, error) => count < 1 && (!(error instanceof ApiError) || error.transport),
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
    },
  });
}

export function useApi<M extends MethodName>(method: M, input: InputOf<M>, options: { enabled?: boolean } = {}) {
  return useQuery<OutputOf<M>, ApiError>({
    queryKey: [method, input],
    queryFn: () => call(method, input),
    ...options,
  });
}

/**
 * A write. Everything cached is refreshed afterwards: the app is local and
 * small, and a stale count somewhere is worse than one more query.
 */
export function useApiMutation<M extends MethodName>(method: M) {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<M>, ApiError, InputOf<M>>({
    mutationFn: (input) => call(method, input),
    onSettled: () => queryClient.invalidateQueries(),
  });
}

export function useAppInfo() {
  return useApi('app.info', {});
}

export function useSettings() {
  return useApi('settings.get', {});
}

/** Whether roles may call a method: the contract's own role list, so the UI and the router agree. */
export function canCall(roles: readonly Role[] | undefined, method: MethodName): boolean {
  if (!roles) return false;
  return contract[method].roles.some((r) => roles.includes(r));
}

export function useCan(): (method: MethodName) => boolean {
  const roles = useAppInfo().data?.user.roles;
  return useCallback((method: MethodName) => canCall(roles, method), [roles]);
}
