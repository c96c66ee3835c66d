/**
 * What every e2e file needs: the built renderer, a harness on a fresh SQLite
 * file in a temp folder, Debian's Chromium (/usr/bin/chromium) with a fresh profile,
 * and a page at 1366×768 in zh-CN, Beijing time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createRouter, type Router } from '#contract/router';
import type { Role } from '#domain/types';
import { Session } from '../../electron/services/accounts/session';
import type { Caller } from '../../electron/services/context';
import { rendererOutOfDate } from '../harness/build';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/chromium';
import { startHarness, type Harness } from '../harness/server';
import { startCoverage, writeCoverage } from './coverage';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test/e2e/screenshots');
export const VIEWPORT = { width: 1366, height: 768 };
/** 2025-06-10 10:00 in Beijing: "today" for the service, so dates in the tests are fixed */
export const NOW = '2025-06-10T02:00:00.000Z';
export const TODAY = '2025-06-10';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/chromium';

/** Builds the renderer when out/renderer is missing or older than its sources (npm test builds it first). */
export function ensureRendererBuilt(): void {
  if (!rendererOutOfDate()) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}

/** The password every test account ends up with (8+ characters, 3 classes, no user name in it). */
export const PASSWORD = 'Ledger@2025';
/** What the administrator gives a new account; it must be changed at the first sign-in. */
export const INITIAL_PASSWORD = 'Start#2025';

export interface AccountSpec {
  username: string;
  displayName: string;
  roles: Role[];
  counselId?: number | null;
}

/** The office's own account in most tests: the administrator who also registers (roles admin + registrar). */
export const OFFICE: AccountSpec = { username: 'zhangmin', displayName: '张敏', roles: ['admin', 'registrar'] };

export interface App {
  harness: Harness;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dir: string;
  /**
   * Call the router directly and unwrap (seeding and checking data), as the
   * office account (admin + registrar), whoever is signed in on the page
   * (with setup: false, as the first administrator set up on the page).
   */
  call<T = any>(method: string, input?: unknown): Promise<T>;
  /** Call the router in the app's own sign-in session (the one the page uses), and unwrap. */
  sessionCall<T = any>(method: string, input?: unknown): Promise<T>;
  /**
   * Create an account the way an administrator does (users.create), then, unless
   * told otherwise, its first sign-in with the forced password change, in a
   * sign-in session of its own (the page's session is not touched).
   * Ends with PASSWORD (or INITIAL_PASSWORD when firstLogin is false).
   */
  createAccount(spec: AccountSpec, opts?: { firstLogin?: boolean }): Promise<{ id: number; username: string; password: string }>;
  /** another tab on the same app (same harness, same database, same sign-in session) */
  newPage(): Promise<Page>;
  /** a hash route, e.g. "#/ledger" */
  goto(hash: string, page?: Page): Promise<void>;
  /** move the service's clock (the harness's `now`) */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  now?: string;
  /** create the office account (auth.setup, then roles admin + registrar); default true */
  setup?: boolean;
  /** sign the page in as the office account through the login screen; default true (needs setup) */
  signIn?: boolean;
  /** replaces parts of the harness's platform adapter (scripted file dialogs) */
  platform?: Parameters<typeof startHarness>[0]['platform'];
  /** a folder to keep the database in (and its backups); it is left in place on close. Default: a temp folder, removed on close */
  dir?: string;
}

