/**
 * counsel-ledger import, run in-process on a real database file: the per-row
 * report in Chinese, exit code 1 and nothing written when there are problems,
 * --dry-run, --create-missing, --allow-duplicate, --column, --category,
 * --batches and --undo.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { main } from '../../electron/cli/main';
import { acquireDataLock } from '../../electron/services/backup/lock';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { counts, csvText, realLedger, writeText } from './fixtures';

/** The real entry point (electron/cli/main.ts): `counsel-ledger import …`, its exit code and what it printed. */
async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd, now: () => new Date('2025-06-10T02:00:00Z') };
  const code = await main(['import', ...argv], io);
  return { code, out, err };
}

async function setup() {
  const app = testApp();
  await seedBasics(app);
  const dir = path.dirname(app.ledger.file);
  const ledger = await realLedger(dir, '台账.xlsx');
  return { app, dir, db: path.basename(app.ledger.file), ledger: path.basename(ledger) };
}

describe('counsel-ledger import', () => {
  it('prints the per-row report and exits 1 without writing when a name is unknown', async () => {
    const { app, dir, db, ledger } = await setup();
    const before = counts(app.ledger.sqlite);
    const r = await run(['--db', db, ledger, '--dry-run'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('文件：台账.xlsx（XLSX，工作表“2025年台账”，表头在第 4 行）');
    expect(r.out).toContain('C 列 “收文日期” → 收件日期');
    expect(r.out).toContain('错误  F 列“送审科室”：处室“法制办”不在处室名单中（第 9、10 行）');
    expect(r.out).toContain('结果：未导入，数据库未作任何修改。');
    expect(counts(app.ledger.sqlite)).toEqual(before);
  });

  it('--dry-run with --create-missing passes and writes nothing; without --dry-run it imports; then lists and undoes', async () => {
    const { app, dir, db, ledger } = await setup();
    const before = counts(app.ledger.sqlite);
    const dry = await run(['--db', db, ledger, '--create-missing', '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('处室“法制办”：将新建（2 行）');
    expect(dry.out).toContain('结果：试运行通过，可导入 12 条（--dry-run：未写入数据库）。');
    expect(counts(app.ledger.sqlite)).toEqual(before);

    const real = await run(['--db', db, ledger, '--create-missing'], dir);
    expect(real.code).toBe(0);
    expect(real.out).toContain('结果：已导入 12 条（批次 #1；保留原编号 2 个，自动编号 10 个；新建处室 法制办）');
    expect(counts(app.ledger.sqlite).consultations).toBe(before.consultations + 12);
    expect(app.ledger.sqlite.prepare('SELECT DISTINCT actor FROM status_history').pluck().all()).toEqual(['cli']);

    const again = await run(['--db', db, ledger, '--create-missing'], dir);
    expect(again.code).toBe(1);
    expect(again.out).toContain('该文件已于 2025-06-10 由 cli 导入过（批次 #1，12 条）');

    const list = await run(['--db', db, '--batches'], dir);
    expect(list).toMatchObject({ code: 0 });
    expect(list.out).toMatch(/^#1 {2}2025-06-10 {2}cli {2}台账\.xlsx {2}12 条 {2}可撤销\n$/);

    const undo = await run(['--db', db, '--undo', '1'], dir);
    expect(undo).toMatchObject({ code: 0, out: '已撤销批次 #1：删除 12 条导入的事项。\n' });
    expect(counts(app.ledger.sqlite).consultations).toBe(before.consultations);
    expect((await run(['--db', db, '--undo', '1'], dir)).err).toContain('该批次已于 2025-06-10 由 cli 撤销');
  });

  it('a CSV with an impossible date: the row and column in the report, exit 1, nothing written', async () => {
    const { app, dir, db } = await setup();
    writeText(
      path.join(dir, 'ledger.csv'),
      csvText([
        ['收件时间', '事项', '业务类别', '处室'],
        ['2025-3-1', '甲', '法律咨询', '综合处'],
        ['2025-2-29', '乙', '合同', '综合处'],
      ]),
    );
    const before = counts(app.ledger.sqlite);
    const r = await run(['--db', db, 'ledger.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('错误  第 3 行 A 列“收件时间”：日期不存在：“2025-2-29”');
    expect(r.out).toContain('类别“法律咨询”无法识别');
    expect(counts(app.ledger.sqlite)).toEqual(before);
    // fixed by the options: a column mapping and a category choice
    writeText(path.join(dir, 'fixed.csv'), csvText([['日子', '事项', '业务类别', '处室'], ['2025-3-1', '甲', '法律咨询', '综合处']]));
    const fixed = await run(['--db', db, 'fixed.csv', '--column', 'A=收件日期', '--category', '法律咨询=其他'], dir);
    expect(fixed.out).toContain('类别“法律咨询”：按“其他”导入（1 行）');
    expect(fixed.code).toBe(0);
  });

  it('wrong arguments exit 2 with the usage; a missing file or database is a clear error', async () => {
    const { dir, db } = await setup();
    expect((await run([], dir)).code).toBe(2);
    expect((await run(['--db', db], dir)).err).toContain('请指定一个台账文件');
    expect((await run(['--db', db, 'a.xlsx', '--nope'], dir)).code).toBe(2);
    expect((await run(['--db', db, 'a.xlsx', '--column', 'D'], dir)).err).toContain('--column 的格式应为');
    expect((await run(['--db', db, 'a.xlsx', '--column', 'D=不知道'], dir)).err).toContain('--column 的字段无法识别');
    const missing = await run(['--db', db, 'a.xlsx'], dir);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('找不到文件：a.xlsx');
    expect((await run(['--db', path.join(tempDir(), 'none.sqlite3'), 'a.xlsx'], dir)).err).toContain('找不到数据库文件');
  });

  it('is refused with exit code 3 while another program has the database (the app, another import), and writes nothing', async () => {
    const { app, dir, db, ledger } = await setup();
    const before = counts(app.ledger.sqlite);
    const held = acquireDataLock(app.ledger.file, 'app');
    try {
      const r = await run(['--db', db, ledger, '--create-missing'], dir);
      expect(r.code).toBe(3);
      expect(r.err).toContain('该台账数据库正被另一个程序使用');
      expect(counts(app.ledger.sqlite)).toEqual(before);
    } finally {
      held.release();
    }
    // and the lock the import takes is gone afterwards: the app can take it again
    expect((await run(['--db', db, '--batches'], dir)).code).toBe(0);
    acquireDataLock(app.ledger.file, 'app').release();
  });
});
