/**
 * The repository's root, from the bench's sources (bench/) or from its bundle
 * (out/bench/, see run.ts): the nearest folder above with a package.json.
 */
import fs from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(import.meta.dirname);
export const BENCH_DIR = path.join(ROOT, 'bench');
