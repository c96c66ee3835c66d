/**
 * What the window shows before the app: first the database's health
 * (recovery.status: a damaged database gets the recovery screen and nothing
 * else), then who is signed in (auth.status): the first start (the choice of end,
 * then the administrator's or the desk owner's setup), the login, a forced password change, or the app. A locked session keeps
 * the app mounted under the lock screen, so an unsaved form is still there after
 * the unlock.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { RecoveryStatus } from '#domain/types';
import { call } from '../../api/client';
import { AUTH_STATUS_KEY, RECOVERY_STATUS_KEY, useAuthStatus } from '../../api/hooks';
import { setUnauthenticatedHandler, setUnavailableHandler } from '../../api/session';
import { AppFrame } from '../../layout/AppFrame';
import { SessionContext, type SessionActions } from './context';
import { LockOverlay } from './LockOverlay';
import { LoginScreen } from './LoginScreen';
import { ForcedPasswordChange } from './PasswordChange';
import { StartFailed, Splash } from './AuthLayout';
import { applyAuthStatus, forgetSessionData, syncSessionState } from './status';
import { useIdleLock } from './useIdleLock';

// Screens of rare moments (a damaged database, the first start): loaded when needed
const RecoveryScreen = lazy(() => import('../recovery/RecoveryScreen').then((m) => ({ default: m.RecoveryScreen })));
const FirstStart = lazy(() => import('../desk/FirstStart').then((m) => ({ default: m.FirstStart })));

export function SessionGate() {
  const queryClient = useQueryClient();
  const recovery = useQuery<RecoveryStatus>({
    queryKey: RECOVERY_STATUS_KEY,
    queryFn: () => call('recovery.status', {}),
    staleTime: Infinity,
  });
  const usable = recovery.isSuccess && !recovery.data.damaged;

  useEffect(() => {
    // a call refused as UNAUTHENTICATED: the main process locked or ended the session; find out which
    setUnauthenticatedHandler(async () => {
      try {
        const next = await call('auth.status', {});
        applyAuthStatus(queryClient, next);
        return next.user && next.locked && !next.mustChangePassword ? 'locked' : 'other';
      } catch {
        return 'other';
      }
    });
    setUnavailableHandler(() => void queryClient.invalidateQueries({ queryKey: RECOVERY_STATUS_KEY }));
    return () => {
      setUnauthenticatedHandler(null);
      setUnavailableHandler(null);
    };
  }, [queryClient]);

  if (recovery.isPending) return <Splash />;
  if (recovery.isError) return <StartFailed error={recovery.error} onRetry={() => void recovery.refetch()} />;
  if (recovery.data.damaged) {
    return (
      <Suspense fallback={<Splash />}>
        <RecoveryScreen status={recovery.data} />
      </Suspense>
    );
  }
  return usable ? <SignedInGate /> : null;
}

function SignedInGate() {
  const auth = useAuthStatus();
  useEffect(() => {
    if (auth.data) syncSessionState(auth.data);
  }, [auth.data]);

  if (auth.isPending) return <Splash />;
  if (auth.isError) return <StartFailed error={auth.error} onRetry={() => void auth.refetch()} />;
  const status = auth.data;
  if (status.setupNeeded) {
    // the first start: which end this copy is, then the office's administrator or the desk's owner
    return (
      <Suspense fallback={<Splash />}>
        <FirstStart />
      </Suspense>
    );
  }
  if (!status.user) return <LoginScreen />;
  if (status.mustChangePassword) return <ForcedPasswordChange user={status.user} />;
  return <SignedInApp />;
}

function SignedInApp() {
  const queryClient = useQueryClient();
  const status = useAuthStatus().data!;
  const user = status.user!;
  const [epoch, setEpoch] = useState(0);

  const lock = useCallback(async () => {
    // hold every call from now on, then tell the main process
    syncSessionState({ ...status, locked: true });
    try {
      applyAuthStatus(queryClient, await call('auth.lock', {}));
    } catch {
      // not locked in the main process (signed out meanwhile): ask again
      void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_KEY });
    }
  }, [queryClient, status]);

  const signOut = useCallback(async () => {
    try {
      applyAuthStatus(queryClient, await call('auth.logout', {}));
    } finally {
      forgetSessionData(queryClient);
      void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_KEY });
    }
  }, [queryClient]);

  const reloadAll = useCallback(() => {
    forgetSessionData(queryClient);
    void queryClient.invalidateQueries();
    setEpoch((e) => e + 1);
  }, [queryClient]);

  useIdleLock({
    minutes: status.idleMinutes,
    enabled: !status.locked,
    onIdle: () => void lock(),
    onActiveBeat: () => void queryClient.invalidateQueries({ queryKey: ['reminders.summary'] }),
  });

  const actions = useMemo<SessionActions>(() => ({ status, user, lock, signOut, reloadAll }), [status, user, lock, signOut, reloadAll]);
  return (
    <SessionContext.Provider value={actions}>
      <div className="app-root" inert={status.locked}>
        <AppFrame key={epoch} />
      </div>
      {status.locked ? <LockOverlay user={user} onSignOut={signOut} /> : null}
    </SessionContext.Provider>
  );
}
