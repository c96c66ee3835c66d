/**
 * Builds the `counsel-ledger` command into one ES module, out/cli/counsel-ledger.mjs
 * (and the parse worker it starts, out/cli/parse-worker.mjs: build/parse-worker.ts),
 * for plain Node (package.json "bin" → electron/cli/bin.mjs loads it).
 * Node built-ins and the runtime dependencies (better-sqlite3 with its native
 * binding above all) stay external and are loaded from node_modules at run time.
 *   npx vite build --config vite.cli.config.ts
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { parseWorkerPlugin, runtimeExternal } from './build/parse-worker';

const root = import.meta.dirname;
const outDir = resolve(root, process.env.CLI_OUT_DIR ?? 'out/cli');
const external = runtimeExternal(root);

export default defineConfig({
  root,
  // nothing from public/ or index.html: this is a Node program
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'electron/cli/index.ts'),
    outDir,
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
  // files from outside are parsed on a worker thread: its program beside the command
  plugins: [parseWorkerPlugin(root, outDir)],
});
