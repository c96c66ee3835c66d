/**
 * Measurements that need more than the database: import of a ledger file
 * (through the import service, into a copy of the bench database), and the
 * renderer's first ledger paint in the browser harness (Chromium, headless).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Ledger } from '../db/open';
import { LOCAL_ADMIN, type ServiceContext } from '../electron/services/context';
import { buildPlan, commitImport, planView, readImportFile } from '../electron/services/import';
import { withImportJob } from '../electron/services/import/jobs';
import { BUILT_RENDERER, rendererOutOfDate } from '../test/harness/build';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/harness/chromium';
import { ROOT } from './paths';
import { filterToInput, readFilter } from '../renderer/src/features/ledger/filterState';
import { measureOwn, measureOwnPair, type Row } from './stats';

export interface ExtraDeps {
  dir: string;
  file: string;
  /** the ledger file to import (run.ts writes it: import-file.ts) */
  importFile: string;
  ledger: Ledger;
  N: number;
  /** the last year of the generated ledger */
  lastYear: number;
  /** progress lines */
  log?: (line: string) => void;
}

export const IMPORT_ROWS = 10_000;
const FIRST_PAINT_RUNS = 9;

export async function extraMeasurements(deps: ExtraDeps): Promise<Row[]> {
  return [await importRow(deps), await firstPaintRow(deps)];
}

// ---- import of a 10,000-row XLSX ----

/**
 * The wizard's path, as one: read and parse the file (readImportFile, as the import's 'read' job), the
 * preview the wizard shows (buildPlan + planView), then the commit (which plans
 * again inside its transaction, and writes rows, history, opinions, search
 * index and audit). Returns the rows imported.
 */
export async function importThroughWizard(ctx: ServiceContext, file: string): Promise<number> {
  // as import.chooseFile reads the file the dialog gave it
  const source = await withImportJob(ctx, 'read', (progress) => readImportFile(file, progress));
  const view = planView(buildPlan(ctx, source));
  if (!view.canCommit) throw new Error(`the bench import file does not plan cleanly: ${JSON.stringify(view.blockers)} ${JSON.stringify(view.problems.slice(0, 3))}`);
  const result = await commitImport(ctx, source);
  return result.rowCount;
}

/** A copy of the bench database to import into (the measured ledger must not change); its WAL is checkpointed first, so a plain copy is consistent. */
export function copyDatabase(from: Ledger, to: string): void {
  from.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  removeDatabase(to);
  fs.copyFileSync(from.file, to);
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Each run imports into a fresh copy of the bench database (not timed), so every run starts from the same state. */
async function importRow(deps: ExtraDeps): Promise<Row> {
  const copy = path.join(deps.dir, 'import-target.sqlite3');
  let imported = 0;
  const stat = await measureOwn(
    async () => {
      copyDatabase(deps.ledger, copy);
      const target = openDatabase(copy);
      try {
        const ctx: ServiceContext = { ledger: target, caller: LOCAL_ADMIN, now: () => new Date() };
        const t = process.hrtime.bigint();
        imported = await importThroughWizard(ctx, deps.importFile);
        return Number(process.hrtime.bigint() - t) / 1e6;
      } finally {
        target.close();
      }
    },
    3,
    1,
  );
  removeDatabase(copy);
  if (imported !== IMPORT_ROWS) throw new Error(`imported ${imported} rows, expected ${IMPORT_ROWS}`);
  return { name: `XLSX import (${IMPORT_ROWS.toLocaleString('en-US')} rows: read + preview + commit)`, product: stat, target: '≤ 5 s' };
}

// ---- the renderer's first ledger paint ----

/** Builds the renderer when out/renderer is missing or older than its sources (the rule of test/e2e/support.ts). */
function ensureRendererBuilt(log: (line: string) => void): void {
  if (!rendererOutOfDate()) return;
  const built = BUILT_RENDERER;
  log(`  building the renderer (out/renderer is ${fs.existsSync(built) ? 'older than its sources' : 'missing'}) …`);
  try {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  } catch (error) {
    if (!fs.existsSync(built)) throw error;
    log('  the renderer build failed; measuring the existing out/renderer');
  }
}

const BENCH_USER = { username: 'benchmark', displayName: '性能测试', password: 'Ledger@2025' };

/**
 * Signs the app's own session in, as the office's registrar-administrator would
 * be, so the page opens on the ledger, not on the sign-in screen. (The harness's
 * auth: 'localAdmin' gives the router a built-in caller but not the renderer a
 * signed-in session: auth.status still reports the first-run setup.)
 */
async function signInAppSession(call: (method: string, input?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<void> {
  const step = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
    return r.value as T;
  };
  const status = await step<{ setupNeeded: boolean }>('auth.status');
  if (status.setupNeeded) {
    await step('auth.setup', BENCH_USER);
    const [admin] = await step<{ id: number; version: number }[]>('users.list');
    await step('users.update', { id: admin!.id, version: admin!.version, roles: ['admin', 'registrar'] });
    await step('auth.logout');
  }
  await step('auth.login', { username: BENCH_USER.username, password: BENCH_USER.password });
}

/**
 * Records, in the page, the first frame in which a row of the ledger table is
 * visible, and reports its time (the page's clock, performance.now()) as a
 * console message. An init script, so it is in place before the page's own
 * scripts; Playwright itself evaluates nothing in the page while it loads (its
 * in-page polling scripts would compete with the page for the main thread).
 */
const FIRST_ROW_MARK = 'counsel-ledger:first-row ';
const FIRST_ROW_RECORDER = `(() => {
  const tick = () => {
    const row = document.querySelector('.ant-table-tbody tr.ant-table-row');
    if (row) {
      const box = row.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(row).visibility !== 'hidden') {
        console.log(${JSON.stringify(FIRST_ROW_MARK)} + performance.now());
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/**
 * The baseline of the first paint, the least any page could do: a static page
 * with one script that makes the ledger's first call (the same page of the same
 * year, through the same bridge and harness) and puts its 20 rows into a plain
 * table, no CSS, no framework. Served by the same harness from a copy of the
 * built renderer, at /raw/index.html (an index.html, so the harness adds its bridge).
 */
function writeRawPage(rendererCopy: string, listInput: unknown): void {
  const dir = path.join(rendererCopy, 'raw');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" href="data:," />
    <title>raw</title>
    <script src="./raw.js" defer></script>
  </head>
  <body>
    <table><tbody class="ant-table-tbody"></tbody></table>
  </body>
</html>
`,
  );
  fs.writeFileSync(
    path.join(dir, 'raw.js'),
    `'use strict';
window.ledger.call('consultations.list', ${JSON.stringify(listInput)}).then((envelope) => {
  if (!envelope.ok) throw new Error('consultations.list: ' + envelope.error.message);
  const body = document.querySelector('tbody');
  for (const row of envelope.value.rows) {
    const tr = document.createElement('tr');
    tr.className = 'ant-table-row';
    for (const value of [row.serialNo, row.title, row.categoryName, row.departmentName, row.receivedOn, row.dueOn, row.itemCount, row.counselName, row.status]) {
      const td = document.createElement('td');
      td.textContent = value ?? '';
      tr.append(td);
    }
    body.append(tr);
  }
});
`,
  );
}

