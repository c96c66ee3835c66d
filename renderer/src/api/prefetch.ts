/**
 * The first screen's data, asked for while the app's bundle is still loading.
 *
 * Loading and compiling the bundle takes most of a second on an office PC, and
 * the first screen needed four rounds of calls after it, each waiting for a
 * React render: the database's health → who is signed in → app info, settings,
 * reminders → the ledger's page and its filter lists. main.tsx starts the same
 * calls here, from a small module, before the bundle has loaded; the answers go
 * into the query cache before the first render (seedQueryCache), so the first
 * screen renders once, with its data.
 *
 * Only what the first screen asks for anyway, with the inputs it will use (the
 * same functions compute them; a different input costs one wasted call, as the
 * screen then asks for its own). Only successful answers are kept: a refusal is
 * asked again by the screen, through the client with its lock and error
 * handling. Nothing past the session is asked for a damaged database, a
 * signed-out or locked session, or a forced password change.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf } from '#contract/contract';
import { filterToInput, readFilter } from '../features/ledger/filterState';
import { QUEUE_LIST_INPUT } from '../features/queue/due';
import { matchRoute, parseHash } from '../router/hash';
import { canCall, isCounselOnly } from './roles';

export interface Prefetched {
  method: MethodName;
  input: unknown;
  value: unknown;
  /** when the answer arrived (ms since the epoch): the cache's updatedAt */
  at: number;
}

/** One call straight over the bridge; the value of a successful answer, else undefined (the screen asks again). */
function ask<M extends MethodName>(method: M, input: InputOf<M>, into: Prefetched[]): Promise<OutputOf<M> | undefined> {
  const bridge = globalThis.window?.ledger;
  if (!bridge || typeof bridge.call !== 'function') return Promise.resolve(undefined);
  return bridge.call(method, input).then(
    (envelope) => {
      if (typeof envelope !== 'object' || envelope === null || envelope.ok !== true) return undefined;
      into.push({ method, input, value: envelope.value, at: Date.now() });
      return envelope.value as OutputOf<M>;
    },
    () => undefined,
  );
}

/** Asks for what the screen at location.hash will show first; resolves when every answer is in (each answer is pushed to `into` as it arrives). */
export async function prefetchFirstScreen(into: Prefetched[], hash: string = globalThis.location?.hash ?? ''): Promise<void> {
  const [recovery, auth] = await Promise.all([ask('recovery.status', {}, into), ask('auth.status', {}, into)]);
  const user = auth?.user;
  if (!recovery || recovery.damaged || !auth || !user || auth.locked || auth.mustChangePassword) return;
  // a counsel's desk (issue 23): none of the office's first screens; 我的待办 asks for itself
  if (auth.end === 'desk') return;
  const location = parseHash(hash);
  const route = matchRoute(location.path);
  const counselOnly = isCounselOnly(user.roles);
  const calls: Promise<unknown>[] = [ask('settings.get', {}, into), ask('reminders.summary', {}, into)];
  // the reminders bar's 聘用合同 line (RemindersBar), for the roles that may see it
  if (canCall(user.roles, 'engagements.reminders')) calls.push(ask('engagements.reminders', {}, into));
  const info = ask('app.info', {}, into);
  calls.push(info);
  if (route.name === 'queue' || (route.name === 'home' && counselOnly)) {
    if (user.roles.includes('counsel')) calls.push(ask('consultations.list', QUEUE_LIST_INPUT, into));
  } else if (route.name === 'ledger' || route.name === 'home') {
    // as LedgerPage: the filter lists, the years, and the page the URL asks for (its default year is app.info's today)
    calls.push(
      ask('categories.list', { includeInactive: true }, into),
      ask('departments.list', { includeInactive: true }, into),
      ask('counsels.list', { includeInactive: true }, into),
      ask('consultations.years', {}, into),
      info.then((i) =>
        i && !i.isFirstRun ? ask('consultations.list', filterToInput(readFilter(location.query, Number(i.today.slice(0, 4)))), into) : undefined,
      ),
    );
  }
  await Promise.all(calls);
}

/** Puts the answers into the cache under the keys useApi uses ([method, input]), as if the screens had fetched them then. */
export function seedQueryCache(queryClient: QueryClient, answers: readonly Prefetched[]): void {
  for (const a of answers) queryClient.setQueryData([a.method, a.input], a.value, { updatedAt: a.at });
}
