/**
 * The global search (Ctrl+K): results as you type for short (2-character) and
 * longer (4-character) Chinese queries, highlighted; arrows and Enter open one;
 * a counsel finds only their own items. The ledger's year filter offers the
 * years that have consultations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { choose, openSeeded, screenshot, signIn, signOut, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => void ({ app, basics } = await openSeeded(seedLedger, { reload: true })));
afterAll(() => app?.close());

const modal = () => app.page.getByRole('dialog', { name: '搜索' });
const box = () => modal().getByRole('combobox', { name: '搜索关键词' });
const options = () => modal().getByRole('option');

describe('Ctrl+K', () => {
  it('finds a 2-character query as you type, highlighted', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.keyboard.press('Control+k');
    await box().waitFor();
    await box().pressSequentially('合同', { delay: 50 });
    await expect.poll(() => options().count()).toBeGreaterThan(2);
    const marks = await modal().locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['合同']));
    expect(await options().first().textContent()).toContain('合同');
  });

  it('narrows to a 4-character query, marks it in the title and the text, and opens with the keyboard', async () => {
    const { page } = app;
    await box().fill('物业服务');
    const first = options().first();
    await expect.poll(() => first.textContent()).toContain('关于办公楼物业服务合同的合法性审查');
    await expect.poll(() => options().count()).toBe(1);
    expect(await first.locator('mark').first().textContent()).toBe('物业服务');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await screenshot(page, '30-search');
    await box().press('Enter');
    await modal().waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: /法咨〔2025〕1号/ }).waitFor();
  });

  it('moves with the arrow keys, finds opinion text, and says when nothing matches', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await box().fill('违约责任');
    await expect.poll(() => options().count()).toBeGreaterThan(1);
    await modal().getByText('匹配：法律意见').first().waitFor();
    await box().press('ArrowDown');
    expect(await options().nth(1).getAttribute('aria-selected')).toBe('true');
    const second = (await options().nth(1).locator('.search-item-title').textContent()) ?? '';
    await box().press('Enter');
    await page.getByText(second, { exact: true }).first().waitFor();

    // a serial is labelled 编号, the field that really matched (issue 25, item 9)
    await page.keyboard.press('Control+k');
    await box().fill('〔2025〕3号');
    await expect.poll(() => options().count()).toBe(1);
    expect(await options().first().textContent()).toContain('匹配：编号');
    expect(await options().first().locator('mark').allTextContents()).toEqual(['〔2025〕3号']);
    await box().fill('不存在的关键词');
    await modal().getByText('没有找到与“不存在的关键词”相关的咨询事项').waitFor();
    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'detached' });
  });

  it('shows a counsel only their own items', async () => {
    const { page } = app;
    await app.createAccount({ username: 'liming', displayName: '李明', roles: ['counsel'], counselId: basics.counsels[1]!.id });
    await signOut(page);
    await signIn(page, 'liming');
    await page.keyboard.press('Control+k');
    await box().fill('审查');
    await expect.poll(() => options().count()).toBe(2);
    for (const text of await options().allTextContents()) expect(text).toMatch(/处罚决定法制审核|重大行政决策合法性审查/);
    await page.keyboard.press('Escape');
    await signOut(page);
    await signIn(page, 'zhangmin');
  });
});

describe('the ledger year filter', () => {
  it('offers the years that have consultations', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    await choose(page, '年度', '2024');
    await page.getByText('共 2 条', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: '年度' }).click();
    // the options' titles: 2025 (this year, and it has items) and 2024; no empty years
    // (in the open list: the select itself shows the chosen year too)
    const list = page.locator('.ant-select-dropdown:visible');
    await list.getByTitle('2025 年', { exact: true }).waitFor();
    await list.getByTitle('2024 年', { exact: true }).waitFor();
    await list.getByTitle('全部年份', { exact: true }).waitFor();
    for (const y of ['2026 年', '2023 年', '2016 年']) expect(await list.getByTitle(y, { exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});
