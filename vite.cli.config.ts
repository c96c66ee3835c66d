/**
 * Builds the `counsel-ledger` command into one ES module, out/cli/counsel-ledger.mjs,
 * for plain Node (package.json "bin" → electron/cli/bin.mjs loads it).
 * Node built-ins and the runtime dependencies (better-sqlite3 with its native
 * binding above all) stay external and are loaded from node_modules at run time.
 *   npx vite build --config vite.cli.config.ts
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {});
const external = (id: string): boolean =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  root,
  // nothing from public/ or index.html: this is a Node program
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'electron/cli/index.ts'),
    outDir: resolve(root, process.env.CLI_OUT_DIR ?? 'out/cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      external,
      output: {
        format: 'es',
        entryFileNames: 'counsel-ledger.mjs',
        // one file: the command is a single module, however many files its sources are
        codeSplitting: false,
      },
    },
  },
  ssr: { target: 'node', noExternal: [] },
});
