/**
 * 导入旧台账 in the real UI: an old ledger with a title row and an impossible
 * date gets a per-row dry-run report and nothing is written; the fixed file,
 * with its unknown division mapped in the wizard, is imported in one step, is
 * in the ledger and is found by search; the batch is undone as a whole.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, writeWorkbook, type Cell } from '../import/fixtures';
import { choose, openSeeded, screenshot, seedBasics, type App } from './support';

let app: App;
/** what the open dialog answers: the file the test put there */
let chosen = '';

beforeAll(async () => void ({ app } = await openSeeded(seedBasics, { platform: { chooseOpenPaths: async () => [chosen] }, reload: true })));
afterAll(() => app?.close());

/** 2024's ledger as an office kept it: a merged title row, the header below it, the division 法制办 the app does not know. */
function ledgerRows(secondDate: string): (Cell[] | null)[] {
  return [
    ['市国防动员办公室2024年法律顾问咨询台账', null, null, null, null, null, null, null],
    ['序号', '收文日期', '事项名称', '咨询类别', '送审科室', '件数', '承办律师', '状态'],
    [1, day('2024-03-05'), '档案数字化外包服务合同审查', '合同审查', '综合处', 2, '王建国', '已分派'],
    [2, secondDate, '人防宣传册印制采购文件审查', '政府采购', '法制办', 1, null, '已登记'],
    [3, '2024年11月5日', '关于信访事项答复口径的咨询', '信访', '人民防空处', 1, null, '已登记'],
  ];
}

async function ledgerFile(name: string, secondDate: string): Promise<string> {
  return writeWorkbook(path.join(app.dir, name), [{ name: '2024年台账', rows: ledgerRows(secondDate), merges: ['A1:H1'] }]);
}

const count2024 = async () => (await app.call<{ total: number }>('consultations.list', { year: 2024 })).total;

describe('the import wizard', () => {
  it('shows the dry run of a file with an impossible date, row by row, and writes nothing', async () => {
    const { page } = app;
    chosen = await ledgerFile('2024年台账（有误）.xlsx', '2024-02-30');
    await page.getByRole('menuitem', { name: '导入旧台账' }).click();
    await page.getByRole('heading', { name: '导入旧台账' }).waitFor();
    await page.getByRole('button', { name: '选择台账文件…' }).click();

    await page.getByText('暂不能导入').waitFor();
    const problems = page.getByRole('table', { name: '逐行检查结果' });
    // the impossible date, at its row and column as Excel shows them
    const dateRow = problems.getByRole('row', { name: /日期不存在：“2024-02-30”/ });
    await dateRow.waitFor();
    expect(await dateRow.getByRole('cell').first().textContent()).toBe('4');
    expect(await dateRow.getByRole('cell').nth(1).textContent()).toBe('B 收文日期');
    // and the unknown division
    await problems.getByRole('row', { name: /处室“法制办”不在处室名单中/ }).waitFor();
    await page.getByText('表头在第 2 行；其上方的 1 行（标题等）不导入').waitFor();
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, '31-import-dry-run');
    expect(await count2024()).toBe(0);
  });

  it('imports the fixed file after the division is mapped, all in one step', async () => {
    const { page } = app;
    chosen = await ledgerFile('2024年台账.xlsx', '2024-02-28');
    await page.getByRole('button', { name: '重新选择文件' }).click();
    // the new file's dry run, not the old one's
    await page.getByText('2024年台账.xlsx', { exact: true }).waitFor();
    await page.getByRole('table', { name: '逐行检查结果' }).getByRole('row', { name: /处室“法制办”/ }).waitFor();
    expect(await page.getByRole('table', { name: '逐行检查结果' }).getByText(/日期不存在/).count()).toBe(0);

    await choose(page, '处理方式 法制办', '政策法规处');
    await page.getByText('试导入通过：3 条咨询事项可以导入').waitFor();
    await page.getByText('2024 年：3 次（4 项），沿用原编号 0 个，新编号 3 个').waitFor();
    expect(await count2024()).toBe(0);
    await page.getByText('试导入通过：3 条咨询事项可以导入').scrollIntoViewIfNeeded();
    await screenshot(page, '32-import-ready');

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog', { name: '确认导入 3 条咨询事项？' }).getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：3 条咨询事项').waitFor();
    expect(await count2024()).toBe(3);
    const imported = await app.call<{ rows: { title: string; departmentName: string; itemCount: number }[] }>('consultations.list', { year: 2024 });
    expect(imported.rows.find((c) => c.title === '人防宣传册印制采购文件审查')).toMatchObject({ departmentName: '政策法规处', itemCount: 1 });
    await page.getByRole('table', { name: '导入记录' }).getByRole('row', { name: /2024年台账\.xlsx/ }).waitFor();

    await page.getByRole('button', { name: '查看台账' }).click();
    await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
    await page.getByRole('cell', { name: '档案数字化外包服务合同审查' }).waitFor();
    await page.getByText('共 3 条', { exact: true }).waitFor();
  });

  it('finds an imported item with the search box', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const modal = page.getByRole('dialog', { name: '搜索' });
    await modal.getByRole('combobox', { name: '搜索关键词' }).fill('宣传册');
    await modal.getByRole('option', { name: /人防宣传册印制采购文件审查/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('undoes the whole batch from the import history', async () => {
    const { page } = app;
    await app.goto('#/import');
    await page.getByRole('button', { name: '撤销批次 1' }).click();
    await page.getByRole('dialog', { name: '撤销批次 1 的导入？' }).getByRole('button', { name: '撤销' }).click();
    await page.getByText('已撤销批次 1，删除 3 条咨询事项').waitFor();
    await page.getByRole('table', { name: '导入记录' }).getByText(/已于 .* 撤销/).waitFor();
    expect(await count2024()).toBe(0);
  });
});
