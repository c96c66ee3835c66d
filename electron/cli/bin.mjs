#!/usr/bin/env node
// The `counsel-ledger` command (package.json "bin" → electron/cli/bin.mjs). The program itself is built
// into out/cli/counsel-ledger.mjs by `npm run build:cli` (vite.cli.config.ts).
// Plain JavaScript that any Node can parse: it refuses an older Node than package.json's engines
// before anything loads better-sqlite3 (version 13 needs Node ≥ 22 and crashes on Node 20).
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(pkg.engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (minimum && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  process.stderr.write(`counsel-ledger：需要 Node.js ${pkg.engines.node}，当前为 ${process.versions.node}（Node.js ${pkg.engines.node} required）\n`);
  process.exit(1);
}

const entry = new URL('../../out/cli/counsel-ledger.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('counsel-ledger：命令行工具尚未构建，请先在软件目录运行 npm run build:cli\n');
  process.exit(1);
}
await import(entry.href);
