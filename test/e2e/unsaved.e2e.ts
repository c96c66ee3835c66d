/**
 * Safe forms in Chromium (issue 18 items 6–7): a dirty 登记咨询 form asks before
 * it is left — the sidebar, the browser's back, 取消, the language switch — and
 * 继续编辑 keeps what was typed while 放弃修改并离开 throws it away; 项数 takes
 * full-width digits and refuses a decimal with a message; 事项名称 shows its
 * counter and a title over the limit is refused with a message, never cut.
 * The prompt is waited for and answered by its buttons: nothing here awaits a
 * navigation the prompt is holding up.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#domain/limits';
import { fillNewItem, savedId } from './steps';
import { answerUnsaved, openSeeded, screenshot, seedBasics, unsavedPrompt, type App } from './support';

let app: App;

beforeAll(async () => void ({ app } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const total = async () => (await app.call<{ total: number }>('consultations.list', {})).total;
const prompt = unsavedPrompt;
const heading = (page: Page) => page.getByRole('heading', { name: '登记咨询事项' });
const description = (page: Page) => page.getByLabel('事项说明');

const answer = answerUnsaved;

/** A fresh 登记咨询 form, reached from the ledger (so back has somewhere to go). */
async function freshForm(page: Page): Promise<void> {
  await app.goto('#/ledger');
  await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
  await app.goto('#/consultations/new');
  await heading(page).waitFor();
}

/** A fresh 登记咨询 form with 事项说明 typed in. */
async function dirtyForm(page: Page, typed: string): Promise<void> {
  await freshForm(page);
  expect(await description(page).inputValue()).toBe('');
  await description(page).fill(typed);
}

/** After 放弃修改并离开 the form is gone; opened again it is empty. */
async function expectDiscarded(page: Page): Promise<void> {
  await heading(page).waitFor({ state: 'detached' });
  await app.goto('#/consultations/new');
  await heading(page).waitFor();
  expect(await description(page).inputValue()).toBe('');
}

const sidebarLedger = (page: Page) => page.getByRole('menuitem', { name: '咨询台账' });

/** 放弃修改并离开, and the ledger is shown. */
async function discardToLedger(page: Page): Promise<void> {
  await answer(page, '放弃修改并离开');
  await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
}

describe('leaving a dirty form asks first', () => {
  it('the sidebar: 继续编辑 keeps the text, 放弃修改并离开 throws it away', async () => {
    const { page } = app;
    await dirtyForm(page, '侧边栏：物业合同第5条违约金');
    await sidebarLedger(page).click();
    await prompt(page).waitFor();
    await screenshot(page, '52-unsaved-changes-prompt');
    await answer(page, '继续编辑');
    expect(page.url()).toMatch(/#\/consultations\/new$/);
    expect(await description(page).inputValue()).toBe('侧边栏：物业合同第5条违约金');

    await sidebarLedger(page).click();
    await discardToLedger(page);
    expect(page.url()).toMatch(/#\/ledger/);
    await expectDiscarded(page);
  });

  it("the browser's back: 继续编辑 stays on the form with the text, 放弃修改并离开 goes back", async () => {
    const { page } = app;
    await dirtyForm(page, '后退：租赁合同续签');
    await page.evaluate(() => window.history.back());
    await answer(page, '继续编辑');
    expect(page.url()).toMatch(/#\/consultations\/new$/);
    expect(await description(page).inputValue()).toBe('后退：租赁合同续签');
    await sidebarLedger(page).click(); // still dirty: left through the prompt before the next round
    await answer(page, '放弃修改并离开');

    await dirtyForm(page, '后退：再来一次');
    await page.evaluate(() => window.history.back());
    await discardToLedger(page);
    await expectDiscarded(page);
  });

  it('取消: asks, keeps the text when staying, leaves to the ledger when not', async () => {
    const { page } = app;
    await dirtyForm(page, '取消：采购合同审查');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await answer(page, '继续编辑');
    expect(await description(page).inputValue()).toBe('取消：采购合同审查');

    await page.getByRole('button', { name: '取消', exact: true }).click();
    await discardToLedger(page);
    await expectDiscarded(page);
  });

  it('the language switch: staying keeps Chinese and the text; leaving switches and empties the form', async () => {
    const { page } = app;
    await dirtyForm(page, '语言：劳动合同解除');
    const switcher = page.locator('.ant-segmented');
    await switcher.getByText('English', { exact: true }).click();
    await answer(page, '继续编辑');
    await heading(page).waitFor();
    expect(await description(page).inputValue()).toBe('语言：劳动合同解除');

    await switcher.getByText('English', { exact: true }).click();
    await answer(page, '放弃修改并离开');
    const english = page.getByRole('heading', { name: 'Register a consultation' });
    await english.waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe('');
    // and back to Chinese with nothing to ask about
    await switcher.getByText('中文', { exact: true }).click();
    await heading(page).waitFor();
    expect(await prompt(page).count()).toBe(0);
  });

  it('a form with nothing typed is left without a question', async () => {
    const { page } = app;
    await app.goto('#/consultations/new');
    await heading(page).waitFor();
    await sidebarLedger(page).click();
    await page.getByRole('heading', { name: '咨询台账', exact: true }).waitFor();
    expect(await prompt(page).count()).toBe(0);
  });
});

async function readyForm(page: Page, title: string): Promise<void> {
  await freshForm(page);
  await fillNewItem(page, title);
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
}

/** 项数 typed, the form saved, and the item read back with its 项数. */
async function expectItemCount(page: Page, typed: string, stored: number): Promise<void> {
  await page.getByLabel('项数').fill(typed);
  await save(page);
  const id = await savedId(page);
  expect((await app.call<{ itemCount: number }>('consultations.get', { id })).itemCount).toBe(stored);
}

describe('项数 and the limits', () => {
  it('项数 typed as full-width “３” is stored as 3', async () => {
    const { page } = app;
    await readyForm(page, '全角项数');
    await expectItemCount(page, '３', 3);
  });

  it('项数 “2.5” is refused with a message, kept as typed, and nothing is saved', async () => {
    const { page } = app;
    const before = await total();
    await readyForm(page, '小数项数');
    await page.getByLabel('项数').fill('2.5');
    await save(page);
    await page.getByText('项数应为整数，不能有小数').waitFor();
    expect(await page.getByLabel('项数').inputValue()).toBe('2.5');
    expect(await total()).toBe(before);
    // corrected by hand, it saves what was typed
    await expectItemCount(page, '2', 2);
  });

  it('事项名称 shows its counter; a title over the limit is refused with a message and never cut', async () => {
    const { page } = app;
    const before = await total();
    await readyForm(page, '');
    const title = page.getByLabel('事项名称');
    const item = page.locator('.ant-form-item').filter({ has: title });
    await item.getByText(`0 / ${LIMITS.title}`).waitFor();
    const tooLong = '合'.repeat(LIMITS.title + 1);
    await title.fill(tooLong);
    await item.getByText(`${LIMITS.title + 1} / ${LIMITS.title}`).waitFor();
    await save(page);
    await page.getByText(`不能超过 ${LIMITS.title} 个字符`).waitFor();
    expect(await title.inputValue()).toBe(tooLong);
    expect(await total()).toBe(before);

    // exactly at the limit it is saved whole
    const whole = '同'.repeat(LIMITS.title);
    await title.fill(whole);
    await save(page);
    const id = await savedId(page);
    expect((await app.call<{ title: string }>('consultations.get', { id })).title).toBe(whole);
  });
});
