#!/usr/bin/env node
// The `counsel-ledger` command (package.json "bin" → electron/cli/bin.mjs). The program itself is built
// into out/cli/counsel-ledger.mjs by `npm run build:cli` (vite.cli.config.ts).
import { existsSync } from 'node:fs';

const entry = new URL('../../out/cli/counsel-ledger.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('counsel-ledger：命令行工具尚未构建，请先在软件目录运行 npm run build:cli\n');
  process.exit(1);
}
await import(entry.href);
