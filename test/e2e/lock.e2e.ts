/**
 * The idle lock: the page locks itself after the idle period (the page's clock
 * is moved with Playwright's), the main process locks on its own too (the
 * harness's clock), and either way an unsaved form is still there after the
 * unlock; a save refused by the lock goes through once unlocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, openApp, PASSWORD, screenshot, seedBasics, type App } from './support';

let app: App;

beforeAll(async () => {
  app = await openApp();
  await seedBasics(app);
  await app.call('settings.update', { idleLockMinutes: 1 });
  // the page's timers and Date from here on are Playwright's
  await app.page.clock.install();
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

const lockScreen = () => app.page.getByRole('dialog', { name: '已锁定' });

describe('the idle lock', () => {
  it('locks after a minute without input, over an unsaved form that survives the unlock', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '登记咨询' }).click();
    await page.getByLabel('事项名称').fill('关于锁定期间未保存表单的测试事项');
    await choose(page, '类别', '合同签订');
    await page.getByLabel('提请人').fill('周敏');
    await page.getByLabel('备注').fill('锁定前输入，尚未保存');

    // nothing happens at 50 seconds
    await page.clock.fastForward(50_000);
    await page.waitForTimeout(200);
    expect(await lockScreen().count()).toBe(0);
    await page.clock.fastForward(20_000);
    await lockScreen().waitFor();
    await expect.poll(async () => (await app.sessionCall('auth.status')).locked).toBe(true);
    // the form behind is inert: it cannot be reached
    expect(await page.locator('.app-root').getAttribute('inert')).not.toBeNull();
    await screenshot(page, '26-locked');

    await lockScreen().getByLabel('密码').fill('Wrong#2025x');
    await lockScreen().getByRole('button', { name: '解锁' }).click();
    await lockScreen().getByText(/用户名或密码错误（还可尝试 4 次）/).waitFor();
    await lockScreen().getByLabel('密码').fill(PASSWORD);
    await lockScreen().getByRole('button', { name: '解锁' }).click();
    await lockScreen().waitFor({ state: 'detached' });

    expect(await page.getByLabel('事项名称').inputValue()).toBe('关于锁定期间未保存表单的测试事项');
    expect(await page.getByLabel('提请人').inputValue()).toBe('周敏');
    expect(await page.getByLabel('备注').inputValue()).toBe('锁定前输入，尚未保存');
    expect(await page.getByRole('combobox', { name: '类别' }).locator('..').textContent()).toContain('合同签订');
  });

  it('when the main process locked first, the refused save waits behind the lock and goes through after the unlock', async () => {
    const { page } = app;
    await choose(page, '提请处室', '综合处');
    // the service's own clock moves past the idle period: the page has not noticed
    app.advanceClock(2 * 60_000);
    await page.keyboard.press('Control+s');
    await lockScreen().waitFor();
    expect((await app.call<{ total: number }>('consultations.list', { text: '锁定期间未保存表单' })).total).toBe(0);

    await lockScreen().getByLabel('密码').fill(PASSWORD);
    await lockScreen().getByRole('button', { name: '解锁' }).click();
    await page.getByRole('heading', { name: /法咨〔2025〕1号/ }).waitFor();
    const saved = await app.call<{ rows: { requester: string; title: string }[] }>('consultations.list', { text: '锁定期间未保存表单' });
    expect(saved.rows).toMatchObject([{ title: '关于锁定期间未保存表单的测试事项', requester: '周敏' }]);
  });

  it('locks from the account menu too', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /账号菜单/ }).click();
    await page.getByRole('menuitem', { name: '锁定' }).click();
    await lockScreen().waitFor();
    await lockScreen().getByLabel('密码').fill(PASSWORD);
    await lockScreen().getByRole('button', { name: '解锁' }).click();
    await lockScreen().waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: /法咨〔2025〕1号/ }).waitFor();
  });
});
