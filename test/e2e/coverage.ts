/**
 * The renderer's coverage, from Chromium: with COVERAGE_E2E=1 every page an
 * e2e test opens records V8 JavaScript coverage (Playwright's page.coverage, a
 * CDP Profiler session), written when the app closes to coverage/e2e-raw/ as
 * the built chunk's name and its V8 function ranges. build/coverage-summary.mjs
 * maps them through the build's source maps onto renderer/src, per file and
 * per folder. Off by default: it costs time, and asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const COVERAGE_E2E = process.env.COVERAGE_E2E === '1';
const RAW_DIR = path.resolve(import.meta.dirname, '../../coverage/e2e-raw');

export async function startCoverage(page: Page): Promise<void> {
  if (COVERAGE_E2E) await page.coverage.startJSCoverage({ resetOnNavigation: false });
}

/** Stop recording on these pages and write what ran of the app's own chunks (under /assets/). */
export async function writeCoverage(pages: readonly Page[]): Promise<void> {
  if (!COVERAGE_E2E) return;
  const scripts: { file: string; functions: unknown[] }[] = [];
  for (const page of pages) {
    if (page.isClosed()) continue;
    for (const entry of await page.coverage.stopJSCoverage()) {
      const m = /\/assets\/([^/?#]+\.js)/.exec(entry.url);
      if (m) scripts.push({ file: m[1]!, functions: entry.functions });
    }
  }
  fs.mkdirSync(RAW_DIR, { recursive: true });
  fs.writeFileSync(path.join(RAW_DIR, `${randomUUID()}.json`), JSON.stringify(scripts));
}
