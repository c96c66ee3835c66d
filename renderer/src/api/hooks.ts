/** TanStack Query over the typed client: queries keyed by [method, input]; any write refreshes everything. */
import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { InputOf, MethodName, OutputOf } from '#contract/contract';
import type { AuthStatus, Role } from '#domain/types';
import { servesEnd, type AppEnd } from '#domain/ends';
import { ApiError, call } from './client';
import { canCall } from './roles';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // a refusal from the service will not change on retry; a transport hiccup may
        retry: (count, error) => count < 1 && (!(error instanceof ApiError) || error.transport),
        refetchOnWindowFocus: false,
        staleTime: 5_000,
        // the service is local: a PC without a network is the normal case, never a reason to pause
        networkMode: 'always',
      },
      mutations: { networkMode: 'always' },
    },
  });
}

export const AUTH_STATUS_KEY: QueryKey = ['auth.status', {}];
export const RECOVERY_STATUS_KEY: QueryKey = ['recovery.status', {}];

/** The keys that outlive a sign-in: who is signed in, and whether the database is usable. */
export function isSessionKey(key: QueryKey): boolean {
  return key[0] === 'auth.status' || key[0] === 'recovery.status';
}

export function useApi<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: { enabled?: boolean; keepPrevious?: boolean; staleTime?: number } = {},
) {
  const { keepPrevious, ...rest } = options;
  return useQuery<OutputOf<M>, ApiError>({
    queryKey: [method, input],
    queryFn: () => call(method, input),
    // while the input changes (typing in a search box), keep showing the last answer
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    ...rest,
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
    // auth.status too: a write may change the idle period, or find the session locked
    onSettled: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'recovery.status' }),
  });
}

export function useAppInfo() {
  return useApi('app.info', {});
}

export function useSettings() {
  return useApi('settings.get', {});
}

/** Who is signed in; set by the session gate and by every auth.* call's answer. */
export function useAuthStatus() {
  return useQuery<AuthStatus, ApiError>({
    queryKey: AUTH_STATUS_KEY,
    queryFn: () => call('auth.status', {}),
    staleTime: Infinity,
  });
}

export function useRoles(): readonly Role[] {
  return useAuthStatus().data?.user?.roles ?? [];
}

/** This copy's end (the office's ledger or a counsel's desk); 'office' until the first start's choice is made. */
export function useEnd(): AppEnd {
  return useAuthStatus().data?.end ?? 'office';
}

/** Whether the signed-in account may call a method here: its roles, and the method serves this copy's end. */
export function useCan(): (method: MethodName) => boolean {
  const roles = useAuthStatus().data?.user?.roles;
  const end = useEnd();
  return useCallback((method: MethodName) => servesEnd(method, end) && canCall(roles, method), [roles, end]);
}

export { canCall, isCounselOnly } from './roles';
