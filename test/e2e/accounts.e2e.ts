/**
 * Accounts from the first start on: the administrator is set up (no default
 * password), signs out and in (a wrong password first), creates an account,
 * resets its password; the person must change it before anything else.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillIn, openDialog, switchAccount } from './steps';
import { fillLogin, INITIAL_PASSWORD, openApp, PASSWORD, screenshot, signOut, type App } from './support';

let app: App;

beforeAll(async () => void (app = await openApp({ setup: false })));
afterAll(() => app?.close());

/** Back to the administrator (王芳), on 账号管理. */
async function accountsAsAdmin(page: Page): Promise<void> {
  await switchAccount(page, 'wangfang');
  await page.getByRole('menuitem', { name: '账号管理' }).click();
}

describe('first start', () => {
  it('asks for the administrator account, checks the password rules, and signs in', async () => {
    const { page } = app;
    // the first start's choice of end (issue 23): this copy is the office's ledger
    await page.getByRole('button', { name: /机关端/ }).click();
    await page.getByRole('heading', { name: '设置管理员账号' }).waitFor();
    await page.getByText(/没有默认密码/).waitFor();
    await screenshot(page, '21-first-start');

    await page.getByLabel('用户名').fill('wangfang');
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('密码', { exact: true }).fill('password');
    await page.getByLabel('确认密码').fill('password');
    await page.getByRole('button', { name: '创建管理员账号并登录' }).click();
    await page.getByText('密码须包含大写字母、小写字母、数字、符号中的至少三类').waitFor();
    await page.getByLabel('密码', { exact: true }).fill('Wangfang@2025');
    await page.getByLabel('确认密码').fill('Wangfang@2025');
    await page.getByText('密码不能包含用户名').waitFor();
    expect((await app.sessionCall('auth.status')).setupNeeded).toBe(true);

    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill('Ledger@2024');
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('button', { name: '创建管理员账号并登录' }).click();

    // the administrator is in, on the first-run guide, with the admin's screens in the menu
    await page.getByRole('heading', { name: '欢迎使用法律顾问咨询台账' }).waitFor();
    await page.getByRole('button', { name: '账号菜单：王芳' }).waitFor();
    await page.getByRole('menuitem', { name: '账号管理' }).waitFor();
    await page.getByRole('menuitem', { name: '备份与恢复' }).waitFor();
    // an administrator does not register consultations
    expect(await page.getByRole('menuitem', { name: '登记咨询' }).count()).toBe(0);
    const status = await app.sessionCall('auth.status');
    expect(status).toMatchObject({ setupNeeded: false, user: { username: 'wangfang', roles: ['admin'] } });
  });
});

describe('login', () => {
  it('refuses a wrong password with the reason and the tries left, then lets the right one in', async () => {
    const { page } = app;
    await signOut(page);
    await fillLogin(page, 'wangfang', 'Wrong#2025x');
    await page.getByRole('alert').getByText('用户名或密码错误（还可尝试 4 次）').waitFor();
    // the password field is emptied for the next try, the user name kept
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('用户名').inputValue()).toBe('wangfang');
    await screenshot(page, '22-login');

    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('navigation', { name: '主菜单' }).waitFor();
    await page.getByRole('button', { name: '账号菜单：王芳' }).waitFor();
  });

  it('keeps the session across a reload (it lives in the main process)', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: '账号菜单：王芳' }).waitFor();
  });
});

describe('account management and a forced password change', () => {
  it('creates a registrar through 账号管理', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    const dialog = await openDialog(page, '新建账号');
    await fillIn(dialog, { 用户名: 'liuyang', 姓名: '刘洋' });
    // registrar is preselected; add the leader's reading role too
    await dialog.getByRole('checkbox', { name: /办领导/ }).check();
    await dialog.getByLabel('初始密码').fill(INITIAL_PASSWORD);
    await dialog.getByLabel('确认密码').fill(INITIAL_PASSWORD);
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = page.getByRole('row', { name: /liuyang/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('须修改密码');
    expect(await row.textContent()).toContain('经办人');
    expect(await row.textContent()).toContain('办领导');
  });

  it('the new account must change the password at the first sign-in', async () => {
    const { page } = app;
    await app.createAccount({ username: 'chenjing', displayName: '陈静', roles: ['leader'] });
    await page.reload();
    await page.getByRole('row', { name: /chenjing/ }).waitFor();
    await screenshot(page, '23-users');

    await signOut(page);
    await fillLogin(page, 'liuyang', INITIAL_PASSWORD);
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByText(/刘洋，您当前的密码由系统管理员设置/).waitFor();
    // nothing else answers until the password is changed
    const refused = await page.evaluate(() => window.ledger!.call('consultations.list', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先修改密码' } });

    await page.getByLabel('原密码').fill(INITIAL_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(INITIAL_PASSWORD);
    await page.getByText('新密码不能与原密码相同').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Liuyang#2025');
    await page.getByText('密码不能包含用户名').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '修改密码并继续' }).click();
    await page.getByRole('button', { name: '账号菜单：刘洋' }).waitFor();
    await page.getByRole('button', { name: '登记咨询' }).waitFor();
  });

  it('after an administrator resets the password, the next sign-in must change it again', async () => {
    const { page } = app;
    await accountsAsAdmin(page);
    const row = page.getByRole('row', { name: /liuyang/ });
    await row.getByRole('button', { name: '重置密码' }).click();
    const dialog = page.getByRole('dialog', { name: '重置密码：刘洋' });
    await dialog.getByText(/下次登录时须修改密码/).waitFor();
    await dialog.getByLabel('新密码', { exact: true }).fill('Reset#2025');
    await dialog.getByLabel('确认新密码').fill('Reset#2025');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('已重置 刘洋 的密码').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('须修改密码');

    await signOut(page);
    // the old password no longer works
    await fillLogin(page, 'liuyang', PASSWORD);
    await page.getByRole('alert').getByText(/用户名或密码错误/).waitFor();
    await fillLogin(page, 'liuyang', 'Reset#2025');
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByLabel('原密码').fill('Reset#2025');
    await page.getByLabel('新密码', { exact: true }).fill('Ledger@2026');
    await page.getByLabel('确认新密码').fill('Ledger@2026');
    await page.getByRole('button', { name: '修改密码并继续' }).click();
    await page.getByRole('button', { name: '账号菜单：刘洋' }).waitFor();
  });

  it('changes the own password from the account menu', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '账号菜单：刘洋' }).click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('原密码').fill('Wrong#2025x');
    await dialog.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await dialog.getByLabel('确认新密码').fill(PASSWORD);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByRole('alert').getByText(/用户名或密码错误/).waitFor();
    await dialog.getByLabel('原密码').fill('Ledger@2026');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('密码已修改').waitFor();
    await dialog.waitFor({ state: 'detached' });

    await switchAccount(page, 'liuyang', PASSWORD);
  });

  it('a disabled account cannot sign in', async () => {
    const { page } = app;
    await accountsAsAdmin(page);
    const row = page.getByRole('row', { name: /chenjing/ });
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await page.getByText('已停用：陈静').waitFor();
    await signOut(page);
    await fillLogin(page, 'chenjing', PASSWORD);
    await page.getByRole('alert').getByText('该账号已停用，请联系系统管理员').waitFor();
  });
});
