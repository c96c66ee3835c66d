/** Whether out/renderer must be built again before the browser harness serves it (e2e tests and the bench). */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILT_RENDERER = path.join(ROOT, 'out/renderer/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** out/renderer is missing or older than its sources (the renderer, the contract and the domain it is built from). */
export function rendererOutOfDate(): boolean {
  const sources = Math.max(...['renderer', 'electron/api', 'electron/domain'].map((dir) => newestMtime(path.join(ROOT, dir))));
  return !fs.existsSync(BUILT_RENDERER) || fs.statSync(BUILT_RENDERER).mtimeMs < sources;
}
