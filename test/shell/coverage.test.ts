/**
 * npm run coverage (issue 25, item 14): the script exists, its V8 provider is
 * pinned to vitest's exact version in package.json and the lockfile, and the
 * summary reads Chromium's block coverage right (inner ranges override outer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script without types
import { folderOf, paint } from '../../build/coverage-summary.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

describe('npm run coverage', () => {
  it('is a script, with @vitest/coverage-v8 at exactly vitest’s version in package.json and the lockfile', () => {
    expect(pkg.scripts.coverage).toBe('node build/coverage.mjs');
    expect(pkg.devDependencies['@vitest/coverage-v8']).toBe(pkg.devDependencies.vitest);
    expect(lock.packages['node_modules/@vitest/coverage-v8'].version).toBe(pkg.devDependencies.vitest);
  });

  it('paints V8 block ranges: a branch that never ran inside a function that did stays uncovered', () => {
    const counts = new Uint8Array(20);
    paint(20, [
      { ranges: [{ startOffset: 0, endOffset: 20, count: 1 }] },
      { ranges: [{ startOffset: 2, endOffset: 12, count: 1 }, { startOffset: 5, endOffset: 8, count: 0 }] },
      { ranges: [{ startOffset: 14, endOffset: 18, count: 0 }] },
    ], counts);
    expect([...counts].join('')).toBe('11111000111111000011');
    // a second page's run adds what it ran, never removes
    paint(20, [{ ranges: [{ startOffset: 0, endOffset: 20, count: 1 }, { startOffset: 0, endOffset: 6, count: 0 }] }], counts);
    expect([...counts].join('')).toBe('11111011111111111111');
  });

  it('reports by folder: electron/services/x, db/queries, renderer/src/features/x', () => {
    expect(folderOf('electron/services/import/header.ts')).toBe('electron/services/import');
    expect(folderOf('db/queries/people.ts')).toBe('db/queries');
    expect(folderOf('db/open.ts')).toBe('db');
    expect(folderOf('renderer/src/features/holidays/HolidaysPage.tsx')).toBe('renderer/src/features/holidays');
    expect(folderOf('renderer/src/features/ledger/table/Cells.tsx')).toBe('renderer/src/features/ledger');
  });
});
