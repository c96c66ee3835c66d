/**
 * Who sees what: a counsel signs in to their own queue (我的待办) and answers an
 * item there; a leader reads the ledger without a single edit button, and a
 * direct call to an edit method from the page is refused; the audit log shows
 * the sign-ins and the refusal, and its chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { openFromMenu, switchAccount } from './steps';
import { choose, dismissNotifications, openApp, screenshot, type App, type Basics, markChecklist } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => {
  app = await openApp();
  basics = await seedLedger(app);
  // two more items for 王建国: one due tomorrow, one next week (the seed's own is overdue)
  const wang = basics.counsels[0]!.id;
  for (const [title, dueOn] of [
    ['关于人防工程平战转换协议的合法性审查', '2025-06-11'],
    ['关于国防教育基地共建协议的咨询', '2025-06-18'],
  ] as const) {
    const d = await app.call('consultations.create', {
      title,
      categoryId: basics.category('contract'),
      departmentId: basics.departments[2]!.id,
      receivedOn: '2025-06-05',
      itemCount: 1,
      description: `${title}，附协议文本。`,
    });
    await app.call('consultations.assign', { id: d.id, version: d.version, counselId: wang, dueOn });
  }
  await app.createAccount({ username: 'wangjg', displayName: '王建国', roles: ['counsel'], counselId: wang });
  await app.createAccount({ username: 'liming', displayName: '李明', roles: ['counsel'], counselId: basics.counsels[1]!.id });
  await app.createAccount({ username: 'zhaolei', displayName: '赵磊', roles: ['leader'] });
});

afterAll(() => app?.close());

describe('a counsel', () => {
  it('signs in to 我的待办: only their own assigned items, soonest due first, overdue and due-soon marked', async () => {
    const { page } = app;
    await switchAccount(page, 'wangjg');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    // the sign-in reminder counts only their items: 1 overdue, 1 due within 2 days
    await page.getByRole('status').getByText('提醒：1 件咨询事项已超过办理时限，1 件将在 2 天内到期。').waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(4); // header + 3
    expect(await rows.nth(1).textContent()).toContain('应急物资储备库建设项目招标公告审查');
    expect(await rows.nth(1).textContent()).toContain('已超期');
    expect(await rows.nth(2).textContent()).toContain('关于人防工程平战转换协议的合法性审查');
    expect(await rows.nth(2).textContent()).toContain('1 天后到期');
    expect(await rows.nth(3).textContent()).toContain('关于国防教育基地共建协议的咨询');
    // 李明's item is not theirs
    expect(await page.getByText('关于调整人防易地建设费标准的重大行政决策合法性审查').count()).toBe(0);
    // no office screens in the menu
    for (const item of ['登记咨询', '处室', '回收站', '账号管理', '审计日志']) {
      expect({ item, n: await page.getByRole('menuitem', { name: item }).count() }).toEqual({ item, n: 0 });
    }
    await dismissNotifications(page);
    await screenshot(page, '24-my-queue');
  });

  it('sees only their own items in the ledger and by a direct call', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByRole('link', { name: '关于人防工程平战转换协议的合法性审查' }).waitFor();
    expect(await page.getByRole('link', { name: /重大行政决策合法性审查/ }).count()).toBe(0);
    const other = await app.call<{ rows: { id: number; title: string }[] }>('consultations.list', { counselId: basics.counsels[1]!.id });
    const id = other.rows[0]!.id;
    const answer = await page.evaluate((itemId) => window.ledger!.call('consultations.get', { id: itemId }), id);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('opens an item from the queue and answers it on the page, with its materials', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    await page.getByRole('link', { name: '关于人防工程平战转换协议的合法性审查' }).click();
    const heading = page.getByRole('heading', { name: /法咨〔2025〕/ });
    await expect.poll(() => heading.textContent()).toContain('已分派');
    await page.getByText('材料（附件）').waitFor();
    // the form is on the page: no 出具意见 button, and none of the registrar's actions
    expect(await page.getByRole('button', { name: '出具意见' }).count()).toBe(0);
    for (const name of ['编辑', '改派', '撤回', '移入回收站']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    const form = page.locator('.opinion-form');
    await form.getByRole('radio', { name: '同意 / 无异议' }).check();
    await form.getByLabel('意见内容').fill('经审查，协议内容合法，建议明确维护责任的分担。');
    await markChecklist(form);
    await form.getByRole('button', { name: '提交意见' }).click();
    await expect.poll(() => heading.textContent()).toContain('已出具意见');
    const round1 = page.locator('.ant-card').filter({ hasText: '第 1 轮意见' }).last();
    await round1.getByText('经审查，协议内容合法，建议明确维护责任的分担。').waitFor();
    expect(await round1.textContent()).toContain('王建国');
    // the form is emptied, ready for a further round
    await expect.poll(() => form.getByLabel('意见内容').inputValue()).toBe('');
    await form.getByText('补充意见（第 2 轮）').waitFor();

    await page.getByRole('button', { name: '返回我的待办' }).click();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(3);
  });
});

describe('a leader', () => {
  it('reads the ledger and an item, with no edit buttons anywhere', async () => {
    const { page } = app;
    await switchAccount(page, 'zhaolei');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByRole('link', { name: /重大行政决策合法性审查/ }).waitFor();
    await page.getByRole('link', { name: '关于人防工程平战转换协议的合法性审查' }).waitFor();
    expect(await page.getByRole('button', { name: '登记咨询' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '登记咨询' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor();

    await page.getByRole('link', { name: '信息化平台运维采购合同审查' }).click();
    await page.getByText('第 1 轮意见').first().waitFor();
    const actions = page.locator('.page-head').getByRole('button');
    // only the back arrow
    await expect.poll(() => actions.count()).toBe(1);
    expect(await page.getByText('将文件拖到此处上传').count()).toBe(0);
  });

  it('is refused when the page calls an edit method directly', async () => {
    const { page } = app;
    const answer = await page.evaluate(
      ([categoryId, departmentId]) =>
        window.ledger!.call('consultations.create', { title: '越权登记', categoryId, departmentId, receivedOn: '2025-06-10', itemCount: 1 }),
      [basics.category('other'), basics.departments[0]!.id] as const,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您的账号无权执行此操作' } });
    expect((await app.call<{ total: number }>('consultations.list', { text: '越权登记' })).total).toBe(0);
  });
});

describe('the audit log', () => {
  it('shows the sign-ins and the refused call, filters, and verifies the chain', async () => {
    const { page } = app;
    await openFromMenu(page, '审计日志');
    const table = page.getByRole('table');
    // people by name, not user name; items by serial number, not internal id (issue 25, item 5)
    await table.getByRole('row', { name: /赵磊.*登录/ }).first().waitFor();
    await table.getByRole('row', { name: /王建国.*登录/ }).first().waitFor();
    await table.getByRole('row', { name: /赵磊.*登记咨询.*拒绝/ }).waitFor();
    const answered = table.getByRole('row', { name: /王建国.*咨询事项 · 法咨〔2025〕\d+号/ }).first();
    await answered.waitFor();
    expect(await answered.getByTitle('wangjg').count()).toBe(1);
    expect(await table.getByText(/咨询事项 · \d+$/).count()).toBe(0);
    expect(await table.getByText(/^(zhaolei|wangjg|zhangmin)$/).count()).toBe(0);
    await page.getByRole('button', { name: '校验' }).click();
    await page.getByRole('status').getByText(/校验通过：\d+ 条审计记录完整/).waitFor();
    await screenshot(page, '25-audit');
    await screenshot(page, '80-audit-names-serials');

    await choose(page, '结果', '拒绝');
    const refused = table.getByRole('row', { name: /赵磊.*登记咨询.*拒绝/ });
    await refused.waitFor();
    await refused.getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.getByText(/"code": "FORBIDDEN"/).waitFor();
    await expect.poll(() => table.getByRole('row', { name: /登录/ }).count()).toBe(0);
  });
});
