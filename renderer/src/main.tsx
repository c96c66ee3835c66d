/**
 * The entry: a small module that asks for the first screen's data at once
 * (api/prefetch.ts), while the app's bundle loads; the app renders when both
 * are there. The calls usually answer long before the bundle has compiled; a
 * slow answer holds the first render for at most PREFETCH_WAIT_MS, after which
 * the screens ask for themselves as usual.
 */
import { prefetchFirstScreen, type Prefetched } from './api/prefetch';
import { storedLanguage } from './i18n/stored';

const PREFETCH_WAIT_MS = 1500;

const answers: Prefetched[] = [];
const prefetched = prefetchFirstScreen(answers);
storedLanguage();
const waited = new Promise<void>((resolve) => setTimeout(resolve, PREFETCH_WAIT_MS));

void import('./app').then(async ({ mount }) => {
  await Promise.race([prefetched, waited]);
  mount(answers.slice());
});
