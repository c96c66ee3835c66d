/** Applying an auth.status answer: the cache, the client's lock gate, and a clean slate when the person changes. */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AuthStatus } from '#domain/types';
import { ApiError } from '../../api/client';
import { AUTH_STATUS_KEY, isSessionKey } from '../../api/hooks';
import { setSessionState } from '../../api/session';
import { i18n } from '../../i18n';

export function syncSessionState(s: AuthStatus): void {
  const state = !s.user || s.mustChangePassword ? 'closed' : s.locked ? 'locked' : 'open';
  setSessionState(state, () => new ApiError('UNAUTHENTICATED', i18n.t('errors.UNAUTHENTICATED')));
}

/** Nothing one person's session fetched may be shown to the next one. */
export function forgetSessionData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => !isSessionKey(q.queryKey) });
}

export function applyAuthStatus(queryClient: QueryClient, next: AuthStatus): void {
  const previous = queryClient.getQueryData<AuthStatus>(AUTH_STATUS_KEY);
  if (previous?.user?.username !== next.user?.username) forgetSessionData(queryClient);
  syncSessionState(next);
  queryClient.setQueryData(AUTH_STATUS_KEY, next);
}

export function useApplyAuthStatus(): (next: AuthStatus) => void {
  const queryClient = useQueryClient();
  return useCallback((next: AuthStatus) => applyAuthStatus(queryClient, next), [queryClient]);
}
