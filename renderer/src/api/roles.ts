/** Role rules the screens share; no React, so the startup prefetch (prefetch.ts) can use them too. */
import type { Role } from '#domain/types';

/**
 * A counsel's account (and nothing more): they see their own items, start from
 * 我的待办 and write opinions; the office's screens are not theirs.
 */
export function isCounselOnly(roles: readonly Role[]): boolean {
  return roles.includes('counsel') && !roles.some((r) => r === 'admin' || r === 'registrar' || r === 'leader');
}
