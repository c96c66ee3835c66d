/**
 * Checks on what `electron-vite build` produced. npm test builds before it
 * runs vitest; where nothing is built (a fresh clone under test:unit) this
 * file runs the build itself first and says so: it never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const preload = path.join(root, 'out/preload/index.cjs');
const main = path.join(root, 'out/main/index.js');
const mainFiles = () => readdirSync(path.dirname(main)).filter((f) => f.endsWith('.js')).map((f) => path.join(path.dirname(main), f));
const renderer = path.join(root, 'out/renderer/index.html');

/** The three outputs these checks read, built with the project's own config when any is missing. */
function ensureBuilt(): void {
  const missing = [main, preload, renderer].filter((file) => !existsSync(file));
  if (missing.length === 0) return;
  console.warn(`build-output: ${missing.map((f) => path.relative(root, f)).join(', ')} missing: running electron-vite build first (as npm run build does)`);
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`build-output cannot run: electron-vite build failed, so there is no out/ to check.\n${e.stderr?.toString() ?? e.message}`);
  }
  const still = [main, preload, renderer].filter((file) => !existsSync(file));
  if (still.length > 0) throw new Error(`build-output cannot run: electron-vite build left no ${still.join(', ')}`);
}

describe('build output', () => {
  beforeAll(ensureBuilt, 600_000);

  it('preload is one CommonJS file that requires nothing but electron (sandbox)', () => {
    const code = readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("ledger"');
    // never the raw ipcRenderer on the page
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('main keeps better-sqlite3 external (its prebuilt binary is loaded at run time)', () => {
    const code = mainFiles().map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(code).toMatch(/from\s+"better-sqlite3"/);
    expect(code).not.toContain('function Database(filenameGiven');
  });

  it('main loads the runtime as a chunk beside index.js, so paths relative to a module hold', () => {
    const files = readdirSync(path.dirname(main), { withFileTypes: true });
    expect(files.filter((f) => f.isDirectory()).map((f) => f.name)).toEqual([]);
    const index = readFileSync(main, 'utf8');
    const chunk = /import\("\.\/(runtime-[\w-]+\.js)"\)/.exec(index)?.[1];
    expect(chunk).toBeDefined();
    // better-sqlite3 is imported by the runtime chunk only: a missing module fails the dynamic import, which main.ts shows
    expect(index).not.toMatch(/from\s+"better-sqlite3"/);
    const runtime = readFileSync(path.join(path.dirname(main), chunk!), 'utf8');
    expect(runtime).toMatch(/from\s+"better-sqlite3"/);
    // app.info's version (electron/api/handlers.ts) is read from the project's package.json
    expect(runtime).toContain('new URL("../../package.json", import.meta.url)');
  });

  it('main finds the preload and renderer where electron-vite put them', () => {
    expect(existsSync(renderer)).toBe(true);
    const code = readFileSync(main, 'utf8');
    expect(code).toContain('"../preload/index.cjs"');
    expect(code).toContain('"../renderer"');
  });

  it("the renderer's chunks carry no zod (the contract's schemas stay in the main process)", () => {
    const assets = path.join(root, 'out/renderer/assets');
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    // zod 4's error class and its internal marker on every schema
    const withZod = chunks.filter((f) => /ZodError|\$ZodType|_zod\b/.test(readFileSync(path.join(assets, f), 'utf8')));
    expect(withZod).toEqual([]);
  });
});
