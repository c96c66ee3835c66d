import { defineConfig } from 'vitest/config';
import { rolesByMethod } from './electron/api/contract';

// the contract's role table as the builds get it (electron.vite.config.ts)
// a fresh object per project: Vite takes a project's define over as its own
const define = () => ({ __METHOD_ROLES__: JSON.stringify(rolesByMethod()) });

export default defineConfig({
  test: {
    // npm run coverage: V8 coverage of the main-process code and the database layer over the node project
    // (unit and integration tests); the renderer's is collected from Chromium by the e2e run (test/e2e/coverage.ts)
    coverage: {
      provider: 'v8',
      include: ['electron/**/*.ts', 'db/**/*.ts'],
      exclude: ['db/migrations/**', 'db/migrations.generated.ts', '**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage/node',
    },
    projects: [
      {
        define: define(),
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/renderer/**', 'node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        define: define(),
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
