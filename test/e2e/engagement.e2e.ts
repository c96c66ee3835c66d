/**
 * 聘用合同 and 年度考核 in the real UI on the seeded year (test/e2e/seed.ts; today
 * 2025-06-10): an engagement typed in (fee in yuan, kept in fen), a payment and the
 * paid-vs-agreed line, the 60-day reminder (on its screen and in the reminders bar,
 * never for a counsel), the contract file uploaded, the rating when an item closes,
 * the confirmation when assigning outside a firm's engagement, then the assessment
 * filled in, its grade worked out as it is typed, and an evidence figure opened to
 * its items.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { choose, OFFICE, openApp, screenshot, signIn, signOut, type App } from './support';

let app: App;

async function typeInto(field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Tab');
}

beforeAll(async () => {
  app = await openApp();
  await seedLedger(app);
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

describe('聘用合同', () => {
  it('an engagement typed in, with its reminder, a payment and paid against agreed', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '聘用合同' }).click();
    await page.getByRole('heading', { name: '聘用合同' }).first().waitFor();
    await page.getByRole('cell', { name: '北京市某某律师事务所' }).waitFor();
    await page.getByRole('button', { name: '新增聘用合同' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('合同编号').fill('京法顾〔2025〕1号');
    await typeInto(dialog.getByLabel('开始日期'), '2024.8.1');
    await typeInto(dialog.getByLabel('结束日期'), '2025年7月31日');
    await dialog.getByLabel('年度服务费（元）').fill('120000.5');
    await typeInto(dialog.getByLabel('备案日期'), '2024-08-05');
    await dialog.getByLabel('付款方式').fill('合同签订后支付一半，期满支付其余');
    await dialog.getByLabel('服务清单').fill('审查合同和规范性文件\n出具法律意见\n参加信访接待');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('合同编号：京法顾〔2025〕1号').waitFor();
    await page.getByText('120,000.50').first().waitFor();
    // ends in 51 days: the reminder
    await page.getByText('北京市某某律师事务所的聘用合同（京法顾〔2025〕1号）将于 2025-07-31 到期，还有 51 天').waitFor();
    const stored = await app.call<{ annualFeeFen: number; duties: string[] }[]>('engagements.list', {});
    expect(stored[0]).toMatchObject({ annualFeeFen: 12_000_050, duties: ['审查合同和规范性文件', '出具法律意见', '参加信访接待'] });
    await screenshot(page, '140-engagement');

    await page.getByRole('button', { name: '登记付款' }).click();
    const pay = page.getByRole('dialog');
    await typeInto(pay.getByLabel('付款日期'), '2025.3.1');
    // too many decimals: said, nothing saved
    await pay.getByLabel('金额（元）').fill('60000.505');
    await pay.getByRole('button', { name: '保存' }).click();
    await pay.getByText('请输入金额，最多两位小数').waitFor();
    await pay.getByLabel('金额（元）').fill('60000.25');
    await pay.getByLabel('凭证号').fill('记-2025-0301');
    await pay.getByRole('button', { name: '保存' }).click();
    await pay.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '记-2025-0301' }).waitFor();
    // 2025 agreed: 212 of 365 days of the fee
    const agreed2025 = Math.floor((12_000_050 * 212) / 365);
    const row = page.locator('tr[data-row-key="2025"]');
    await expect.poll(() => row.textContent()).toContain('60,000.25');
    expect(await row.textContent()).toContain((agreed2025 / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await screenshot(page, '141-payments');
  });
});

describe('聘用合同: the file, the reminders bar, the rating at close, assigning outside the engagement', () => {
  it('the contract file is uploaded on the engagement and stored whole', async () => {
    const { page } = app;
    await app.goto('#/engagements');
    await page.getByText('合同编号：京法顾〔2025〕1号').waitFor();
    await page.getByText('未上传').waitFor();
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.locator('input[type="file"][aria-label="上传合同文件"]').setInputFiles({ name: '法律顾问服务合同.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.getByText('已上传合同文件：法律顾问服务合同.pdf').waitFor();
    await page.getByRole('button', { name: '法律顾问服务合同.pdf（另存为）' }).waitFor();
    const [stored] = await app.call<{ id: number; contractFile: { fileName: string; mimeType: string; size: number } | null }[]>('engagements.list', {});
    expect(stored!.contractFile).toEqual({ fileName: '法律顾问服务合同.pdf', mimeType: 'application/pdf', size: bytes.length });
    await screenshot(page, '190-engagement-contract-file', { keepToasts: true });
  });

  it('the reminders bar names the engagement ending within 60 days and opens 聘用合同; a leader sees it, a counsel never', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    const link = page.getByTestId('engagement-reminder');
    await expect.poll(() => link.textContent()).toBe('聘用合同 1 份将在 60 天内到期');
    await screenshot(page, '191-reminders-bar-engagement');
    await link.click();
    await page.getByRole('heading', { name: '聘用合同' }).first().waitFor();
    await page.getByText('还有 51 天').waitFor();

    const basics = await app.call<{ id: number; name: string }[]>('counsels.list', {});
    await app.createAccount({ username: 'wangjg', displayName: '王建国', roles: ['counsel'], counselId: basics.find((c) => c.name === '王建国')!.id });
    await app.createAccount({ username: 'zhaolei', displayName: '赵磊', roles: ['leader'] });
    await signOut(page);
    await signIn(page, 'zhaolei');
    await app.goto('#/ledger');
    await expect.poll(() => page.getByTestId('engagement-reminder').textContent()).toBe('聘用合同 1 份将在 60 天内到期');
    await signOut(page);
    await signIn(page, 'wangjg');
    await app.goto('#/queue');
    // the counsel's bar has its own reminders (their items) but not the engagement's
    await page.getByRole('status').first().waitFor();
    expect(await page.getByTestId('engagement-reminder').count()).toBe(0);
    expect(await page.getByText(/聘用合同.*到期/).count()).toBe(0);
    await signOut(page);
    await signIn(page, OFFICE.username);
  });

  it('the rating chosen when closing (基本满意 with a note) shows in the item\'s history', async () => {
    const { page } = app;
    const ids = await ids_();
    let c = await app.call('consultations.create', { title: '物业服务合同续签审查', categoryId: ids.category('contract'), departmentId: ids.department, receivedOn: '2025-06-05', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: ids.counsel('王建国'), assignedOn: '2025-06-05' });
    c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意续签。', issuedOn: '2025-06-06' });
    await app.goto(`#/consultations/${c.id}`);
    await page.getByRole('button', { name: '办结', exact: true }).click();
    const close = page.getByRole('dialog', { name: '办结咨询事项' });
    for (const word of ['满意', '基本满意', '不满意']) await close.getByRole('radio', { name: word, exact: true }).waitFor();
    await close.getByRole('radio', { name: '基本满意', exact: true }).check();
    await close.getByLabel('评价说明').fill('意见及时，但未结合本单位实际提出修改建议');
    await screenshot(page, '192-close-with-rating');
    await close.getByRole('button', { name: '确定办结' }).click();
    await close.waitFor({ state: 'detached' });
    const rating = page.locator('.history-rating');
    await expect.poll(() => rating.textContent()).toContain('服务评价：基本满意');
    expect(await rating.textContent()).toContain('意见及时，但未结合本单位实际提出修改建议');
    expect(await app.call('ratings.get', { consultationId: c.id })).toMatchObject({ rating: 'fair', note: '意见及时，但未结合本单位实际提出修改建议' });
    await rating.scrollIntoViewIfNeeded();
    await screenshot(page, '193-rating-in-history');
  });

  it('assigning to a counsel whose firm has no engagement asks first: 取消 keeps the item as it was, 仍然分派 assigns', async () => {
    const { page } = app;
    const ids = await ids_();
    const zhao = await app.call<{ id: number }>('counsels.create', { name: '赵志强', firm: '上海市某某律师事务所', engagedFrom: '2025-01-01' });
    const c = await app.call('consultations.create', { title: '人防工程租赁合同审查', categoryId: ids.category('contract'), departmentId: ids.department, receivedOn: '2025-06-09', itemCount: 1 });
    await app.goto(`#/consultations/${c.id}`);
    const heading = page.getByRole('heading', { name: new RegExp(c.serialNo.replace(/[〔〕]/g, '.')) });
    await page.getByRole('button', { name: '分派', exact: true }).click();
    const assign = page.getByRole('dialog', { name: '分派法律顾问' });
    await choose(page, '法律顾问', '赵志强');
    await assign.getByRole('button', { name: '确定分派' }).click();
    const confirm = page.getByRole('dialog', { name: '分派日期不在聘用合同期限内' });
    await confirm.getByText('赵志强所在的上海市某某律师事务所在 2025-06-10 没有有效的聘用合同。确认仍要分派吗？').waitFor();
    await screenshot(page, '194-assign-outside-engagement');
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    // nothing changed: still registered, nobody assigned, no history step
    const unchanged = await app.call('consultations.get', { id: c.id });
    expect(unchanged).toMatchObject({ status: 'registered', counselId: null, version: c.version });
    expect(await heading.textContent()).toContain('已登记');

    await assign.getByRole('button', { name: '确定分派' }).click();
    await confirm.getByRole('button', { name: '仍然分派' }).click();
    await expect.poll(() => heading.textContent()).toContain('已分派');
    expect(await app.call('consultations.get', { id: c.id })).toMatchObject({ status: 'assigned', counselId: zhao.id });
  });
});

/** The ids the tests above register with. */
async function ids_() {
  const categories = await app.call<{ id: number; code: string }[]>('categories.list', {});
  const counsels = await app.call<{ id: number; name: string }[]>('counsels.list', {});
  const departments = await app.call<{ id: number }[]>('departments.list', {});
  return {
    category: (code: string) => categories.find((x) => x.code === code)!.id,
    counsel: (name: string) => counsels.find((x) => x.name === name)!.id,
    department: departments[0]!.id,
  };
}

