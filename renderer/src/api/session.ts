/**
 * The renderer's view of the sign-in session, for the client: while the session
 * is locked, calls wait here instead of failing, so the screen behind the lock
 * (an unsaved form, a list) sees no error and carries on after the unlock. The
 * main process holds the real session and refuses calls itself; this only keeps
 * the page from reacting to those refusals as if they were failures.
 */
import type { MethodName } from '#contract/contract';

export type SessionState = 'open' | 'locked' | 'closed';

/** What re-reading auth.status found after a call was refused as UNAUTHENTICATED. */
export type RefusalOutcome = 'locked' | 'other';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

let state: SessionState = 'closed';
let waiters: Waiter[] = [];
let onUnauthenticated: (() => Promise<RefusalOutcome>) | null = null;
let onUnavailable: (() => void) | null = null;

/** Calls that must get through while locked or signed out: signing in and out, unlocking, recovery. */
export function passesTheLock(method: MethodName): boolean {
  return method.startsWith('auth.') || method.startsWith('recovery.');
}

/**
 * Set by the session gate whenever auth.status changes. Unlocking releases the
 * waiting calls; signing out fails them with `closedError`.
 */
export function setSessionState(next: SessionState, closedError?: () => unknown): void {
  state = next;
  if (next === 'locked') return;
  const pending = waiters;
  waiters = [];
  for (const w of pending) {
    if (next === 'open') w.resolve();
    else w.reject(closedError?.() ?? new Error('signed out'));
  }
}

/** Resolves at once unless the session is locked; then when it is unlocked (or rejects when it ends). */
export function whenUnlocked(): Promise<void> {
  if (state !== 'locked') return Promise.resolve();
  return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
}

/** The gate re-reads auth.status when the main process refuses a call as UNAUTHENTICATED. */
export function setUnauthenticatedHandler(handler: (() => Promise<RefusalOutcome>) | null): void {
  onUnauthenticated = handler;
}

/** The gate re-reads recovery.status when a call answers UNAVAILABLE (the database is damaged). */
export function setUnavailableHandler(handler: (() => void) | null): void {
  onUnavailable = handler;
}

export function reportUnauthenticated(): Promise<RefusalOutcome> {
  return onUnauthenticated ? onUnauthenticated() : Promise.resolve('other');
}

export function reportUnavailable(): void {
  onUnavailable?.();
}
