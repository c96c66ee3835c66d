/**
 * The per-row report: each problem named by the row number Excel shows, the
 * column's header and letter, in Chinese, before anything is written; and a
 * file with any error imports nothing at all.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '#contract/import-contract';
import { buildPlan, commitImport, planView, readImportFile, renderPlanText } from '../../electron/services/import';
import { CellError } from '../../electron/services/import/grid';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { day, dumpTables, writeWorkbook, type Cell } from './fixtures';

const HEADER = ['编号', '收件日期', '事项名称', '类别', '提请处室', '项数', '法律顾问', '办理时限', '意见出具日期', '意见结论', '采纳情况', '未采纳理由', '状态', '备注'];
type Row = Partial<Record<(typeof HEADER)[number], Cell>>;
const good: Row = { 收件日期: day('2025-03-03'), 事项名称: '某合同审查', 类别: '合同签订', 提请处室: '综合处' };
const line = (r: Row): Cell[] => HEADER.map((h) => r[h] ?? null);

/** Each case: one row (row 2 is a good row, cases start at row 3), the column and message expected. */
const CASES: { row: Row; letter: string | null; column: string; message: string }[] = [
  { row: { ...good, 收件日期: '2025-02-30' }, letter: 'B', column: '收件日期', message: '日期不存在：“2025-02-30”' },
  { row: { ...good, 收件日期: '2025年13月1日' }, letter: 'B', column: '收件日期', message: '日期不存在' },
  { row: { ...good, 收件日期: '25.3.1' }, letter: 'B', column: '收件日期', message: '年份请写完整的四位数字' },
  { row: { ...good, 收件日期: '3/1/2025' }, letter: 'B', column: '收件日期', message: '无法确定月和日的顺序' },
  { row: { ...good, 收件日期: '三月初' }, letter: 'B', column: '收件日期', message: '无法识别的日期“三月初”' },
  { row: { ...good, 收件日期: '2026-01-05' }, letter: 'B', column: '收件日期', message: '晚于今天' },
  { row: { ...good, 收件日期: null }, letter: 'B', column: '收件日期', message: '缺少收件日期' },
  { row: { ...good, 事项名称: '  ' }, letter: 'C', column: '事项名称', message: '缺少事项名称' },
  { row: { ...good, 事项名称: 'x'.repeat(201) }, letter: 'C', column: '事项名称', message: '不能超过 200 字' },
  { row: { ...good, 项数: 0 }, letter: 'F', column: '项数', message: '项数至少为 1' },
  { row: { ...good, 项数: '1.5' }, letter: 'F', column: '项数', message: '项数应为' },
  { row: { ...good, 办理时限: day('2025-03-01') }, letter: 'H', column: '办理时限', message: '早于收件日期' },
  { row: { ...good, 法律顾问: '王律师', 意见结论: '同意' }, letter: 'I', column: '意见出具日期', message: '缺少意见出具日期' },
  { row: { ...good, 法律顾问: '王律师', 意见出具日期: day('2025-03-01'), 意见结论: '同意' }, letter: 'I', column: '意见出具日期', message: '早于收件日期' },
  { row: { ...good, 法律顾问: '王律师', 意见出具日期: day('2025-07-01') }, letter: 'I', column: '意见出具日期', message: '晚于今天' },
  { row: { ...good, 意见出具日期: day('2025-03-05'), 意见结论: '大概可以' }, letter: 'J', column: '意见结论', message: '无法识别的意见结论“大概可以”' },
  { row: { ...good, 意见出具日期: day('2025-03-05'), 意见结论: '不同意', 采纳情况: '未采纳' }, letter: 'L', column: '未采纳理由', message: '须填写未采纳理由' },
  { row: { ...good, 采纳情况: '采纳', 法律顾问: '王律师', 状态: '已分派' }, letter: 'M', column: '状态', message: '状态为“已分派”，但已填写采纳情况' },
  { row: { ...good, 法律顾问: '王律师', 状态: '已登记' }, letter: 'M', column: '状态', message: '状态为“已登记”，但已填写法律顾问' },
  { row: { ...good, 状态: '处理中吧' }, letter: 'M', column: '状态', message: '无法识别的状态' },
  { row: { ...good, 编号: '法咨〔2024〕9号' }, letter: 'A', column: '编号', message: '编号的年份（2024）与收件日期的年份（2025）不一致' },
  { row: { ...good, 编号: '第九号' }, letter: 'A', column: '编号', message: '无法识别的编号' },
  { row: { ...good, 类别: '#N/A' }, letter: 'D', column: '类别', message: '单元格是错误值 #N/A' },
  { row: { ...good, 备注: '示例行：导入前请删除本行' }, letter: 'N', column: '备注', message: '导入模板中的示例行' },
];

async function ledgerWith(rows: Row[]): Promise<string> {
  const file = path.join(tempDir(), '台账.xlsx');
  await writeWorkbook(file, [{ rows: [HEADER, line(good), ...rows.map(line)] }]);
  return file;
}