describe('年度考核', () => {
  it('evidence from the ledger, scores typed, the grade follows, a figure opens its items', async () => {
    const { page } = app;
    await app.goto('#/assessment?year=2025');
    await page.getByRole('heading', { name: '年度履职考核' }).waitFor();
    const evidence = await app.call<{ rows: { label: string; text: string; key: string | null }[]; total: { count: number } }>('assessments.evidence', {
      firmId: (await app.call<{ id: number; name: string }[]>('firms.list', {})).find((f) => f.name === '北京市某某律师事务所')!.id,
      year: 2025,
    });
    await page.getByRole('button', { name: evidence.rows[0]!.text }).waitFor();
    await page.getByRole('button', { name: '开始考核' }).click();
    const scores: [string, string][] = [
      ['职责履行', '28'],
      ['服务质量', '27.5'],
      ['执业规范', '18'],
      ['工作纪律', '19'],
    ];
    for (const [head, value] of scores) await page.getByLabel(`${head} 得分`).fill(value);
    // one head still empty: no grade yet
    await page.getByText('尚未评定（还有未评分的项目）').waitFor();
    await page.getByLabel('加分项 得分').fill('0');
    await page.getByLabel('职责履行 评语').fill('按服务清单履职，个别事项超期');
    await page.getByLabel('律师事务所自评（可粘贴）').fill('本所2025年度按照聘用合同约定，认真履行法律顾问职责。');
    await page.getByText('合计得分：92.5 分').waitFor();
    await page.getByText('考核等次：优秀').waitFor();
    await screenshot(page, '142-assessment-filling');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await app.call('assessments.get', { firmId: 1, year: 2025 }))?.totalTenths).toBe(925);
    // a 一票否决 item: 不称职 whatever the points
    await page.getByRole('checkbox', { name: /泄露国家秘密/ }).check();
    await page.getByText('考核等次：不称职（一票否决）').waitFor();
    await page.getByRole('checkbox', { name: /泄露国家秘密/ }).uncheck();

    // the admin raises 优秀's line in the template: stored; the assessment already open keeps its copy (优秀 at 92.5)
    await page.getByLabel('优秀不低于').fill('95');
    await page.getByRole('button', { name: '保存考核模板' }).click();
    await expect.poll(async () => (await app.call('assessments.template', {})).thresholds.excellent).toBe(95);
    await page.getByText('考核等次：优秀').waitFor();

    // 办理法律咨询 opens the report's drill-down of exactly those items
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: evidence.rows[0]!.text }).click();
    await page.getByText(`共 ${evidence.total.count} 条`, { exact: true }).waitFor();
  });
});
