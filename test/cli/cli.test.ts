/**
 * The `counsel-ledger` command on the fixture year: in-process for the details,
 * then as a real process through tsx and through the built bundle (which is
 * what package.json's bin runs on a user's machine).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { main } from '../../electron/cli/main';
import { seedBasics, testApp } from '../helpers/ledger';
import { HEADER } from '../import/fixtures';
import { useFixture } from '../reports/fixture';
import { parseCsv } from '../reports/readers';

const run = promisify(execFile);
const fixture = useFixture();
const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: work, now: fixture().app.clock.now });
  return { code, out, err };
}

describe('command-line errors are told plainly (issue 19, finding 16)', () => {
  it('report --out naming a folder: a clear message and exit 2, no stack trace, nothing written', async () => {
    const folder = fs.mkdtempSync(path.join(work, 'out-'));
    for (const format of ['xlsx', 'json']) {
      const r = await cli('report', '--db', fixture().app.ledger.file, '--year', '2025', '--format', format, '--out', folder);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--out 应为要写出的文件名，而 ${folder} 是一个文件夹`);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('an unexpected error is one line with its reason, never a stack trace', async () => {
    // a --db that is a SQLite file of another program: no consultations table
    const other = path.join(work, 'other.sqlite3');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(other);
    db.exec('CREATE TABLE notes (x)');
    db.pragma('user_version = 1');
    db.close();
    const r = await cli('report', '--db', other, '--year', '2025');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^counsel-ledger report：/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('an error no command turned into a message of its own (--out inside a file) is one line with its reason, never a stack trace', async () => {
    const notAFolder = path.join(work, 'not-a-folder.txt');
    fs.writeFileSync(notAFolder, 'x');
    const r = await cli('report', '--db', fixture().app.ledger.file, '--year', '2025', '--format', 'xlsx', '--out', path.join(notAFolder, 'r.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^counsel-ledger report：操作未完成：.*ENOTDIR/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('counsel-ledger report (in process)', () => {
  it('prints the same JSON as reports.tally', async () => {
    const r = await cli('report', '--db', fixture().app.ledger.file, '--year', '2025', '--format', 'json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const json = JSON.parse(r.out) as Tally;
    expect(json).toEqual(await fixture().app.call('reports.tally', { year: 2025 }));
    expect([json.total.count, json.total.items]).toEqual([9, 14]);
  });

  it('prints text with the sentence and the tables, and takes a custom range', async () => {
    const r = await cli('report', '--db', fixture().app.ledger.file, '--year', '2025');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2025年，我办法律顾问围绕制度建设、合同签订、招标采购、信访投诉等开展法律咨询9次（14项），出具法律意见6份，意见采纳率75.0%。');
    expect(r.out).toMatch(/制度建设（规范性文件）\s+3\s+6\s+33\.3%/);
    expect(r.out).toContain('期末（2025-12-31）未办结：6次（9项）');
    const range = await cli('report', '--db', fixture().app.ledger.file, '--from', '2025-12-01', '--to', '2026-01-31', '--format', 'json');
    expect((JSON.parse(range.out) as Tally).total.count).toBe(3);
  });

  it('writes xlsx, csv, docx and json to --out, and xlsx to a default name in the current folder', async () => {
    const db = fixture().app.ledger.file;
    for (const format of ['xlsx', 'csv', 'docx', 'json']) {
      const out = path.join(work, `out.${format}`);
      const r = await cli('report', '--db', db, '--year', '2025', '--format', format, '--out', out);
      expect(r.code, r.err).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(0);
    }
    expect((await parseCsv(fs.readFileSync(path.join(work, 'out.csv'), 'utf8').slice(1))).length).toBe(1 + 9);
    expect((JSON.parse(fs.readFileSync(path.join(work, 'out.json'), 'utf8')) as Tally).total.count).toBe(9);
    const r = await cli('report', '--db', db, '--year', '2025', '--format', 'xlsx');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, '2025年法律顾问工作情况.xlsx'));
    expect(wb.getWorksheet('明细台账')!.rowCount).toBe(1 + 9);
  });

  it('refuses a missing database without creating one', async () => {
    const missing = path.join(work, 'no-such.sqlite3');
    const r = await cli('report', '--db', missing, '--year', '2025');
    expect(r.code).toBe(1);
    expect(r.err).toContain('找不到数据库文件');
    expect(fs.existsSync(missing)).toBe(false);
    const empty = path.join(work, 'empty.sqlite3');
    fs.writeFileSync(empty, '');
    expect((await cli('report', '--db', empty, '--year', '2025')).err).toContain('数据库文件是空的');
  });

  it('refuses bad arguments with exit code 2 and says why', async () => {
    const db = fixture().app.ledger.file;
    const cases: [string[], RegExp][] = [
      [['report', '--year', '2025'], /--db/],
      [['report', '--db', db], /年度/],
      [['report', '--db', db, '--year', 'twenty'], /--year/],
      [['report', '--db', db, '--year', '2025', '--format', 'pdf'], /--format/],
      [['report', '--db', db, '--year', '2025', '--bogus'], /bogus/],
      [['report', '--db', db, '--from', '2025-02-01', '--to', '2025-01-01'], /结束日期不能早于开始日期/],
      [['nonsense'], /未知的命令/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err + r.out, argv.join(' ')).toMatch(message);
    }
    expect((await cli('--help')).out).toContain('report');
    expect((await cli('report', '--help')).out).toContain('--format');
  });
});

describe('counsel-ledger as a process', () => {
  it('runs from source with tsx', async () => {
    const { stdout } = await run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/cli/index.ts'), 'report', '--db', fixture().app.ledger.file, '--year', '2025', '--format', 'json'], { cwd: work });
    expect((JSON.parse(stdout) as Tally).total).toEqual({ count: 9, items: 14, key: 'total' });
  });

  it('builds with vite.cli.config.ts into one module that plain Node runs', async () => {
    // Built next to out/ inside the project, so the bundle resolves its external packages from node_modules as installed.
    // out/ exists only after a build: on a fresh clone (npm run test:unit) the test makes it.
    fs.mkdirSync(path.join(root, 'out'), { recursive: true });
    const outDir = fs.mkdtempSync(path.join(root, 'out', 'cli-test-'));
    try {
      await run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(root, 'vite.cli.config.ts')], {
        cwd: root,
        env: { ...process.env, CLI_OUT_DIR: path.relative(root, outDir) },
      });
      const bundle = path.join(outDir, 'counsel-ledger.mjs');
      // the command and the worker it parses files from outside on (electron/services/parse)
      expect(fs.readdirSync(outDir).sort()).toEqual(['counsel-ledger.mjs', 'parse-worker.mjs']);
      expect(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      const { stdout } = await run(process.execPath, [bundle, 'report', '--db', fixture().app.ledger.file, '--year', '2025', '--format', 'text'], { cwd: work });
      expect(stdout).toContain('开展法律咨询9次（14项）');
      const missing = await run(process.execPath, [bundle, 'report', '--db', path.join(work, 'none.sqlite3'), '--year', '2025']).catch((e: { code: number; stderr: string }) => e);
      expect(missing).toMatchObject({ code: 1 });
      expect((missing as { stderr: string }).stderr).toContain('找不到数据库文件');
      // an import's file is read by the bundled worker beside the bundle
      const app = testApp();
      await seedBasics(app);
      app.ledger.close();
      const csv = path.join(work, '台账.csv');
      fs.writeFileSync(csv, `${HEADER.join(',')}\n1,,2025-01-06,办公楼物业服务合同审查,合同审查,综合处,张三,1,,,,,,待办,\n`);
      const imported = await run(process.execPath, [bundle, 'import', '--db', app.ledger.file, csv, '--dry-run'], { cwd: work });
      expect(imported.stdout).toContain('文件：台账.csv（CSV');
      expect(imported.stdout).toContain('试运行通过，可导入 1 条');
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
