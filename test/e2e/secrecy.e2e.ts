/**
 * 密级 at registration (issue 23, item 3): the register form offers 无 and 工作秘密 only,
 * says why the higher levels are not there, and an item registered as 工作秘密 shows it in
 * its detail (and is stored so, read back through the contract).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillNewItem, savedId } from './steps';
import { openApp, seedBasics, type App } from './support';

let app: App;

beforeAll(async () => {
  app = await openApp();
  await seedBasics(app);
});

afterAll(async () => {
  await app?.close();
});

describe('密级 on the register form and the detail', () => {
  it('registering with 工作秘密 shows it in the detail; 秘密/机密/绝密 are not offered', async () => {
    const { page } = app;
    await page.evaluate(() => (window.location.hash = '#/consultations/new'));
    await page.getByRole('heading', { name: '登记咨询事项' }).waitFor();
    await fillNewItem(page, '人事制度修订审查');
    await page.getByText('本系统为非涉密系统，不能登记秘密、机密或绝密事项').waitFor();

    const box = page.getByRole('combobox', { name: '密级' });
    await box.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents()).toEqual(['无', '工作秘密']);
    await options.filter({ hasText: '工作秘密' }).click();
    await page.getByRole('button', { name: /保存/ }).first().click();

    const id = await savedId(page);
    const row = page.locator('.ant-descriptions-row').filter({ hasText: '密级' });
    await expect.poll(() => row.locator('.ant-tag').textContent()).toBe('工作秘密');
    const stored = await app.call<{ secrecy: string; title: string }>('consultations.get', { id });
    expect(stored).toMatchObject({ title: '人事制度修订审查', secrecy: 'workSecret' });
  });

  it('an item registered without choosing shows 无', async () => {
    const { page } = app;
    await page.evaluate(() => (window.location.hash = '#/consultations/new'));
    await page.getByRole('heading', { name: '登记咨询事项' }).waitFor();
    await fillNewItem(page, '一般合同审查');
    await page.getByRole('button', { name: /保存/ }).first().click();
    const id = await savedId(page);
    const row = page.locator('.ant-descriptions-row').filter({ hasText: '密级' });
    await expect.poll(() => row.textContent()).toContain('密级无');
    expect(await app.call<{ secrecy: string }>('consultations.get', { id })).toMatchObject({ secrecy: 'none' });
  });
});
