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

const PLAIN_NODE = 'Services, db/ and the domain are plain Node: take what you need through a platform adapter.';
const NO_ELECTRON_PATHS = [{ name: 'electron', message: PLAIN_NODE }];
const NO_ELECTRON_PATTERNS = [{ regex: '^electron/', message: PLAIN_NODE }];
const NO_ELECTRON_RULE = { paths: NO_ELECTRON_PATHS, patterns: NO_ELECTRON_PATTERNS };

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
      message: 'The renderer never imports services: use the domain (#domain/…) and the contract types (#contract/…).',
    },
    {
      regex: '^\\.{1,2}/(.*/)?electron/(?!services(/|$))',
      message: 'Import the domain as #domain/… and the contract as #contract/… (package.json "imports"), not by a relative path.',
    },
  ],
};

// The contract builds zod schemas at module level: the renderer takes its types only
// (import type), and its plain data (statuses, fields, codes) from #domain/.
const RENDERER_CONTRACT_TYPES_ONLY = {
  patterns: [
    {
      regex: '^#contract/',
      allowTypeImports: true,
      message: 'The renderer imports only types from the contract (import type …): its values bring zod along. Plain data lives in #domain/….',
    },
  ],
};

// Layers point one way: services → db → domain. The domain and db/ import nothing from the
// contract (electron/api) or the services, and the domain nothing from db/ or zod either.
const UPWARD = {
  regex: '^(#contract/|(\\.{1,2}/)+(electron/)?(api|services)(/|$))',
  message: 'db/ and the domain do not import the contract (electron/api) or the services: move the shared word to electron/domain.',
};
// Services take types from the contract (ParsedInputOf, the shapes they return), never its
// runtime values: its zod schemas validate at the boundary (the router), and a rule both need
// lives in the domain.
const SERVICES_CONTRACT_TYPES_ONLY = {
  patterns: [
    {
      regex: '^(#contract/|(\\.{1,2}/)+(electron/)?api(/|$))',
      allowTypeImports: true,
      message: 'Services import only types from the contract (import type …): its schemas validate at the boundary. Shared rules live in #domain/….',
    },
  ],
};
const DB_IMPORT_RULE = { paths: NO_ELECTRON_PATHS, patterns: [...NO_ELECTRON_PATTERNS, UPWARD] };
const DOMAIN_IMPORT_RULE = {
  paths: NO_ELECTRON_PATHS,
  patterns: [
    ...NO_ELECTRON_PATTERNS,
    UPWARD,
    { regex: '^(zod|better-sqlite3|drizzle-orm|drizzle-kit)(/|$)', message: 'The domain is plain data and functions: no zod, no database.' },
    { regex: '^(\\.{1,2}/)+(db|\\.\\./db)(/|$)', message: 'The domain does not import db/.' },
  ],
};


// Chinese text belongs in renderer/src/i18n; components use i18n keys.
const CJK = '[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';
const CJK_MESSAGE = 'No Chinese text in components: add it to renderer/src/i18n and use a translation key.';

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'coverage/', 'test-results/']),
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
    rules: {
      'no-restricted-imports': ['error', RENDERER_IMPORT_RULE],
      '@typescript-eslint/no-restricted-imports': ['error', RENDERER_CONTRACT_TYPES_ONLY],
    },
  },
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': ['error', NO_ELECTRON_RULE],
      '@typescript-eslint/no-restricted-imports': ['error', SERVICES_CONTRACT_TYPES_ONLY],
    },
  },
  {
    files: ['db/**'],
    rules: { 'no-restricted-imports': ['error', DB_IMPORT_RULE] },
  },
  {
    files: ['electron/domain/**'],
    rules: { 'no-restricted-imports': ['error', DOMAIN_IMPORT_RULE] },
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
