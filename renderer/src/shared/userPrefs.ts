/**
 * Small per-user choices of this computer (the ledger's row density, the day the
 * sign-in reminder was last shown), kept in localStorage under the user name:
 * two people sharing the office PC each keep their own. Nothing here is data of
 * the ledger; losing it (private mode, a new profile) only brings the defaults back.
 */
export type UserPref = 'ledgerDensity' | 'reminderShownOn';

const keyOf = (username: string, pref: UserPref) => `counsel-ledger.user.${username}.${pref}`;

export function readUserPref(username: string | undefined, pref: UserPref): string | null {
  if (!username) return null;
  try {
    return globalThis.localStorage?.getItem(keyOf(username, pref)) ?? null;
  } catch {
    return null;
  }
}

export function writeUserPref(username: string | undefined, pref: UserPref, value: string): void {
  if (!username) return;
  try {
    globalThis.localStorage?.setItem(keyOf(username, pref), value);
  } catch {
    /* storage unavailable: the choice lasts until the window closes */
  }
}
