/**
 * The parse worker (electron/services/parse/worker.ts) as its own ES module,
 * parse-worker.mjs, written beside the bundle that starts it: out/main (the
 * app, electron.vite.config.ts) and out/cli (vite.cli.config.ts). It is a
 * second entry that must not share chunks with the first, so it is built by a
 * separate vite build when the first one is written. Node built-ins and the
 * runtime dependencies stay external, as in the bundles themselves.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { PARSE_WORKER_FILE } from '../electron/services/parse/files';

/**
 * Node built-ins and the project's package.json dependencies: loaded from node_modules at run time.
 * `root` is the project folder (a config's import.meta.dirname: this file is bundled into the config).
 */
export function runtimeExternal(root: string): (id: string) => boolean {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = Object.keys(pkg.dependencies ?? {});
  return (id) => id.startsWith('node:') || builtinModules.includes(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

export function parseWorkerPlugin(root: string, outDir: string): Plugin {
  return {
    name: 'counsel-ledger:parse-worker',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        build: {
          ssr: resolve(root, 'electron/services/parse/worker.ts'),
          outDir,
          emptyOutDir: false,
          target: 'node20',
          minify: false,
          sourcemap: false,
          copyPublicDir: false,
          rolldownOptions: {
            external: runtimeExternal(root),
            output: { format: 'es', entryFileNames: PARSE_WORKER_FILE, codeSplitting: false },
          },
        },
        ssr: { target: 'node', noExternal: [] },
      });
    },
  };
}
