/**
 * Serial numbers: the ledger's own numbers are kept (prefix, year, number) and
 * the year's counter raised to them, never lowered; a number already in use,
 * or twice in the file, is a per-row error; rows without one are numbered
 * after everything the year has used, in order of arrival.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, commitImport, planView, readImportFile } from '../../electron/services/import';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';
import { csvText, writeText } from './fixtures';

const HEADER = ['编号', '收件日期', '事项名称', '类别', '提请处室'];
const file = (rows: (string | null)[][]) => writeText(path.join(tempDir(), '台账.csv'), csvText([HEADER, ...rows]));
const counter = (app: ReturnType<typeof testApp>, year: number) =>
  app.ledger.sqlite.prepare('SELECT last_seq FROM serial_counters WHERE year = ?').pluck().get(year) as number | undefined;

async function with2023Items() {
  const app = testApp();
  const seed = await seedBasics(app);
  for (const title of ['二〇二三年第一件', '二〇二三年第二件']) {
    await register(app, { title, categoryId: seed.cat('other'), departmentId: seed.dept.id, receivedOn: '2023-05-01' });
  }
  return app;
}

describe('serial numbers of imported items', () => {
  it('keeps the numbers of the file in any common notation, numbers the rest after them by arrival, raises the counter', async () => {
    const app = await with2023Items();
    expect(counter(app, 2023)).toBe(2);
    const source = await readImportFile(
      file([
        ['法咨〔2023〕15号', '2023-03-01', '甲', '合同', '综合处'],
        [null, '2023-09-01', '乙（后收到）', '合同', '综合处'],
        [null, '2023-02-01', '丙（先收到）', '合同', '综合处'],
        ['法咨[2023]第16号', '2023-03-02', '丁', '合同', '综合处'],
        ['法咨（２０２３）１７号', '2023-03-03', '戊', '合同', '综合处'],
        ['〔2023〕18号', '2023-03-04', '己（无前缀：用设置中的前缀）', '合同', '综合处'],
        ['法规〔2023〕3号', '2023-03-05', '庚（另一个前缀，保留）', '合同', '综合处'],
        [null, '2024-01-02', '辛（新的一年）', '合同', '综合处'],
      ]),
    );
    const view = planView(buildPlan(app.ctx(), source));
    expect(view.canCommit).toBe(true);
    expect(view.preview.map((r) => [r.title.slice(0, 1), r.serialNo, r.serialKept])).toEqual([
      ['甲', '法咨〔2023〕15号', true],
      ['乙', '法咨〔2023〕20号', false],
      ['丙', '法咨〔2023〕19号', false],
      ['丁', '法咨〔2023〕16号', true],
      ['戊', '法咨〔2023〕17号', true],
      ['己', '法咨〔2023〕18号', true],
      ['庚', '法规〔2023〕3号', true],
      ['辛', '法咨〔2024〕1号', false],
    ]);
    expect(view.byYear).toEqual([
      { year: 2023, count: 7, items: 7, keptSerials: 5, newSerials: 2 },
      { year: 2024, count: 1, items: 1, keptSerials: 0, newSerials: 1 },
    ]);
    const result = await commitImport(app.ctx(), source);
    expect(result.serials).toEqual({ kept: 5, assigned: 3 });
    expect(counter(app, 2023)).toBe(20);
    expect(counter(app, 2024)).toBe(1);
    const serials = app.ledger.sqlite
      .prepare("SELECT serial_prefix || '〔' || serial_year || '〕' || serial_seq || '号' FROM consultations ORDER BY id")
      .pluck()
      .all();
    expect(serials).toContain('法规〔2023〕3号');
    // the next registration continues after everything used
    expect((await register(app, { title: '新登记', categoryId: 1, departmentId: 1, receivedOn: '2023-12-01' })).serialNo).toBe('法咨〔2023〕21号');
  });

  it('never lowers a counter: an old number below it is kept, the counter stays', async () => {
    const app = await with2023Items();
    app.ledger.sqlite.prepare('UPDATE serial_counters SET last_seq = 30 WHERE year = 2023').run();
    await commitImport(app.ctx(), await readImportFile(file([['法咨〔2023〕15号', '2023-03-01', '甲', '合同', '综合处']])));
    expect(counter(app, 2023)).toBe(30);
  });

  it('a number in use by an existing item, or twice in the file, is an error of that row; nothing is written', async () => {
    const app = await with2023Items();
    const source = await readImportFile(
      file([
        ['法咨〔2023〕1号', '2023-03-01', '与已有事项同号', '合同', '综合处'],
        ['法咨〔2023〕9号', '2023-03-01', '第一次', '合同', '综合处'],
        ['法咨〔2023〕9号', '2023-03-02', '第二次', '合同', '综合处'],
      ]),
    );
    const plan = buildPlan(app.ctx(), source);
    expect(plan.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.letter, p.message])).toEqual([
      [2, 'A', '编号 法咨〔2023〕1号 已被现有事项“二〇二三年第一件”使用（法咨〔2023〕1号）；如是同一事项，说明已经登记过，请从文件中删除该行；否则请清空编号以自动编号'],
      [4, 'A', '编号 法咨〔2023〕9号 与第 3 行重复（同一年度的序号不能重复）'],
    ]);
    expect(plan.canCommit).toBe(false);
    await expect(commitImport(app.ctx(), source)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(2);
    expect(counter(app, 2023)).toBe(2);
  });

  it('a 编号 column of bare numbers is taken for 序号 and not imported', async () => {
    const app = await with2023Items();
    const view = planView(
      buildPlan(
        app.ctx(),
        await readImportFile(
          file([
            ['1', '2023-03-01', '甲', '合同', '综合处'],
            ['2', '2023-03-02', '乙', '合同', '综合处'],
          ]),
        ),
      ),
    );
    expect(view.columns[0]).toMatchObject({ header: '编号', proposed: null, field: null });
    expect(view.notices.join()).toContain('像是序号而不是编号');
    expect(view.canCommit).toBe(true);
    expect(view.preview.map((r) => r.serialNo)).toEqual(['法咨〔2023〕3号', '法咨〔2023〕4号']);
  });
});
