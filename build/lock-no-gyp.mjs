#!/usr/bin/env node
// `npm run lock:no-gyp`: writes `"gypfile": false` into package-lock.json for every installed package
// whose own package.json says so (better-sqlite3: its binaries are prebuilt, its binding.gyp is only
// for building from source).
//
// Why: npm decides whether to run its implicit `node-gyp rebuild` (a package with a binding.gyp and no
// install script) from the lockfile's entry when it installs from a lockfile (npm ci, or npm install in
// a fresh clone), and npm does not copy `gypfile` into the lockfile (npm/cli#3341). Without this line
// every fresh install runs node-gyp, which needs Python, and Visual Studio on Windows, and fails on an
// office PC. npm keeps the line when it reads the lockfile but drops it whenever it rewrites the
// lockfile (npm install <package>): run this afterwards; test/shell/native-pairing.test.ts checks it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
const changed = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!location.startsWith('node_modules/') || entry.link) continue;
  const manifest = path.join(root, location, 'package.json');
  if (!fs.existsSync(manifest)) continue;
  if (JSON.parse(fs.readFileSync(manifest, 'utf8')).gypfile === false && entry.gypfile !== false) {
    entry.gypfile = false;
    changed.push(location);
  }
}
if (changed.length > 0) {
  fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: gypfile false for ${changed.join(', ')}`);
} else {
  console.log('package-lock.json: nothing to change');
}
