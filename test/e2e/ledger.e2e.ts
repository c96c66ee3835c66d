/** 咨询台账: year, category, status, division, counsel, keyword, overdue; sorting; paging; filters that survive navigation. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { choose, openSeeded, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => void ({ app, basics } = await openSeeded(seedLedger, { reload: true })));
afterAll(() => app?.close());

async function totalOf(filter: Record<string, unknown>): Promise<number> {
  return (await app.call<{ total: number }>('consultations.list', filter)).total;
}

/** "共 N 条" under the table */
async function shownTotal(page: Page, expected: number): Promise<void> {
  await page.getByText(`共 ${expected} 条`, { exact: true }).waitFor();
}

const ledger = (page: Page) => page.getByRole('table');

describe('filters', () => {
  it('shows the current year by default, newest first', async () => {
    const { page } = app;
    await shownTotal(page, await totalOf({ year: 2025 }));
    const rows = ledger(page).getByRole('row');
    await expect.poll(async () => (await rows.nth(1).textContent()) ?? '').toContain('2025-06-09');
    expect(await ledger(page).getByText('2024 年度安保服务合同续签审查').count()).toBe(0);
    expect(await ledger(page).getByText('误登记的重复事项').count()).toBe(0); // trashed
  });

  it('filters by year, category, status, division and counsel', async () => {
    const { page } = app;
    await choose(page, '年度', '2024');
    await shownTotal(page, 2);
    await ledger(page).getByText('2024 年度安保服务合同续签审查').waitFor();
    await choose(page, '年度', '全部年份');
    await shownTotal(page, await totalOf({}));
    await choose(page, '年度', '2025');

    await choose(page, '类别', '合同签订');
    await shownTotal(page, await totalOf({ year: 2025, categoryId: basics.category('contract') }));
    await choose(page, '状态', '已办结');
    const closedContracts = await totalOf({ year: 2025, categoryId: basics.category('contract'), status: 'closed' });
    await shownTotal(page, closedContracts);
    await ledger(page).getByText('关于办公楼物业服务合同的合法性审查').waitFor();
    expect(await ledger(page).getByText('民兵训练基地租赁合同审查').count()).toBe(0);

    await page.getByRole('button', { name: '清除筛选' }).click();
    await shownTotal(page, await totalOf({ year: 2025 }));

    await choose(page, '提请处室', '人民防空处');
    await shownTotal(page, await totalOf({ year: 2025, departmentId: basics.departments[3]!.id }));
    await page.getByRole('button', { name: '清除筛选' }).click();

    await choose(page, '法律顾问', '李明');
    await shownTotal(page, await totalOf({ year: 2025, counselId: basics.counsels[1]!.id }));
    await ledger(page).getByText('关于调整人防易地建设费标准的重大行政决策合法性审查').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
  });

  it('finds by keyword (Chinese of any length) and marks overdue items', async () => {
    const { page } = app;
    await page.getByLabel('关键词').fill('人防');
    await page.getByLabel('关键词').press('Enter');
    await shownTotal(page, await totalOf({ year: 2025, text: '人防' }));
    await ledger(page).getByText('人防工程维护保养服务招标文件审查').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => page.getByLabel('关键词').inputValue()).toBe('');

    await page.getByRole('checkbox', { name: '只看超期' }).check();
    await shownTotal(page, await totalOf({ year: 2025, overdue: true }));
    const row = page.getByRole('row', { name: /应急物资储备库建设项目招标公告审查/ });
    expect(await row.textContent()).toContain('已超期');
    await page.getByRole('button', { name: '清除筛选' }).click();
  });
});

describe('sorting and paging', () => {
  it('sorts by a column header, in the URL', async () => {
    const { page } = app;
    await ledger(page).getByRole('columnheader', { name: '项数' }).click();
    await expect.poll(() => page.url()).toContain('sort=itemCount');
    await expect.poll(async () => (await ledger(page).getByRole('row').nth(1).textContent()) ?? '').toContain('车辆定点维修服务协议审查');
    await ledger(page).getByRole('columnheader', { name: '项数' }).click();
    await expect.poll(() => page.url()).toContain('order=asc');
    // back to the default order (newest first), which the URL leaves out
    await ledger(page).getByRole('columnheader', { name: '收件日期' }).click();
    await expect.poll(() => page.url()).not.toContain('sort=');
  });

  it('pages through a long year', async () => {
    const { page } = app;
    for (let i = 1; i <= 12; i += 1) {
      await app.call('consultations.create', {
        title: `批量登记的咨询事项 ${i}`,
        categoryId: basics.category('other'),
        departmentId: basics.departments[0]!.id,
        receivedOn: '2025-01-02',
        itemCount: 1,
      });
    }
    // written behind the page's back (as by another window): reload to see them
    await app.goto('#/ledger');
    await page.reload();
    const total = await totalOf({ year: 2025 });
    expect(total).toBeGreaterThan(20);
    await shownTotal(page, total);
    expect(await ledger(page).getByRole('row').count()).toBe(21); // header + 20
    await page.getByRole('listitem', { name: '2' }).click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => ledger(page).getByRole('row').count()).toBe(total - 20 + 1);
  });
});

describe('the filter state survives navigation', () => {
  it('keeps the filters through a detail page, another screen and a reload', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    await choose(page, '状态', '已出具意见');
    await page.getByLabel('关键词').fill('合同');
    await page.getByLabel('关键词').press('Enter');
    const expected = await totalOf({ year: 2025, status: 'answered', text: '合同' });
    await shownTotal(page, expected);

    await page.getByRole('link', { name: '信息化平台运维采购合同审查' }).click();
    await page.getByRole('heading', { name: /法咨〔2025〕/ }).waitFor();
    await page.getByRole('menuitem', { name: '处室' }).click();
    await page.getByRole('heading', { name: '处室' }).waitFor();
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await shownTotal(page, expected);
    expect(await page.getByLabel('关键词').inputValue()).toBe('合同');

    await page.reload();
    await shownTotal(page, expected);
    expect(await page.getByLabel('关键词').inputValue()).toBe('合同');
    await page.goBack();
  });
});