describe('the per-row report', () => {
  it('names each problem by Excel row number, column header and letter, in Chinese', async () => {
    const app = testApp();
    await seedBasics(app);
    const source = await readImportFile(await ledgerWith(CASES.map((c) => c.row)));
    // an Excel error value (#N/A) as exceljs gives it
    source.sheets[0]!.rows.find((r) => r.number === 3 + CASES.findIndex((c) => c.message.includes('#N/A')))!.cells[3] = new CellError('#N/A');
    const plan = buildPlan(app.ctx(), source);
    const errors = plan.problems.filter((p) => p.severity === 'error');
    CASES.forEach((c, i) => {
      const row = i + 3;
      const found = errors.filter((p) => p.row === row);
      expect(found, `row ${row}: ${c.message}`).toContainEqual<ImportProblem>({
        row,
        letter: c.letter,
        column: c.column,
        severity: 'error',
        message: expect.stringContaining(c.message) as unknown as string,
      });
    });
    expect(plan.rows.find((r) => r.row === 2)!.errors).toBe(0);
    const view = planView(plan);
    expect(view.canCommit).toBe(false);
    expect(view.counts).toMatchObject({ rows: CASES.length + 1, ready: 1, withErrors: CASES.length });
    const text = renderPlanText(plan);
    expect(text).toContain('错误  第 3 行 B 列“收件日期”：日期不存在：“2025-02-30”');
    expect(text).toContain('不能导入：');
  });

  it('a row with an impossible date stops the whole file: nothing is written', async () => {
    const app = testApp();
    await seedBasics(app);
    const file = await ledgerWith([{ ...good, 事项名称: '第二件' }, { ...good, 收件日期: '2025-02-29', 事项名称: '日期不存在的一件' }]);
    const source = await readImportFile(file);
    const before = dumpTables(app.ledger.sqlite);
    const view = planView(buildPlan(app.ctx(), source));
    expect(view.problems).toEqual([
      { row: 4, column: '收件日期', letter: 'B', severity: 'error', message: '日期不存在：“2025-02-29”' },
    ]);
    expect(view.counts).toMatchObject({ rows: 3, ready: 2, withErrors: 1 });
    const refusal = await commitImport(app.ctx(), source).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('导入未执行，未写入任何数据') });
    expect((refusal as { issues: unknown[] }).issues).toEqual([{ path: 'row.4.B', message: '日期不存在：“2025-02-29”' }]);
    expect(dumpTables(app.ledger.sqlite)).toEqual(before);
  });

  it('warns without blocking: no conclusion, closed without an opinion, likely duplicates', async () => {
    const app = testApp();
    await seedBasics(app);
    await app.call('consultations.create', { title: '已登记过的一件', categoryId: 2, departmentId: 1, itemCount: 1, receivedOn: '2025-03-03' });
    const file = await ledgerWith([
      { ...good, 法律顾问: '王律师', 意见出具日期: day('2025-03-05') },
      { ...good, 状态: '已办结' },
      { ...good, 事项名称: '已登记过的一件' },
    ]);
    const plan = buildPlan(app.ctx(), await readImportFile(file));
    expect(plan.canCommit).toBe(true);
    expect(plan.problems.map((p) => [p.row, p.severity, p.message])).toEqual([
      [3, 'warning', '未填写意见结论，按“咨询答复(无结论)”导入'],
      [4, 'warning', '状态为“已办结”，但没有意见出具日期：将按已办结导入，不计入“出具法律意见”份数和办理用时'],
      [3, 'warning', '与第 2 行的事项名称、收件日期和提请处室都相同，可能重复登记'],
      [4, 'warning', '与第 2 行的事项名称、收件日期和提请处室都相同，可能重复登记'],
      [5, 'warning', '台账中已有相同的事项 法咨〔2025〕1号（事项名称、收件日期和提请处室都相同），可能已经登记过'],
    ]);
  });

  it('says what is missing when the header lacks required columns, and lets the caller map them', async () => {
    const app = testApp();
    await seedBasics(app);
    const file = path.join(tempDir(), 'odd.xlsx');
    await writeWorkbook(file, [{ rows: [['收到的那天', '事项名称', '类别', '提请处室'], [day('2025-03-03'), '某事', '合同', '综合处']] }]);
    const source = await readImportFile(file);
    const view = planView(buildPlan(app.ctx(), source));
    expect(view.missingRequired).toEqual(['receivedOn']);
    expect(view.blockers[0]).toBe('缺少必需的列：收件日期（请在列对应中指定）');
    const fixed = planView(buildPlan(app.ctx(), source, { mapping: [{ column: 0, field: 'receivedOn' }] }));
    expect(fixed.canCommit).toBe(true);
    expect(fixed.columns[0]).toMatchObject({ header: '收到的那天', proposed: null, field: 'receivedOn', samples: ['2025-03-03'] });
    const twice = planView(buildPlan(app.ctx(), source, { mapping: [{ column: 0, field: 'title' }, { column: 1, field: 'title' }] }));
    expect(twice.blockers).toContain('“事项名称”同时对应了 A 列、B 列，请只保留一列');
  });
});
