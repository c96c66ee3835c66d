/** Role rules the screens share; no React, so the startup prefetch (prefetch.ts) can use them too. */
import type { MethodName } from '#contract/contract';
import type { Role } from '#domain/types';

/**
 * A counsel's account (and nothing more): they see their own items, start from
 * 我的待办 and write opinions; the office's screens are not theirs.
 */
export function isCounselOnly(roles: readonly Role[]): boolean {
  return roles.includes('counsel') && !roles.some((r) => r === 'admin' || r === 'registrar' || r === 'leader');
}

/** The contract's role list of each method, put in by the build (electron.vite.config.ts): the schemas stay out of the renderer. */
declare const __METHOD_ROLES__: Record<MethodName, readonly Role[]>;

/** Whether roles may call a method: the contract's own role list, so the UI and the router agree. */
export function canCall(roles: readonly Role[] | undefined, method: MethodName): boolean {
  if (!roles) return false;
  return __METHOD_ROLES__[method].some((r) => roles.includes(r));
}
