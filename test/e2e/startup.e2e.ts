/**
 * The first screen's data is asked for while the app's bundle loads
 * (renderer/src/api/prefetch.ts), and the answers are in the query cache before
 * the first render. What that must mean on a real page load: every call of the
 * first screen starts before React mounts, and none is made twice (a screen
 * that asked again would show that the prefetch used another input than the
 * screen, i.e. that the cache was not hit).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { openSeeded, signIn, signOut, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => void ({ app, basics } = await openSeeded(seedLedger)));
afterAll(() => app?.close());

interface Sent {
  method: string;
  input: unknown;
  /** the page's clock when the call was sent */
  at: number;
}

/** Records, from the start of every load, when #root gets its first child (React's first commit). */
async function watchMount(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __mountedAt?: number };
    const observer = new MutationObserver(() => {
      if (document.getElementById('root')?.firstChild) {
        w.__mountedAt ??= performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Loads `hash` afresh and returns every API call the page made until `ready` holds, with the mount time. */
async function load(page: Page, hash: string, ready: () => Promise<unknown>): Promise<{ calls: Sent[]; mountedAt: number }> {
  const calls: Sent[] = [];
  const onRequest = (request: import('playwright-core').Request) => {
    if (!request.url().endsWith('/api/call')) return;
    const body = request.postDataJSON() as { method: string; input: unknown };
    calls.push({ method: body.method, input: body.input, at: -1 });
  };
  // a new document each time (the same URL with another hash would not load the page again)
  await page.goto('about:blank');
  page.on('request', onRequest);
  try {
    await app.goto(hash, page);
    await ready();
    // let any late call of the first screen show up
    await page.waitForTimeout(500);
  } finally {
    page.off('request', onRequest);
  }
  // the page's own clock for each call (resource timing, sorted by start: the order the calls were sent)
  const starts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/api/call'))
      .map((e) => e.startTime)
      .sort((a, b) => a - b),
  );
  expect(starts.length).toBe(calls.length);
  calls.forEach((c, i) => (c.at = starts[i]!));
  const mountedAt = await page.evaluate(() => (window as unknown as { __mountedAt?: number }).__mountedAt ?? -1);
  expect(mountedAt).toBeGreaterThan(0);
  return { calls, mountedAt };
}

function key(c: { method: string; input: unknown }): string {
  return `${c.method} ${JSON.stringify(c.input)}`;
}

function duplicates(calls: Sent[]): string[] {
  const seen = new Set<string>();
  return calls.map(key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

describe('the first screen', () => {
  it('the ledger: every call starts before the first render, none is made twice', async () => {
    const page = await app.newPage();
    await watchMount(page);
    const rows = page.getByRole('table').getByRole('row');
    const { calls, mountedAt } = await load(page, '#/ledger', () => expect.poll(() => rows.count()).toBeGreaterThan(1));

    const methods = calls.map((c) => c.method);
    for (const m of ['recovery.status', 'auth.status', 'app.info', 'settings.get', 'reminders.summary', 'engagements.reminders', 'categories.list', 'departments.list', 'counsels.list', 'consultations.years', 'consultations.list']) {
      expect({ m, n: methods.filter((x) => x === m).length }).toEqual({ m, n: 1 });
    }
    expect(duplicates(calls)).toEqual([]);
    // the year's page (the harness's today is 2025-06-10), newest first
    expect(calls.find((c) => c.method === 'consultations.list')!.input).toEqual({ year: 2025, sort: 'receivedOn', order: 'desc', page: 1, pageSize: 20 });
    const late = calls.filter((c) => c.at >= mountedAt).map((c) => `${key(c)} at ${c.at.toFixed(0)} ms`);
    expect({ mountedAt, late }).toEqual({ mountedAt, late: [] });
    // and the screen shows the data it was given
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByRole('row', { name: /物业服务合同/ }).waitFor();
    await page.close();
  });

  it('a ledger link with filters: the page the URL asks for, fetched once', async () => {
    const page = await app.newPage();
    await watchMount(page);
    const category = basics.category('contract');
    const { calls } = await load(page, `#/ledger?category=${category}&sort=title&order=asc`, () =>
      page.getByRole('row', { name: /物业服务合同/ }).waitFor(),
    );
    const lists = calls.filter((c) => c.method === 'consultations.list');
    expect(lists.map((c) => c.input)).toEqual([{ year: 2025, categoryId: category, sort: 'title', order: 'asc', page: 1, pageSize: 20 }]);
    expect(duplicates(calls)).toEqual([]);
    await page.close();
  });

  it('signed out: only the database health and the session are asked for, then the login screen', async () => {
    const page = await app.newPage();
    await app.goto('#/ledger', page);
    await signOut(page);
    await watchMount(page);
    const { calls } = await load(page, '#/ledger', () => page.getByRole('heading', { name: '登录', exact: true }).waitFor());
    expect(calls.map((c) => c.method).sort()).toEqual(['auth.status', 'recovery.status']);
    // signing in then loads the ledger as usual
    await signIn(page, 'zhangmin');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.close();
  });

  it("a counsel's home is 我的待办: their list is prefetched, the office's filter lists are not", async () => {
    await app.createAccount({ username: 'wangjg', displayName: '王建国', roles: ['counsel'], counselId: basics.counsels[0]!.id });
    const page = await app.newPage();
    await app.goto('#/ledger', page);
    await signOut(page);
    await signIn(page, 'wangjg');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await watchMount(page);
    const { calls, mountedAt } = await load(page, '#/', () => page.getByRole('heading', { name: '我的待办' }).waitFor());
    const lists = calls.filter((c) => c.method === 'consultations.list');
    expect(lists.map((c) => c.input)).toEqual([{ status: 'assigned', sort: 'dueOn', order: 'asc', pageSize: 200 }]);
    expect(lists[0]!.at).toBeLessThan(mountedAt);
    expect(calls.some((c) => c.method === 'categories.list')).toBe(false);
    expect(duplicates(calls)).toEqual([]);
    // back to the office account for the other tests
    await signOut(page);
    await signIn(page, 'zhangmin');
    await page.close();
  });
});
