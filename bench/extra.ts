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
import { ROOT } from './paths';
import { measureOwn, type Row } from './stats';

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

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when out/renderer is missing or older than its sources (the rule of test/e2e/support.ts). */
function ensureRendererBuilt(log: (line: string) => void): void {
  const built = path.join(ROOT, 'out/renderer/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'electron/api')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  log(`  building the renderer (out/renderer is ${fs.existsSync(built) ? 'older than its sources' : 'missing'}) …`);
  try {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  } catch (error) {
    if (!fs.existsSync(built)) throw error;
    log('  the renderer build failed; measuring the existing out/renderer');
  }
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
 * The harness serves the built renderer and the real router on the bench
 * database (its session signed in: no sign-in screen), its clock on the
 * generated ledger's last day so the ledger opens on a full year. Each run is a
 * new Chromium with a fresh profile (nothing cached), 1366×768, zh-CN: the time
 * from the start of the navigation to '#/ledger' until the first row of the
 * ledger table is visible, as the page's own clock (performance.now()) sees it.
 */
async function firstPaintRow(deps: ExtraDeps): Promise<Row> {
  const log = deps.log ?? (() => undefined);
  ensureRendererBuilt(log);
  const [{ chromium }, { startHarness }] = await Promise.all([import('playwright-core'), import('../test/harness/server')]);
  const clock = new Date(`${deps.lastYear}-12-31T02:00:00.000Z`);
  const harness = await startHarness({ dbFile: deps.file, now: () => clock, rendererDir: path.join(ROOT, 'out/renderer') });
  await signInAppSession(harness.call);
  const profiles = fs.mkdtempSync(path.join(deps.dir, 'chromium-'));
  let n = 0;
  try {
    const once = async (): Promise<number> => {
      const context = await chromium.launchPersistentContext(path.join(profiles, String(n++)), {
        executablePath: '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${harness.url}#/ledger`, { waitUntil: 'commit' });
        const painted = await page.waitForFunction(
          () => {
            const row = document.querySelector('.ant-table-tbody tr.ant-table-row');
            if (!row) return false;
            const box = row.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(row).visibility !== 'hidden' ? performance.now() : false;
          },
          null,
          { polling: 'raf', timeout: 30_000 },
        );
        const ms = (await painted.jsonValue()) as number;
        if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
        return ms;
      } finally {
        await context.close();
      }
    };
    return {
      name: `renderer: first ledger paint (harness, Chromium, ${deps.N.toLocaleString()} items)`,
      // one warm-up (the OS file cache for Chromium and the bundle), then the page's own figure per run
      product: await measureOwn(once, FIRST_PAINT_RUNS, 1),
      target: '≤ 1.5 s',
    };
  } finally {
    await harness.close();
    fs.rmSync(profiles, { recursive: true, force: true });
  }
}
