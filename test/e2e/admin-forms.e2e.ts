/**
 * The administration screens in Chromium (issue 18 items 4 and 6): their dates are
 * the one DateInput (typed the Chinese ways, read back from the database; a bad
 * date keeps its text with a message), and their unsaved changes are asked about
 * before they are left — a dialog's 取消, 节假日's list, 设置.
 * The prompt is waited for and answered by its buttons.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillIn, openDialog } from './steps';
import { answerUnsaved, openSeeded, seedBasics, unsavedPrompt, type App } from './support';

let app: App;

beforeAll(async () => void ({ app } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const prompt = unsavedPrompt;
const answer = answerUnsaved;

async function typeInto(field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Tab');
}

describe('dates on the administration screens', () => {
  it('聘期 typed as 2025.1.1 and 2025年12月31日 is stored as those days; an end before the start is refused', async () => {
    const { page } = app;
    await app.goto('#/counsels');
    const dialog = await openDialog(page, '添加法律顾问');
    await fillIn(dialog, { 姓名: '赵律师', 律师事务所: '北京市某某律师事务所' });
    await typeInto(dialog.getByLabel('聘期开始'), '2025.1.1');
    await typeInto(dialog.getByLabel('聘期结束'), '2024/12/31');
    expect(await dialog.getByLabel('聘期结束').inputValue()).toBe('2024-12-31');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('聘期结束日期不能早于开始日期').waitFor();
    await typeInto(dialog.getByLabel('聘期结束'), '2025年12月31日');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const zhao = (await app.call<{ name: string; engagedFrom: string; engagedTo: string }[]>('counsels.list', {})).find((c) => c.name === '赵律师');
    expect([zhao?.engagedFrom, zhao?.engagedTo]).toEqual(['2025-01-01', '2025-12-31']);
  });

  it('节假日: a day typed 2025.12.26 is added and saved; a day of another year is refused with a message', async () => {
    const { page } = app;
    await app.goto('#/holidays');
    const day = page.getByLabel('日期', { exact: true });
    await typeInto(day, '2026-1-1');
    await page.getByRole('button', { name: '添加' }).click();
    await page.getByText('这一天不在 2025 年；请先在上方选择年度').waitFor();
    await typeInto(day, '2025.12.26');
    await page.getByRole('button', { name: '添加' }).click();
    await page.getByRole('row', { name: /2025-12-26/ }).waitFor();
    // the list is unsaved: leaving asks
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await answer(page, '继续编辑');
    await page.getByRole('row', { name: /2025-12-26/ }).waitFor();
    await page.getByRole('button', { name: '保存 2025 年安排' }).click();
    await expect
      .poll(async () => (await app.call<{ day: string }[]>('calendar.holidays', { year: 2025 })).some((d) => d.day === '2025-12-26'))
      .toBe(true);
    // saved: nothing to ask about
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
    expect(await prompt(page).count()).toBe(0);
  });

  it('审计日志: 起始日期 typed 2025.6.10 filters; “abc” keeps its text with a red message', async () => {
    const { page } = app;
    await app.goto('#/audit');
    const from = page.getByLabel('起始日期');
    await typeInto(from, 'abc');
    await page.getByText(/无法识别“abc”/).waitFor();
    expect(await from.inputValue()).toBe('abc');
    await typeInto(from, '2025.6.10');
    expect(await from.inputValue()).toBe('2025-06-10');
    await page.getByText('识别为 2025年6月10日', { exact: false }).waitFor();
    await typeInto(page.getByLabel('截止日期'), '2025.6.9');
    await page.getByText('暂无数据').or(page.locator('.ant-empty')).first().waitFor();
  });

  it('年度统计 自定义期间: both ends typed; an end before the start is said in red', async () => {
    const { page } = app;
    await app.goto('#/reports');
    await page.getByText('自定义期间', { exact: true }).click();
    const start = page.getByLabel('开始日期');
    const end = page.getByLabel('结束日期');
    await typeInto(end, '2025.3.31');
    await typeInto(start, '2025/4/1');
    await page.getByText('结束日期不能早于开始日期').waitFor();
    await typeInto(start, '20250101');
    expect([await start.inputValue(), await end.inputValue()]).toEqual(['2025-01-01', '2025-03-31']);
    await page.getByText('结束日期不能早于开始日期').waitFor({ state: 'detached' });
  });
});

describe('unsaved changes on the administration screens', () => {
  it("a dialog's 取消 asks: 继续编辑 keeps the typed name, 放弃修改并离开 closes it unsaved", async () => {
    const { page } = app;
    await app.goto('#/departments');
    await page.getByRole('row', { name: /综合处/ }).getByRole('button', { name: /重命名/ }).click();
    const dialog = page.getByRole('dialog', { name: '重命名处室' });
    await dialog.getByLabel('处室名称').fill('法制审核处');
    await dialog.getByRole('button', { name: '取消' }).click();
    await answer(page, '继续编辑');
    expect(await dialog.getByLabel('处室名称').inputValue()).toBe('法制审核处');
    await dialog.getByRole('button', { name: '取消' }).click();
    await answer(page, '放弃修改并离开');
    await dialog.waitFor({ state: 'detached' });
    expect((await app.call<{ name: string }[]>('departments.list', {})).some((d) => d.name === '法制审核处')).toBe(false);
  });

  it('设置: a changed 单位名称 is asked about before leaving; once saved it is not', async () => {
    const { page } = app;
    await app.goto('#/settings');
    const name = page.getByLabel('单位名称');
    await name.fill('市国防动员办公室法规科');
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await answer(page, '继续编辑');
    expect(await name.inputValue()).toBe('市国防动员办公室法规科');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await app.call<{ officeName: string }>('settings.get', {})).officeName).toBe('市国防动员办公室法规科');
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
    expect(await prompt(page).count()).toBe(0);
  });
});
