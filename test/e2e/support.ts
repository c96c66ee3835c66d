/**
 * What every e2e file needs: the built renderer, a harness on a fresh SQLite
 * file in a temp folder, Debian's Chromium (MACHINE.md) with a fresh profile,
 * and a page at 1366×768 in zh-CN, Beijing time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test/e2e/screenshots');
export const VIEWPORT = { width: 1366, height: 768 };
/** 2025-06-10 10:00 in Beijing: "today" for the service, so dates in the tests are fixed */
export const NOW = '2025-06-10T02:00:00.000Z';
export const TODAY = '2025-06-10';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when out/renderer is missing or older than its sources (npm test builds it first). */
export function ensureRendererBuilt(): void {
  const built = path.join(ROOT, 'out/renderer/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'electron/api')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}

export interface App {
  harness: Harness;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dir: string;
  /** call the router directly and unwrap (seeding and checking data) */
  call<T = any>(method: string, input?: unknown): Promise<T>;
  /** another tab on the same app (same harness, same database) */
  newPage(): Promise<Page>;
  /** a hash route, e.g. "#/ledger" */
  goto(hash: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

export async function openApp(opts: { now?: string } = {}): Promise<App> {
  ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-e2e-'));
  const now = new Date(opts.now ?? NOW);
  const harness = await startHarness({ dbFile: path.join(dir, 'ledger.sqlite3'), now: () => new Date(now) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.setDefaultTimeout(15_000);
  };
  const page = await context.newPage();
  watch(page);
  const app: App = {
    harness,
    browser,
    context,
    page,
    dir,
    async call(method, input = {}) {
      const r = await harness.call(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async newPage() {
      const p = await context.newPage();
      watch(p);
      return p;
    },
    async goto(hash, p = page) {
      await p.goto(`${harness.url}${hash}`);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await harness.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`);
    },
  };
  await app.goto('#/ledger');
  return app;
}

export interface Basics {
  departments: { id: number; name: string }[];
  counsels: { id: number; name: string }[];
  category(code: string): number;
}

/** Divisions, counsel and category ids, as an office would set them up. */
export async function seedBasics(app: App): Promise<Basics> {
  const departments = [];
  for (const name of ['综合处', '政策法规处', '动员准备处', '人民防空处']) {
    departments.push(await app.call('departments.create', { name }));
  }
  const counsels = [
    await app.call('counsels.create', { name: '王建国', firm: '北京市某某律师事务所', phone: '010-88886666', engagedFrom: '2025-01-01', engagedTo: '2025-12-31' }),
    await app.call('counsels.create', { name: '李明', firm: '北京市某某律师事务所', engagedFrom: '2025-01-01' }),
  ];
  const cats = await app.call<{ id: number; code: string }[]>('categories.list', {});
  return {
    departments,
    counsels,
    category: (code) => {
      const c = cats.find((x) => x.code === code);
      if (!c) throw new Error(`no category ${code}`);
      return c.id;
    },
  };
}

/** Picks an option of an antd Select the way a keyboard user does: type, Enter. */
export async function choose(page: Page, label: string | RegExp, text: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(text);
  // Enter picks the active option: wait until the filtering has made a match active
  const id = await box.getAttribute('id');
  await page.waitForFunction(
    ([boxId, wanted]) => {
      const active = document.getElementById(boxId)?.getAttribute('aria-activedescendant');
      const option = active ? document.getElementById(active) : null;
      return (option?.getAttribute('aria-label') ?? option?.textContent ?? '').includes(wanted);
    },
    [id ?? '', text] as const,
  );
  await page.keyboard.press('Enter');
}

/** Types a date into an antd DatePicker and confirms it. */
export async function typeDate(field: Locator, day: string): Promise<void> {
  await field.click();
  await field.fill(day);
  await field.press('Enter');
}

export async function screenshot(page: Page, name: string, opts: { keepToasts?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // a toast left over from an earlier step would cover the header
  if (!opts.keepToasts) await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 10_000 });
  // let antd's motion settle so the picture shows the final state
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