/**
 * The harness serves the built renderer and the real router on the bench
 * database (its session signed in: no sign-in screen), its clock on the
 * generated ledger's last day so the ledger opens on a full year. Each run is a
 * new Chromium with a fresh profile (nothing cached), 1366×768, zh-CN: the time
 * from the start of the navigation to '#/ledger' until the first row of the
 * ledger table is visible, as the page's own clock (performance.now()) sees it.
 * The raw baseline (writeRawPage) is measured the same way, alternating with
 * the product's runs.
 */
async function firstPaintRow(deps: ExtraDeps): Promise<Row> {
  const log = deps.log ?? (() => undefined);
  ensureRendererBuilt(log);
  const [{ chromium }, { startHarness }] = await Promise.all([import('playwright-core'), import('../test/harness/server')]);
  const rendererCopy = path.join(deps.dir, 'renderer');
  fs.rmSync(rendererCopy, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'out/renderer'), rendererCopy, { recursive: true });
  // the page the ledger opens on: the default filter of the clock's year, as LedgerPage and the startup prefetch ask for it
  writeRawPage(rendererCopy, filterToInput(readFilter(new URLSearchParams(), deps.lastYear)));
  const clock = new Date(`${deps.lastYear}-12-31T02:00:00.000Z`);
  const harness = await startHarness({ dbFile: deps.file, now: () => clock, rendererDir: rendererCopy });
  await signInAppSession(harness.call);
  const profiles = fs.mkdtempSync(path.join(deps.dir, 'chromium-'));
  let n = 0;
  const firstRow = async (url: string): Promise<number> => {
    const context = await chromium.launchPersistentContext(path.join(profiles, String(n++)), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      await context.addInitScript({ content: FIRST_ROW_RECORDER });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const painted = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ledger row on ${url} within 30 s${errors.length ? `: ${errors.join('; ')}` : ''}`)), 30_000);
        page.on('console', (message) => {
          const text = message.text();
          if (!text.startsWith(FIRST_ROW_MARK)) return;
          clearTimeout(timer);
          resolve(Number(text.slice(FIRST_ROW_MARK.length)));
        });
      });
      await page.goto(url, { waitUntil: 'commit' });
      const ms = await painted;
      if (errors.length) throw new Error(`errors in the page ${url}: ${errors.join('; ')}`);
      return ms;
    } finally {
      await context.close();
    }
  };
  try {
    const { product, raw } = await measureOwnPair(
      () => firstRow(`${harness.url}#/ledger`),
      () => firstRow(`${harness.url}raw/index.html`),
      FIRST_PAINT_RUNS,
    );
    return {
      name: `renderer: first ledger paint (harness, Chromium, ${deps.N.toLocaleString()} items; raw: one call, 20 rows in a plain table)`,
      product,
      raw,
      target: '≤ 1.5 s',
    };
  } finally {
    await harness.close();
    fs.rmSync(profiles, { recursive: true, force: true });
    fs.rmSync(rendererCopy, { recursive: true, force: true });
  }
}
