/**
 * The same old ledger under other common headers (issue 25, item 15):
 * 要求完成时间 is 办理时限, and a 审查意见 column that holds only conclusion
 * words (同意, 修改后同意, 不同意 …) is the conclusion, never opinion text; when
 * the conclusion already has a column, the dry run says what that column holds.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, commitImport, planView, readImportFile } from '../../electron/services/import';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { day, writeWorkbook, type Cell } from './fixtures';

const HEADER = ['序号', '文号', '登记日期', '事项名称', '事项类别', '提请处室', '提请人', '项数', '要求完成时间', '指派律师', '出具日期', '审查意见', '意见采纳情况', '不采纳原因', '办理状态', '备注'];
const ROWS: Cell[][] = [
  [1, '法咨〔2025〕1号', day('2025-01-06'), '物业服务合同审查', '合同审查', '综合处', '张三', 1, day('2025-01-16'), '王律师', day('2025-01-09'), '修改后同意', '采纳', null, '已办结', null],
  [2, '法咨〔2025〕2号', day('2025-02-10'), '采购文件审查', '政府采购', '综合处', '李四', 2, '2025-02-20', '王律师', day('2025-02-14'), '同意', '部分采纳', null, '已办结', null],
  [3, '法咨〔2025〕3号', day('2025-03-10'), '规范性文件审查', '规范性文件', '政策法规处', null, 1, '2025年3月20日', '王律师', day('2025-03-15'), '不同意', '未采纳', '上级已有规定', '已办结', null],
  [4, '法咨〔2025〕4号', day('2025-04-01'), '答复口径咨询', '信访', '政策法规处', null, 1, null, '王律师', day('2025-04-03'), '咨询答复', null, null, '已出具意见', null],
];

async function plan(header: string[], rows: Cell[][]) {
  const app = testApp();
  await seedBasics(app);
  const file = await writeWorkbook(path.join(tempDir(), 'old.xlsx'), [{ name: '台账', rows: [header, ...rows] }]);
  const source = await readImportFile(file);
  return { app, source, view: planView(buildPlan(app.ctx(), source)) };
}

describe('other common headers', () => {
  it('maps all 16 columns: 要求完成时间 is 办理时限 and a 审查意见 column of conclusion words is 意见结论', async () => {
    const { app, source, view } = await plan(HEADER, ROWS);
    expect(view.columns.map((c) => `${c.header}:${c.field ?? '-'}`)).toEqual([
      '序号:-',
      '文号:serialNo',
      '登记日期:receivedOn',
      '事项名称:title',
      '事项类别:category',
      '提请处室:department',
      '提请人:requester',
      '项数:itemCount',
      '要求完成时间:dueOn',
      '指派律师:counsel',
      '出具日期:opinionOn',
      '审查意见:conclusion',
      '意见采纳情况:outcome',
      '不采纳原因:outcomeReason',
      '办理状态:status',
      '备注:note',
    ]);
    expect(view.notices).toContain('“审查意见”列的内容都是意见结论用语（如 同意、修改后同意、不同意），按“意见结论”导入');
    expect(view.canCommit).toBe(true);
    await commitImport(app.ctx(), source);
    const rows = app.ledger.sqlite
      .prepare(
        `SELECT c.serial_seq AS serial, c.due_on AS due, o.conclusion, o.text AS body FROM consultations c
         JOIN opinions o ON o.consultation_id = c.id ORDER BY c.serial_seq`,
      )
      .all();
    expect(rows).toEqual([
      { serial: 1, due: '2025-01-16', conclusion: 'approveWithChanges', body: expect.not.stringContaining('同意') },
      { serial: 2, due: '2025-02-20', conclusion: 'approve', body: expect.not.stringContaining('同意') },
      { serial: 3, due: '2025-03-20', conclusion: 'object', body: expect.not.stringContaining('同意') },
      { serial: 4, due: null, conclusion: 'advisory', body: expect.anything() },
    ]);
  });

  it('a column of outcome words under an opinion header is 采纳情况', async () => {
    const header = HEADER.map((h) => (h === '意见采纳情况' ? '律师意见' : h === '审查意见' ? '意见结论' : h));
    const { view } = await plan(header, ROWS);
    expect(view.columns.find((c) => c.header === '律师意见')?.field).toBe('outcome');
    expect(view.columns.find((c) => c.header === '意见结论')?.field).toBe('conclusion');
    expect(view.notices).toContain('“律师意见”列的内容都是采纳情况用语（如 采纳、部分采纳、未采纳），按“采纳情况”导入');
  });

  it('when 意见结论 has its own column, the dry run warns that 审查意见 holds conclusion words too', async () => {
    const header = [...HEADER, '意见结论'];
    const rows = ROWS.map((r) => [...r, r[11] ?? null]);
    const { view } = await plan(header, rows);
    expect(view.columns.find((c) => c.header === '意见结论')?.field).toBe('conclusion');
    expect(view.columns.find((c) => c.header === '审查意见')?.field).toBe('opinionText');
    expect(view.notices).toContain('注意：“审查意见”列的内容都是意见结论用语，但“意见结论”已对应 Q 列；该列按“意见内容”导入，如应作为“意见结论”，请在列对应中改选');
  });

  it('real opinion text under 审查意见 stays opinion text', async () => {
    const rows = ROWS.map((r, i) => r.map((cell, c) => (c === 11 ? `第${i + 1}条：建议补充违约责任条款后同意` : cell)));
    const { view } = await plan(HEADER, rows);
    expect(view.columns.find((c) => c.header === '审查意见')?.field).toBe('opinionText');
    expect(view.notices.some((n) => n.includes('审查意见'))).toBe(false);
  });
});
