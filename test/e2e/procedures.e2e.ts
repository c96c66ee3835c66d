/**
 * Review procedures (issue 20) in the browser against a real database: a category's
 * procedure settings, a return for missing material and its resumption (the due date
 * moves by the paused working days), a checklist marked with an opinion, the leader's
 * 待签发 queue and 签发, and the 规范性文件 due for review. "Today" is 2025-06-10; the
 * official 2025 schedule is loaded at setup (端午节 5/31–6/2 off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dismissNotifications, openApp, screenshot, seedBasics, signIn, signOut, typeDate, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => {
  app = await openApp();
  basics = await seedBasics(app);
  await app.createAccount({ username: 'zhaolei', displayName: '赵磊', roles: ['leader'] });
});

afterAll(async () => {
  await app?.close();
});

async function item(title: string, code: string, receivedOn: string) {
  const c = await app.call('consultations.create', { title, categoryId: basics.category(code), departmentId: basics.departments[0]!.id, receivedOn, itemCount: 1 });
  return app.call('consultations.assign', { id: c.id, version: c.version, counselId: basics.counsels[0]!.id, assignedOn: receivedOn });
}

describe('审查程序', () => {
  it('the admin opens a category\'s procedure settings from 类别 and changes its time limit', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '类别' }).click();
    await page.getByRole('heading', { name: '类别' }).waitFor();
    await page.getByRole('row', { name: /合同签订.*5 个工作日.*自收件起算/ }).waitFor();
    await page.getByRole('button', { name: '审查程序 合同签订' }).click();
    const dialog = page.getByRole('dialog', { name: '审查程序设置：合同签订' });
    await dialog.getByText('各地行政机关合同合法性审查办法的通行做法').waitFor();
    await dialog.getByRole('spinbutton', { name: '办理时限（工作日）' }).fill('6');
    await screenshot(page, '100-procedure-settings');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: /合同签订.*6 个工作日/ }).waitFor();
    expect((await app.call('procedures.get', { categoryId: basics.category('contract') })).settings.timeLimitDays).toBe(6);
    // back to the default for the steps below (5 working days)
    const p = await app.call('procedures.get', { categoryId: basics.category('contract') });
    await app.call('procedures.reset', { categoryId: p.categoryId, version: p.version });
  });

  it('a return for missing material stops the clock; when the material is back the due date moves by the paused days', async () => {
    const { page } = app;
    // received Tue 6/3: 5 working days → 6/4, 6/5, 6/6, 6/9, 6/10
    const c = await item('某物资采购合同审查', 'contract', '2025-06-03');
    expect(c.dueOn).toBe('2025-06-10');
    await app.goto(`#/consultations/${c.id}`);
    const panel = page.getByTestId('procedure-panel');
    await panel.getByText('办理时限 5 个工作日 · 自收件起算').waitFor();
    await panel.getByRole('button', { name: '退回补正' }).click();
    let dialog = page.getByRole('dialog', { name: '退回补正' });
    await typeDate(dialog.getByLabel('退回日期'), '2025-06-05');
    await dialog.getByLabel('所缺材料').fill('缺少供应商营业执照复印件和报价单');
    await dialog.getByRole('button', { name: '确定退回补正' }).click();
    await panel.getByText('退回补正中（2025-06-05 起），办理时限暂停计算').waitFor();
    await panel.getByRole('row', { name: /2025-06-05.*缺少供应商营业执照复印件和报价单.*尚未补正/ }).waitFor();
    await screenshot(page, '101-returned-for-material');

    await panel.getByRole('button', { name: '收到补正材料' }).click();
    dialog = page.getByRole('dialog', { name: '收到补正材料' });
    await typeDate(dialog.getByLabel('补正材料收到日期'), '2025-06-10');
    await dialog.getByRole('button', { name: '确定收到补正材料' }).click();
    // paused 6/6, 6/9, 6/10 = 3 working days: 6/10 + 3 → 6/13
    await panel.getByRole('row', { name: /2025-06-05.*2025-06-10.*3 天.*2025-06-10 → 2025-06-13/ }).waitFor();
    expect((await app.call('consultations.get', { id: c.id })).dueOn).toBe('2025-06-13');
    await screenshot(page, '102-material-back');
  });

  it('the registrar enters an opinion with its checklist; it shows in the detail and waits for 签发', async () => {
    const { page } = app;
    const c = await item('某行政处罚决定法制审核', 'enforcementReview', '2025-06-04');
    await app.goto(`#/consultations/${c.id}`);
    await page.getByRole('button', { name: '出具意见' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('建议修改（计为：修改后同意）').click();
    const rows = dialog.getByTestId('checklist-input').getByRole('row');
    await rows.first().waitFor();
    for (const point of ['执法主体是否合法', '执法人员是否具备执法资格', '案件事实是否清楚、证据是否合法充分', '适用法律、法规、规章是否准确', '行政裁量是否适当']) {
      await dialog.getByRole('radiogroup', { name: `判断 ${point}` }).getByText('符合', { exact: true }).click();
    }
    await dialog.getByRole('radiogroup', { name: '判断 执法程序是否合法' }).getByText('不符合', { exact: true }).click();
    await dialog.getByLabel('说明 执法程序是否合法').fill('未告知当事人听证权利');
    await dialog.getByLabel('意见内容').fill('建议补充听证告知程序后再作出处罚决定。');
    await screenshot(page, '103-checklist-entry');
    await dialog.getByRole('button', { name: '确定出具意见' }).click();
    const marked = page.getByTestId('opinion-procedure-1');
    await marked.getByRole('row', { name: /执法程序是否合法.*不符合.*未告知当事人听证权利/ }).waitFor();
    await marked.getByText('待签发').waitFor();
    const saved = await app.call('consultations.get', { id: c.id });
    expect(saved.opinions[0]).toMatchObject({ conclusion: 'approveWithChanges', conclusionWord: '建议修改', signOffStatus: 'pending' });
    expect(saved.opinions[0].checklist[4]).toEqual({ point: '执法程序是否合法', result: 'nonConforming', note: '未告知当事人听证权利' });
    // no outcome before 签发: the service refuses it whatever the screen shows
    await expect(app.call('consultations.recordOutcome', { id: c.id, version: saved.version, outcome: 'adopted', outcomeOn: '2025-06-10' })).rejects.toThrow(/签发/);
    // and the screen does not offer it
    expect(await page.getByRole('button', { name: '登记采纳情况' }).count()).toBe(0);
    await marked.scrollIntoViewIfNeeded();
    await screenshot(page, '104-checklist-detail');
  });

  it('the leader sees the 待签发 queue, opens the item and signs the opinion off', async () => {
    const { page } = app;
    await dismissNotifications(page);
    await signOut(page);
    await signIn(page, 'zhaolei');
    await page.getByRole('menuitem', { name: '待签发' }).click();
    await page.getByRole('heading', { name: '待签发意见' }).waitFor();
    const row = page.getByRole('row', { name: /某行政处罚决定法制审核.*建议修改.*待签发/ });
    await row.waitFor();
    await screenshot(page, '105-sign-off-queue');
    await row.getByRole('button', { name: '查看' }).click();
    const panel = page.getByTestId('procedure-panel');
    await panel.getByRole('button', { name: '签发' }).click();
    const dialog = page.getByRole('dialog', { name: '签发第 1 轮意见' });
    await dialog.getByLabel('签发意见').fill('同意，按审核意见修改后办理');
    await dialog.getByRole('button', { name: '确定签发' }).click();
    await panel.getByText('赵磊 于 2025-06-10 签发').waitFor();
    // the leader has no other action on the item
    expect(await page.getByRole('button', { name: '登记采纳情况' }).count()).toBe(0);
    await screenshot(page, '106-signed-off');
    await signOut(page);
    await signIn(page, 'zhangmin');
  });

  it('lists the 规范性文件 whose validity ends within six months (清理)', async () => {
    const { page } = app;
    const rules = async (title: string, docNumber: string, issuedOn: string, validUntil: string) => {
      let c = await item(title, 'rules', '2020-03-02');
      c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', conclusionWord: '同意出台', text: '同意出台。', issuedOn: '2020-03-10' });
      return app.call('consultations.setDocument', { id: c.id, version: c.version, docNumber, issuedOn, validUntil });
    };
    await rules('国防动员物资储备管理办法', '某动办规〔2020〕1号', '2020-03-20', '2025-03-19');
    await rules('人民防空工程维护管理规定', '某动办规〔2020〕2号', '2020-11-30', '2025-11-29');
    await rules('国防教育经费管理细则', '某动办规〔2021〕1号', '2021-01-15', '2026-01-14');
    await page.getByRole('menuitem', { name: '文件清理' }).click();
    await page.getByRole('heading', { name: '规范性文件清理' }).waitFor();
    await page.getByRole('row', { name: /某动办规〔2020〕1号.*国防动员物资储备管理办法.*2025-03-19.*已届满/ }).waitFor();
    await page.getByRole('row', { name: /某动办规〔2020〕2号.*人民防空工程维护管理规定.*2025-11-29.*即将届满/ }).waitFor();
    // 2026-01-14 is more than six months after 2025-06-10
    expect(await page.getByRole('row', { name: /某动办规〔2021〕1号/ }).count()).toBe(0);
    await screenshot(page, '107-documents-due-for-review');
  });
});