function unwrapEnvelope<T>(method: string, r: Awaited<ReturnType<Router['call']>>): T {
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/**
 * What most files open before their tests: the app, seeded (seedBasics, seedLedger from seed.ts),
 * and the page reloaded when asked so it shows the seeded data:
 * `beforeAll(async () => ({ app, basics } = await openSeeded(seedLedger, { reload: true })));`
 */
export async function openSeeded<B>(seed: (app: App) => Promise<B>, opts: OpenOptions & { reload?: boolean } = {}): Promise<{ app: App; basics: B }> {
  const { reload, ...open } = opts;
  const app = await openApp(open);
  const basics = await seed(app);
  if (reload) await app.page.reload();
  return { app, basics };
}

export async function openApp(opts: OpenOptions = {}): Promise<App> {
  ensureRendererBuilt();
  const ownDir = !opts.dir;
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-e2e-'));
  let nowMs = Date.parse(opts.now ?? NOW);
  const now = () => new Date(nowMs);
  const harness = await startHarness({ dbFile: path.join(dir, 'ledger.sqlite3'), now, platform: opts.platform });
  const runtime = harness.runtime;
  const routerAs = (caller: () => Caller | null, session?: Session) =>
    createRouter({ ledger: () => runtime.ledger()!, caller, now, host: runtime.host, ...(session ? { session } : {}) });

  let office: Caller | null = null;
  /** without the office account (setup: false), the first administrator someone set up, once there is one */
  const firstAdmin = (): Caller | null => {
    const row = runtime
      .ledger()
      ?.sqlite.prepare("SELECT id, username, display_name AS displayName, roles FROM users WHERE ',' || roles || ',' LIKE '%,admin,%' ORDER BY id LIMIT 1")
      .get() as { id: number; username: string; displayName: string; roles: string } | undefined;
    return row ? { username: row.username, displayName: row.displayName, roles: row.roles.split(',') as Role[], userId: row.id, counselId: null } : null;
  };
  const officeRouter = routerAs(() => office ?? firstAdmin());
  const sessionCall = async <T>(method: string, input: unknown = {}) => unwrapEnvelope<T>(method, await harness.call(method, input));

  if (opts.setup !== false) {
    // first start, as a person would do it: the administrator's account, then the registrar role for it too
    await sessionCall('auth.setup', { username: OFFICE.username, displayName: OFFICE.displayName, password: PASSWORD });
    const [admin] = await sessionCall<{ id: number; version: number }[]>('users.list');
    await sessionCall('users.update', { id: admin!.id, version: admin!.version, roles: OFFICE.roles });
    await sessionCall('auth.logout');
    office = { username: OFFICE.username, displayName: OFFICE.displayName, roles: OFFICE.roles, userId: admin!.id, counselId: null };
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.setDefaultTimeout(15_000);
  };
  const page = await context.newPage();
  watch(page);
  const pages: Page[] = [page];
  await startCoverage(page);
  const app: App = {
    harness,
    browser,
    context,
    page,
    dir,
    async call(method, input = {}) {
      return unwrapEnvelope(method, await officeRouter.call(method, input));
    },
    sessionCall,
    async createAccount(spec, { firstLogin = true } = {}) {
      const created = await app.call<{ id: number; username: string }>('users.create', {
        username: spec.username,
        displayName: spec.displayName,
        roles: spec.roles,
        counselId: spec.counselId ?? null,
        password: INITIAL_PASSWORD,
      });
      if (!firstLogin) return { id: created.id, username: created.username, password: INITIAL_PASSWORD };
      // the person's first sign-in, on another computer's session: change the password the admin gave
      const own = new Session(now, () => 15);
      const router = routerAs(() => own.caller(), own);
      const step = async (method: string, input: unknown) => unwrapEnvelope(method, await router.call(method, input));
      await step('auth.login', { username: spec.username, password: INITIAL_PASSWORD });
      await step('auth.changePassword', { currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD });
      await step('auth.logout', {});
      return { id: created.id, username: created.username, password: PASSWORD };
    },
    async newPage() {
      const p = await context.newPage();
      watch(p);
      pages.push(p);
      await startCoverage(p);
      return p;
    },
    async goto(hash, p = page) {
      await p.goto(`${harness.url}${hash}`);
    },
    advanceClock(ms) {
      nowMs += ms;
    },
    async close() {
      await writeCoverage(pages).catch((e: unknown) => errors.push(`coverage: ${String(e)}`));
      await browser.close().catch(() => undefined);
      await harness.close();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`);
    },
  };
  await app.goto('#/ledger');
  if (opts.setup !== false && opts.signIn !== false) await signIn(page, OFFICE.username);
  return app;
}

/** Signs the page in through the real login screen and waits for the app's frame. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await fillLogin(page, username, password);
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

/** Fills and sends the login form (for a sign-in that is expected to fail, or to land on another screen). */
export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Closes the sign-in reminder (it covers the header's right side for a few seconds). */
export async function dismissNotifications(page: Page): Promise<void> {
  for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click().catch(() => undefined);
  await page.locator('.ant-notification-notice').last().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

/** Signs out through the header's user menu and waits for the login screen. */
export async function signOut(page: Page): Promise<void> {
  await dismissNotifications(page);
  await page.getByRole('button', { name: /账号菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
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
  if (!opts.keepToasts) {
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.ant-notification-notice').last().waitFor({ state: 'detached', timeout: 15_000 });
  }
  // a screen still loading (a lazily loaded screen's chunk, a query) shows a spinner: wait for the screen itself
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 });
  // let antd's motion settle so the picture shows the final state
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The unsaved-changes prompt (renderer/src/shared/unsaved.tsx). */
export function unsavedPrompt(page: Page): Locator {
  return page.getByRole('dialog').filter({ hasText: '有尚未保存的修改' });
}

/** Marks every point of the opinion form's 审查要点 (issue 20) 符合, where the item's category has a checklist. */
export async function markChecklist(scope: Locator): Promise<void> {
  const conforms = scope.getByRole('radio', { name: '符合', exact: true });
  for (let i = 0, n = await conforms.count(); i < n; i += 1) await conforms.nth(i).check();
}

/** Waits for the unsaved-changes prompt and answers it by its button (never by awaiting a navigation it holds up). */
export async function answerUnsaved(page: Page, choice: '继续编辑' | '放弃修改并离开'): Promise<void> {
  const dialog = unsavedPrompt(page);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: choice }).click();
  await dialog.waitFor({ state: 'detached' });
}
