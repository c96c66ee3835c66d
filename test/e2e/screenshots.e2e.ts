/**
 * Every screen at 1366×768 in zh-CN, saved to test/e2e/screenshots/ (committed,
 * linked from the README). Each picture is also a smoke test of its screen.
 * Leaving a typed form (or a dialog with a choice made) asks first: the
 * scenarios leave through the menu or 取消 and answer 放弃修改并离开.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedLedger } from './seed';
import { answerUnsaved, choose, openApp, screenshot, type App } from './support';

let app: App;

beforeAll(async () => void (app = await openApp()));
afterAll(() => app?.close());

async function idOf(title: string): Promise<number> {
  const list = await app.call<{ rows: { id: number; title: string }[] }>('consultations.list', { text: title, pageSize: 5 });
  const row = list.rows.find((r) => r.title === title);
  if (!row) throw new Error(`no consultation "${title}"`);
  return row.id;
}

/** Opens a dialog by its button, waits for it, takes its picture and closes it with 取消. */
async function dialogPicture(button: Locator, dialog: string, name: string): Promise<void> {
  const page = button.page();
  await button.click();
  await page.getByRole('dialog', { name: dialog }).waitFor();
  await screenshot(page, name);
  await page.getByRole('button', { name: '取消' }).click();
}

describe('screenshots (zh-CN, 1366×768)', () => {
  it('first run', async () => {
    await app.page.getByRole('heading', { name: '欢迎使用法律顾问咨询台账' }).waitFor();
    await screenshot(app.page, '01-first-run');
    await seedLedger(app);
  });

  it('ledger', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    await page.reload();
    await page.getByText('共 13 条').waitFor();
    await screenshot(page, '02-ledger');
    await page.getByRole('checkbox', { name: '只看超期' }).check();
    await page.getByText('共 3 条').waitFor();
    await screenshot(page, '03-ledger-overdue');
  });

  it('register and edit', async () => {
    const { page } = app;
    await app.goto('#/consultations/new');
    await page.getByLabel('事项名称').fill('关于档案数字化外包服务合同的合法性审查');
    await choose(page, '类别', '合同签订');
    await choose(page, '提请处室', '综合处');
    await page.getByLabel('提请人').fill('张伟');
    await page.getByLabel('事项说明').fill('合同金额约 48 万元，拟采用竞争性磋商方式采购，请审查合同条款。');
    await page.getByLabel('事项名称').focus();
    await screenshot(page, '04-register');

    // leaving a typed form asks first (unsaved.e2e.ts): leave without saving
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await answerUnsaved(page, '放弃修改并离开');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await app.goto('#/consultations/new');
    await page.getByLabel('项数').fill('0');
    await page.keyboard.press('Control+s');
    await page.getByText('请填写事项名称').waitFor();
    await screenshot(page, '05-register-validation');
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await answerUnsaved(page, '放弃修改并离开');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();

    const id = await idOf('车辆定点维修服务协议审查');
    await app.goto(`#/consultations/${id}/edit`);
    await page.getByLabel('备注').fill('请于本周内答复');
    const current = await app.call('consultations.get', { id });
    await app.call('consultations.update', {
      id,
      version: current.version,
      title: '车辆定点维修及保养服务协议审查',
      categoryId: current.categoryId,
      departmentId: current.departmentId,
      requester: '刘洋',
      receivedOn: current.receivedOn,
      dueOn: current.dueOn,
      itemCount: current.itemCount,
      description: current.description,
    });
    await page.getByLabel('提请人').fill('陈静');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByRole('alert').filter({ hasText: '保存未成功：该事项已被他人修改' }).waitFor();
    await screenshot(page, '06-edit-conflict');
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByText('已载入最新版本（第 2 版）').waitFor();
    await screenshot(page, '07-edit-reloaded');
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await answerUnsaved(page, '放弃修改并离开');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
  });

  it('detail and its dialogs', async () => {
    const { page } = app;
    await app.goto(`#/consultations/${await idOf('关于《国防动员潜力调查工作规程》的合法性审查')}`);
    await page.getByText('第 1 轮意见').first().waitFor();
    await screenshot(page, '08-detail-closed');

    await app.goto(`#/consultations/${await idOf('关于政府信息公开申请答复的咨询')}`);
    await dialogPicture(page.getByRole('button', { name: '分派', exact: true }), '分派法律顾问', '09-detail-assign');

    await app.goto(`#/consultations/${await idOf('信息化平台运维采购合同审查')}`);
    await dialogPicture(page.getByRole('button', { name: '出具意见' }), '出具法律意见', '10-detail-opinion');
    await page.getByRole('button', { name: '登记采纳情况' }).click();
    const outcome = page.getByRole('dialog', { name: '登记采纳情况' });
    await outcome.getByRole('radio', { name: '未采纳' }).check();
    await outcome.getByRole('button', { name: '确定登记采纳情况' }).click();
    await outcome.getByText('未采纳的，须填写未采纳理由').waitFor();
    await screenshot(page, '11-detail-outcome');
    await page.getByRole('button', { name: '取消' }).click();
    await answerUnsaved(page, '放弃修改并离开');

    await dialogPicture(page.getByRole('button', { name: '撤回' }), '撤回咨询事项', '12-detail-withdraw');
  });

  it('reference data, settings, trash, reports', async () => {
    const { page } = app;
    await app.goto('#/counsels');
    await page.getByRole('cell', { name: '王建国' }).waitFor();
    await screenshot(page, '13-counsels');
    await dialogPicture(page.getByRole('button', { name: '添加法律顾问' }), '添加法律顾问', '14-counsel-dialog');

    await app.goto('#/departments');
    const row = page.getByRole('row', { name: /综合处/ });
    await row.getByRole('button', { name: '删除' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
    await page.getByText(/已被 \d+ 条咨询事项使用/).waitFor();
    await screenshot(page, '15-departments-in-use', { keepToasts: true });

    await app.goto('#/categories');
    await page.getByRole('cell', { name: '重大执法决定法制审核', exact: true }).waitFor();
    await screenshot(page, '16-categories');

    await app.goto('#/settings');
    await page.getByLabel('单位名称').waitFor();
    await screenshot(page, '17-settings');

    await app.goto('#/trash');
    await page.getByRole('cell', { name: '误登记的重复事项' }).waitFor();
    await screenshot(page, '18-trash');

    await app.goto('#/reports');
    await page.getByTestId('report-sentence').waitFor();
    await screenshot(page, '19-reports');
  });

  it('the ledger in English', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Consultation ledger' }).waitFor();
    await screenshot(page, '20-ledger-en');
    await page.getByText('中文', { exact: true }).click();
  });
});
