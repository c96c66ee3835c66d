/**
 * How values enter the app, in Chromium (issue 18 items 4–7, the UI half of 5):
 * dates typed the Chinese ways land on the right day (read back from the
 * database), a bad date keeps its text with a red message and blocks saving.
 * 项数, counters and the unsaved-changes prompt are in unsaved.e2e.ts; one item
 * per double click in business-dates.e2e.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TYPED_DATES } from '../helpers/typed-dates';
import { fillNewItem, savedId } from './steps';
import { openSeeded, screenshot, seedBasics, unsavedPrompt, type App } from './support';

let app: App;

beforeAll(async () => void ({ app } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const total = async () => (await app.call<{ total: number }>('consultations.list', {})).total;

/** In-app navigation; a form left dirty by the test before is discarded through the prompt. */
async function goTo(page: Page, hash: string): Promise<void> {
  const prompt = unsavedPrompt(page);
  // resolves once the page has handled the hashchange (a capturing listener runs first, the timeout after every handler)
  await page.evaluate(
    (h) =>
      new Promise<void>((resolve) => {
        window.addEventListener('hashchange', () => setTimeout(resolve, 0), { once: true, capture: true });
        window.location.hash = h;
      }),
    hash,
  );
  if (!page.url().endsWith(hash)) {
    await prompt.waitFor();
    await prompt.getByRole('button', { name: '放弃修改并离开' }).click();
    await expect.poll(() => page.url()).toContain(hash);
    await prompt.waitFor({ state: 'detached' });
  }
}

async function newForm(page: Page, title: string): Promise<void> {
  await goTo(page, '#/ledger');
  await goTo(page, '#/consultations/new');
  await page.getByRole('heading', { name: '登记咨询事项' }).waitFor();
  await fillNewItem(page, title);
}

async function typeInto(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Tab');
}

describe('typed dates', () => {
  for (const [typed, day] of TYPED_DATES) {
    it(`收件日期 typed as ${JSON.stringify(typed)} is stored as ${day}`, async () => {
      const { page } = app;
      await newForm(page, `收件日期 ${typed}`);
      await typeInto(page, '收件日期', typed);
      expect(await page.getByLabel('收件日期').inputValue()).toBe(day);
      await page.getByText(`识别为 ${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`).waitFor();
      if (typed === '2025.3.10') {
        await page.getByLabel('收件日期').fill(typed);
        await screenshot(page, '50-date-input-understood');
      }
      await page.keyboard.press('Control+s');
      const id = await savedId(page);
      expect((await app.call<{ receivedOn: string }>('consultations.get', { id })).receivedOn).toBe(day);
    });
  }

  it('a day that does not exist keeps its text with a red message; saving is refused', async () => {
    const { page } = app;
    const before = await total();
    await newForm(page, '不存在的日期');
    await typeInto(page, '收件日期', '2025-02-30');
    expect(await page.getByLabel('收件日期').inputValue()).toBe('2025-02-30');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByText('没有这一天：“2025-02-30”').waitFor();
    await screenshot(page, '51-date-input-refused', { keepToasts: true });
    await typeInto(page, '收件日期', '2025-06-11');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByText('不能晚于今天（2025-06-10）').waitFor();
    await typeInto(page, '收件日期', 'abc');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByText(/无法识别“abc”/).waitFor();
    expect(await total()).toBe(before);
    expect(await page.getByLabel('收件日期').inputValue()).toBe('abc');
  });
});
