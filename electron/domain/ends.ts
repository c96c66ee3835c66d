/**
 * The two ends of one app (issue 23): a copy is the office's ledger (机关端) or a counsel's
 * desk (法律顾问端). The end is chosen at the first start and kept in the database itself:
 * a desk is a database whose own exchange key is a counsel's (exchange_identity.end =
 * 'counsel', made with the owner's account in one transaction); any other database with an
 * account is the office's. Before the first account exists the end is not chosen (null).
 *
 * Each method serves one end, or both: the router refuses a method of the other end
 * (electron/api/router.ts), and the renderer shows only the screens of its end.
 */
export const APP_ENDS = ['office', 'desk'] as const;
export type AppEnd = (typeof APP_ENDS)[number];

/** What both ends answer: the session (sign in, lock, unlock, password, sign out), the database's health, the app's version and today, a long call's progress. */
const BOTH_ENDS = new Set([
  'auth.status',
  'auth.login',
  'auth.logout',
  'auth.lock',
  'auth.unlock',
  'auth.changePassword',
  'recovery.status',
  'recovery.restoreNewest',
  'app.info',
  'jobs.progress',
]);

/** The end a method belongs to: desk.* the desk's, a few the both ends', everything else the office's. */
export function endOfMethod(method: string): AppEnd | 'both' {
  if (BOTH_ENDS.has(method)) return 'both';
  return method.startsWith('desk.') ? 'desk' : 'office';
}

/** Whether a method may be called on a copy of this end (null: not chosen yet, every method is still subject to its own checks). */
export function servesEnd(method: string, end: AppEnd | null): boolean {
  if (end === null) return true;
  const own = endOfMethod(method);
  return own === 'both' || own === end;
}

/** The refusal's words, naming this copy's end. */
export function otherEndMessage(end: AppEnd): string {
  return end === 'desk' ? '本机是法律顾问端，不能执行机关端的操作' : '本机是机关端，不能执行法律顾问端的操作';
}

/** At most this many attachments on one opinion written at a desk (a signed PDF, a marked-up draft). */
export const MAX_DESK_OPINION_FILES = 10;
