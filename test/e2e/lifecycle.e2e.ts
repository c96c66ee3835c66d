/** Withdraw and reopen; trash and restore: the irreversible steps ask first, and the ledger follows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerItem } from './steps';
import { seedBasics, openSeeded, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => void ({ app, basics } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const register = (title: string) => registerItem(app, basics, { title, category: 'contract', receivedOn: '2025-06-02' });

describe('withdraw and reopen', () => {
  it('withdraws with a reason after a warning, then an admin reopens it with a reason', async () => {
    const { page } = app;
    const item = await register('关于场地租赁合同的咨询');
    await app.goto(`#/consultations/${item.id}`);
    const heading = page.getByRole('heading', { name: new RegExp(item.serialNo) });
    await expect.poll(() => heading.textContent()).toContain('已登记');

    await page.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog', { name: '撤回咨询事项' });
    await dialog.getByText(/撤回的事项不计入年度次数和项数/).waitFor();
    await dialog.getByRole('button', { name: '确定撤回' }).click();
    await dialog.getByText('请填写原因').waitFor();
    await dialog.getByLabel('原因').fill('提请处室已自行解决');
    await dialog.getByRole('button', { name: '确定撤回' }).click();
    await expect.poll(() => heading.textContent()).toContain('已撤回');
    await page.getByText('原因：提请处室已自行解决').waitFor();
    // a withdrawn item can only be reopened (or trashed)
    expect(await page.getByRole('button', { name: '分派', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);

    await page.getByRole('button', { name: '重新打开' }).click();
    const reopen = page.getByRole('dialog', { name: '重新打开咨询事项' });
    await reopen.getByLabel('原因').fill('处室重新提出咨询');
    await reopen.getByRole('button', { name: '确定重新打开' }).click();
    // back to the status it was withdrawn from
    await expect.poll(() => heading.textContent()).toContain('已登记');
    await page.getByText('原因：处室重新提出咨询').waitFor();
    await page.getByRole('button', { name: '分派', exact: true }).waitFor();
  });
});

describe('trash and restore', () => {
  it('moves an item to the trash after a warning; it leaves the ledger and comes back on restore', async () => {
    const { page } = app;
    const item = await register('误登记的事项');
    await app.goto('#/ledger');
    await page.getByRole('row', { name: /误登记的事项/ }).waitFor();

    await page.getByRole('link', { name: '误登记的事项' }).click();
    await page.getByRole('button', { name: '移入回收站' }).click();
    const dialog = page.getByRole('dialog', { name: '移入回收站' });
    await dialog.getByText(/编号不会被再次使用/).waitFor();
    await dialog.getByLabel('原因（可选）').fill('重复登记');
    await dialog.getByRole('button', { name: '确定移入回收站' }).click();
    await page.getByText('该事项在回收站中，不计入统计。恢复后才能继续办理。').waitFor();
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);

    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByRole('row', { name: /场地租赁合同/ }).waitFor();
    expect(await page.getByRole('row', { name: /误登记的事项/ }).count()).toBe(0);

    await page.getByRole('menuitem', { name: '回收站' }).click();
    const row = page.getByRole('row', { name: /误登记的事项/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(item.serialNo);
    await row.getByRole('button', { name: '恢复' }).click();
    await page.getByText(`已恢复：${item.serialNo}`).waitFor();
    await page.getByText('回收站是空的').waitFor();

    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('row', { name: /误登记的事项/ }).waitFor();
  });
});
