/**
 * 聘用合同 and 年度考核 in the real UI on the seeded year (test/e2e/seed.ts; today
 * 2025-06-10): an engagement typed in (fee in yuan, kept in fen), a payment and the
 * paid-vs-agreed line, the 60-day reminder, then the assessment filled in, its
 * grade worked out as it is typed, and an evidence figure opened to its items.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { openApp, screenshot, type App } from './support';

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
