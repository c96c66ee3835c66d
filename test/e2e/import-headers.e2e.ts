/**
 * 导入旧台账 under other common headers, in the real UI (issue 25 item 15; the
 * rules in test/import/headers.test.ts): 要求完成时间 is proposed as 办理时限, a
 * 审查意见 column of conclusion words as 意见结论 with a notice saying why, and
 * the import keeps the conclusions (never as opinion text) and the due dates.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, writeWorkbook, type Cell } from '../import/fixtures';
import { openApp, seedBasics, type App } from './support';

let app: App;
let chosen = '';

beforeAll(async () => {
  app = await openApp({ platform: { chooseOpenPaths: async () => [chosen] } });
  await seedBasics(app);
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

const HEADER = ['序号', '登记日期', '事项名称', '事项类别', '提请处室', '项数', '要求完成时间', '指派律师', '出具日期', '审查意见', '意见采纳情况', '办理状态'];
const ROWS: Cell[][] = [
  [1, day('2025-01-06'), '物业服务合同审查', '合同审查', '综合处', 1, day('2025-01-16'), '王建国', day('2025-01-09'), '修改后同意', '采纳', '已办结'],
  [2, day('2025-02-10'), '采购文件审查', '政府采购', '综合处', 2, '2025年2月20日', '王建国', day('2025-02-14'), '同意', '部分采纳', '已办结'],
];

describe('an old ledger under other common headers', () => {
  it('proposes 办理时限 and 意见结论, says why, and imports the conclusions and due dates', async () => {
    const { page } = app;
    chosen = await writeWorkbook(path.join(app.dir, '2025年台账（其他列名）.xlsx'), [{ name: '台账', rows: [HEADER, ...ROWS] }]);
    await page.getByRole('menuitem', { name: '导入旧台账' }).click();
    await page.getByRole('heading', { name: '导入旧台账' }).waitFor();
    await page.getByRole('button', { name: '选择台账文件…' }).click();

    await page.getByText('“审查意见”列的内容都是意见结论用语（如 同意、修改后同意、不同意），按“意见结论”导入').waitFor();
    const field = (letter: string, header: string) => page.getByRole('combobox', { name: `导入为 ${letter} ${header}` }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]');
    expect(await field('G', '要求完成时间').textContent()).toContain('办理时限');
    expect(await field('J', '审查意见').textContent()).toContain('意见结论');

    await page.getByText('试导入通过：2 条咨询事项可以导入').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog', { name: '确认导入 2 条咨询事项？' }).getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：2 条咨询事项').waitFor();

    const db = new Database(path.join(app.dir, 'ledger.sqlite3'), { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT c.title, c.due_on AS due, o.conclusion, o.text FROM consultations c JOIN opinions o ON o.consultation_id = c.id ORDER BY c.received_on`)
        .all();
      expect(rows).toEqual([
        { title: '物业服务合同审查', due: '2025-01-16', conclusion: 'approveWithChanges', text: expect.not.stringContaining('同意') },
        { title: '采购文件审查', due: '2025-02-20', conclusion: 'approve', text: expect.not.stringContaining('同意') },
      ]);
    } finally {
      db.close();
    }
  });
});
