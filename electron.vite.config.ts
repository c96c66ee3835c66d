import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseWorkerPlugin } from './build/parse-worker';
import { rolesByMethod } from './electron/api/contract';

const root = import.meta.dirname;
/** the contract's role lists as data, without the schemas: the renderer's canCall and the preload's method names */
const define = { __METHOD_ROLES__: JSON.stringify(rolesByMethod()) };

/**
 * The renderer's entry (main.tsx) is small: it starts the first screen's calls
 * and then imports the app (app.tsx). So that the browser fetches and parses
 * the app's chunks while the entry runs, not after, index.html gets a
 * modulepreload link for the app chunk and every chunk it imports statically.
 */
function preloadApp(entry: string): Plugin {
  return {
    name: 'counsel-ledger:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return [];
        const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
        const app = [...chunks.values()].find((c) => c.facadeModuleId === entry);
        if (!app) throw new Error(`preload-app: no chunk for ${entry}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
        };
        visit(app.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  main: {
    // files from outside are parsed on a worker thread: its program beside the main bundle
    plugins: [parseWorkerPlugin(root, resolve(root, 'out/main'))],
    build: {
      outDir: resolve(root, 'out/main'),
      // better-sqlite3 stays in node_modules and is loaded at run time: its
      // prebuilt binary (prebuilds/<platform>-<arch>.node, Node-API) is the same
      // for Node and Electron, and electron-builder unpacks it from the asar
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main.ts') },
        // main.ts imports the runtime dynamically (a module that cannot load is
        // an error box, not a windowless process); its chunk sits beside
        // index.js so that paths relative to a module (../../package.json) hold
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    define,
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require nothing but 'electron' (and a few
      // polyfilled modules): bundle everything it imports into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload.ts') },
        // Sandboxed preloads must be CommonJS; .cjs because package.json says "type": "module"
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), preloadApp(resolve(root, 'renderer/src/app.tsx'))],
    define,
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      // npm run coverage maps Chromium's coverage of the chunks back to renderer/src
      sourcemap: process.env.COVERAGE_E2E === '1',
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
