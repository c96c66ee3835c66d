/** What the signed-in app may ask of the session gate: who is signed in, lock, sign out, reload after a restore. */
import { createContext, useContext } from 'react';
import type { AuthStatus, WhoAmI } from '#domain/types';

export interface SessionActions {
  status: AuthStatus;
  user: WhoAmI;
  /** lock now (the idle timer and the user menu) */
  lock(): Promise<void>;
  signOut(): Promise<void>;
  /** after the database was swapped (restore): forget every cached answer and rebuild the screens */
  reloadAll(): void;
}

export const SessionContext = createContext<SessionActions | null>(null);

export function useSession(): SessionActions {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in app');
  return s;
}

let signedInJustNow = false;

/** Set by the login screen; read once by the frame to show the reminders of the day. */
export function markSignedIn(): void {
  signedInJustNow = true;
}

export function takeSignedInMark(): boolean {
  const was = signedInJustNow;
  signedInJustNow = false;
  return was;
}
