// Lint: typescript-eslint's recommended rules (not type-checked, to stay fast),
// plus the architecture's boundaries (docs/ARCHITECTURE.md, "Lint enforces the
// boundaries"). test/shell/eslint-boundaries.test.ts pins the boundary rules.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// includes the sub-paths (fs/promises, path/posix, ...)
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const RENDERER_IMPORT_RULE = {
  paths: [
    { name: 'electron', message: 'The renderer talks only to window.ledger (the preload bridge).' },
    ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins in the renderer: it runs in a browser sandbox.' })),
  ],
  patterns: [
    { regex: '^node:', message: 'No Node built-ins in the renderer: it runs in a browser sandbox.' },
    { regex: '^electron/', message: 'The renderer talks only to window.ledger (the preload bridge).' },
    { regex: '^(better-sqlite3|drizzle-orm|drizzle-kit)(/|$)', message: 'The database lives in the main process; call window.ledger instead.' },
    { regex: '^\\.{1,2}/(.*/)?db(/|$)', message: 'The renderer never imports db/: call window.ledger instead.' },
    {
      regex: '^\\.{1,2}/(.*/)?electron/services(/|$)',
      message: 'The renderer never imports services: use the contract types from electron/api.',
    },
  ],
};

const NO_ELECTRON_RULE = {
  paths: [{ name: 'electron', message: 'Services and db/ are plain Node: take what you need through a platform adapter.' }],
  patterns: [{ regex: '^electron/', message: 'Services and db/ are plain Node: take what you need through a platform adapter.' }],
};

// Chinese text belongs in renderer/src/i18n; components use i18n keys.
const CJK = '[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';
const CJK_MESSAGE = 'No Chinese text in components: add it to renderer/src/i18n and use a translation key.';

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', '.native/', 'coverage/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['electron/**', 'db/**', 'build/**', 'test/**', 'bench/**', 'bin/**', '*.config.{js,ts,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests poke at envelopes and rows loosely; the assertions are the types there.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', RENDERER_IMPORT_RULE] },
  },
  {
    files: ['electron/services/**', 'db/**'],
    rules: { 'no-restricted-imports': ['error', NO_ELECTRON_RULE] },
  },
  {
    files: ['renderer/src/**'],
    ignores: ['renderer/src/i18n/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/${CJK}/]`, message: CJK_MESSAGE },
        { selector: `TemplateElement[value.raw=/${CJK}/]`, message: CJK_MESSAGE },
        { selector: `JSXText[value=/${CJK}/]`, message: CJK_MESSAGE },
      ],
    },
  },
]);
