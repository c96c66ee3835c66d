/**
 * Checks on what `electron-vite build` produced (npm test builds before it
 * runs vitest; skipped when out/ is missing, e.g. under test:unit).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const preload = path.join(root, 'out/preload/index.cjs');
const main = path.join(root, 'out/main/index.js');
const built = existsSync(preload) && existsSync(main);

describe.skipIf(!built)('build output', () => {
  it('preload is one CommonJS file that requires nothing but electron (sandbox)', () => {
    const code = readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("ledger"');
    // never the raw ipcRenderer on the page
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('main keeps better-sqlite3 external (its native binding is loaded at run time)', () => {
    const code = readFileSync(main, 'utf8');
    expect(code).toMatch(/from\s+"better-sqlite3"/);
    expect(code).not.toContain('function Database(filenameGiven');
  });

  it('main finds the preload and renderer where electron-vite put them', () => {
    expect(existsSync(path.join(root, 'out/renderer/index.html'))).toBe(true);
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
