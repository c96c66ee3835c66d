#!/usr/bin/env node
/**
 * npm run coverage: V8 coverage of electron/ and db/ over the node project
 * (unit and integration tests), then the renderer's from Chromium over the e2e
 * tests (a build with source maps, COVERAGE_E2E=1), then the summary per folder
 * (build/coverage-summary.mjs → coverage/summary.md).
 *   npm run coverage               both
 *   npm run coverage -- --node     electron/ and db/ only
 * Extra arguments after the flags go to both vitest runs (e.g. test files).
 * Coverage counts which lines ran, not how often: the fuzz test runs 500 inputs per
 * method here (FUZZ_RUNS; 10 000 in npm test), since instrumentation slows each call.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const nodeOnly = args.includes('--node');
const extra = args.filter((a) => a !== '--node');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

function step(title, argv, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`coverage: “${title}” failed (exit ${r.status ?? r.signal}); no summary written\n`);
    process.exit(r.status ?? 1);
  }
}

fs.rmSync(path.join(root, 'coverage'), { recursive: true, force: true });
step('unit and integration tests with V8 coverage', [bin('vitest', 'vitest.mjs'), 'run', '--project', 'node', '--coverage', ...extra], { COVERAGE: '1', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '500' });
if (!nodeOnly) {
  const env = { COVERAGE_E2E: '1' };
  step('renderer build with source maps', [bin('electron-vite', 'bin/electron-vite.js'), 'build'], env);
  step('e2e tests in Chromium, recording JS coverage', [bin('vitest', 'vitest.mjs'), 'run', '--project', 'e2e', ...extra], env);
}
step('summary per folder', [path.join(root, 'build/coverage-summary.mjs')]);
