/** The architecture's boundaries, as eslint.config.js enforces them. */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return messages.map((m) => m.ruleId ?? '');
}

const restricted = (ids: string[]) => ids.filter((id) => id === 'no-restricted-imports').length;
/** The import-boundary messages eslint gives for the files as they are. */
async function brokenImports(paths: string[]): Promise<string[]> {
  const results = await eslint.lintFiles(paths);
  return results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => `${path.relative(root, r.filePath)}: ${m.message}`),
  );
}
const layered = (ids: string[]) => ids.filter((id) => id === 'no-restricted-imports' || id === '@typescript-eslint/no-restricted-imports').length;

/** The files the imports below are planted in. */
const LEDGER_PAGE = 'renderer/src/features/ledger/LedgerPage.tsx';
const BACKUP_CONFIG = 'electron/services/backup/config.ts';
const MAPPING_TABLE = 'renderer/src/features/import/MappingTable.tsx';

/** One test per planted import: in `file`, eslint refuses it exactly once (refusals counted by `count`). */
function refusesEach(file: string, imports: string[], count: (ids: string[]) => number): void {
  it.each(imports)('refuses %s', async (code) => {
    expect(count(await ruleIds(file, `${code}\nexport {};\n`))).toBe(1);
  });
}

/** A test that these lines, in `file`, draw no import refusal (counted by `count`). */
function allows(title: string, file: string, lines: string[], count: (ids: string[]) => number): void {
  it(title, async () => {
    expect(count(await ruleIds(file, lines.join('\n')))).toBe(0);
  });
}

describe('renderer import boundary', () => {
  refusesEach(LEDGER_PAGE, [
    "import fs from 'node:fs';",
    "import fs from 'fs';",
    "import { join } from 'path';",
    "import { exec } from 'child_process';",
    "import os from 'os';",
    "import { createHash } from 'crypto';",
    "import { promises } from 'fs/promises';",
    "import { ipcRenderer } from 'electron';",
    "import { ipcRenderer } from 'electron/renderer';",
    "import Database from 'better-sqlite3';",
    "import { eq } from 'drizzle-orm';",
    "import { eq } from 'drizzle-orm/sqlite-core';",
    "import { openDatabase } from '../../../../db/open';",
    "import { x } from '../../../../db/queries/consultations';",
    "import { x } from '../../../../electron/services/consultations/service';",
  ], restricted);

  allows('allows the contract types, React and the rest of the renderer', LEDGER_PAGE, [
    "import type { ConsultationRow } from '#domain/types';",
    "import type { Envelope } from '#contract/envelope';",
    "import { useState } from 'react';",
    "import { Button } from 'antd';",
    "import { t } from '../../i18n';",
    'export type { ConsultationRow, Envelope };',
    'export { useState, Button, t };',
  ], restricted);
});

describe('services and db stay plain Node', () => {
  it.each(['electron/services/consultations/service.ts', 'db/open.ts'])('%s may not import electron', async (file) => {
    expect(restricted(await ruleIds(file, "import { app } from 'electron';\nexport const x = app;\n"))).toBe(1);
    expect(restricted(await ruleIds(file, "import { x } from 'electron/main';\nexport const y = x;\n"))).toBe(1);
    expect(restricted(await ruleIds(file, "import fs from 'node:fs';\nexport const y = fs;\n"))).toBe(0);
  });
});

describe('services take only types from the contract', () => {
  refusesEach(BACKUP_CONFIG, [
    "import { rotationInput } from '#contract/contract';",
    "import { importToken } from '#contract/import-contract';",
    "import { contract } from '../../api/contract';",
  ], layered);

  allows('allows type-only imports of the contract, and the domain', BACKUP_CONFIG, [
    "import type { ParsedInputOf } from '#contract/contract';",
    "import { type ImportPlanView } from '#contract/import-contract';",
    "import { ROTATION_LIMITS } from '#domain/types';",
    'export type { ParsedInputOf, ImportPlanView };',
    'export { ROTATION_LIMITS };',
  ], layered);

  it('the services as they are pass it', async () => {
    expect(await brokenImports(['electron/services'])).toEqual([]);
  });
});

describe('no Chinese text in components', () => {
  it.each([
    "export const title = '咨询台账';",
    'export const title = `共 ${1} 条咨询`;',
    'export const el = <div>咨询台账</div>;',
    'export const el = <input placeholder="请输入" />;',
    "export const comma = '，';",
  ])('refuses %s', async (code) => {
    expect(await ruleIds(LEDGER_PAGE, code)).toContain('no-restricted-syntax');
  });

  it('allows English literals and i18n keys', async () => {
    const code = "export const el = <div title={'ledger.title'}>{`${1} rows`} ok</div>;";
    expect(await ruleIds(LEDGER_PAGE, code)).not.toContain('no-restricted-syntax');
  });

  it('allows Chinese in renderer/src/i18n', async () => {
    expect(await ruleIds('renderer/src/i18n/zh-CN.ts', "export const zh = { title: '法律顾问咨询台账' };")).not.toContain(
      'no-restricted-syntax',
    );
  });
});

describe('the renderer takes only types from the contract, and the domain by its alias', () => {
  refusesEach(MAPPING_TABLE, [
    "import { IMPORT_FIELDS } from '#contract/import-contract';",
    "import { contract } from '#contract/contract';",
    "import { IPC_CHANNEL } from '#contract/envelope';",
    "import { STATUSES } from '../../../../electron/domain/types';",
    "import type { MethodName } from '../../../../electron/api/contract';",
  ], layered);

  allows('allows type-only imports of the contract and values of the domain', MAPPING_TABLE, [
    "import type { MethodName } from '#contract/contract';",
    "import { type ImportPlanView } from '#contract/import-contract';",
    "import { IMPORT_FIELDS } from '#domain/import-fields';",
    "import { STATUSES, type Role } from '#domain/types';",
    'export type { MethodName, ImportPlanView, Role };',
    'export { IMPORT_FIELDS, STATUSES };',
  ], layered);
});

describe('layers point one way: db/ and the domain import neither the contract nor the services', () => {
  it.each([
    ['db/queries/consultations.ts', "import type { ParsedInputOf } from '#contract/contract';"],
    ['db/queries/consultations.ts', "import type { Tally } from '#contract/reports-contract';"],
    ['db/queries/consultations.ts', "import { appendAudit } from '../../electron/services/audit';"],
    ['electron/domain/types.ts', "import { contract } from '../api/contract';"],
    ['electron/domain/types.ts', "import { AppError } from '../services/errors';"],
    ['electron/domain/types.ts', "import type { Envelope } from '#contract/envelope';"],
    ['electron/domain/types.ts', "import { z } from 'zod';"],
    ['electron/domain/types.ts', "import { openDatabase } from '../../db/open';"],
    ['electron/domain/types.ts', "import Database from 'better-sqlite3';"],
    ['electron/domain/types.ts', "import { app } from 'electron';"],
  ])('%s: refuses %s', async (file, code) => {
    expect(restricted(await ruleIds(file, `${code}\nexport {};\n`))).toBe(1);
  });

  it('allows the domain in db/, and the domain its own files', async () => {
    expect(restricted(await ruleIds('db/queries/consultations.ts', "import { STATUSES } from '#domain/types';\nexport { STATUSES };\n"))).toBe(0);
    expect(restricted(await ruleIds('electron/domain/types.ts', "import { addDays } from './dates';\nexport { addDays };\n"))).toBe(0);
  });

  it('the tree as it is passes these rules', async () => {
    expect(await brokenImports(['db', 'electron/domain', 'renderer/src'])).toEqual([]);
  });
});
