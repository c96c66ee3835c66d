/**
 * Issue 18 in the browser: a double click on 保存 registers one item (rows counted);
 * each step's dialog asks for its business date and the timeline shows it first,
 * the entry time second; an opinion typed in by the registrar reads "王建国出具意见
 * （张敏代录）"; a corrected opinion keeps one 份 and shows its previous version.
 * Screenshots 40–43.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveOpinion, startAssign } from './steps';
import { choose, openSeeded, screenshot, seedBasics, typeDate, type App } from './support';

let app: App;

beforeAll(async () => void ({ app } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const count = async () => (await app.call<{ total: number }>('consultations.list', { pageSize: 1 })).total;

describe('business dates, one item per save, opinion corrections', () => {
  it('a double click on 保存 registers one item', async () => {
    const { page } = app;
    await app.goto('#/consultations/new');
    await page.getByRole('heading', { name: '登记咨询事项' }).waitFor();
    await page.getByLabel('事项名称').fill('关于物业服务合同的合法性审查');
    await typeDate(page.getByLabel('收件日期'), '2025-06-06'); // received last Friday, entered today
    await choose(page, '类别', '合同签订');
    await choose(page, '提请处室', '综合处');
    expect(await count()).toBe(0);
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).dblclick();
    await page.getByRole('heading', { name: /法咨〔2025〕1号/ }).waitFor();
    await expect.poll(count).toBe(1);
    // and no serial number was spent on a second item
    const next = await app.call<{ serialNo: string }>('consultations.create', {
      title: '下一件', categoryId: (await app.call<{ id: number }[]>('categories.list', {}))[0]!.id,
      departmentId: (await app.call<{ id: number }[]>('departments.list', {}))[0]!.id, receivedOn: '2025-06-10', itemCount: 1,
    });
    expect(next.serialNo).toBe('法咨〔2025〕2号');
  });

  it('the step dialogs ask for the date it happened; the timeline shows it first, the entry time second', async () => {
    const { page } = app;
    const heading = page.getByRole('heading', { name: /法咨〔2025〕1号/ });
    const assign = await startAssign(page, '王建国');
    const date = assign.getByLabel('分派日期');
    expect(await date.inputValue()).toBe('2025-06-10'); // today by default
    await date.fill('2025.6.9');
    await date.press('Tab');
    await screenshot(page, '40-assign-dialog-business-date');
    await assign.getByRole('button', { name: '确定分派' }).click();
    await expect.poll(() => heading.textContent()).toContain('已分派');

    await giveOpinion(page, '不同意', '合同第五条存在法律风险，建意修改。');
    await expect.poll(() => heading.textContent()).toContain('已出具意见');
    // typed in by the registrar: the counsel's opinion, 代录
    await page.getByText('王建国出具意见（张敏代录）').waitFor();

    await page.getByRole('button', { name: '办结', exact: true }).click();
    const close = page.getByRole('dialog', { name: '办结咨询事项' });
    // a date before the opinion is refused by the service with both dates named
    const closedOn = close.getByLabel('办结日期');
    await closedOn.fill('2025-06-08');
    await closedOn.press('Tab');
    await close.getByRole('button', { name: '确定办结' }).click();
    await close.getByText('办结日期（2025-06-08）不能早于出具日期（2025-06-10）').waitFor();
    await screenshot(page, '41-close-dialog-date-refused');
    await closedOn.fill('2025-06-10');
    await closedOn.press('Tab');
    await close.getByRole('button', { name: '确定办结' }).click();
    await expect.poll(() => heading.textContent()).toContain('已办结');

    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('已分派').waitFor();
    const firstDates = await timeline.locator('.history-date').allTextContents();
    expect(firstDates.slice(0, 4)).toEqual(['2025-06-06', '2025-06-09', '2025-06-10', '2025-06-10']); // 收件, 分派 (typed 2025.6.9), 出具, 办结
    expect(await timeline.locator('.history-entered').first().textContent()).toMatch(/^录入于 2025-06-10 \d\d:\d\d · 张敏$/);
    await screenshot(page, '42-timeline-business-dates');
  });

  it('an opinion corrected keeps one 份 and shows its previous version', async () => {
    const { page } = app;
    // the item is closed: a correction is still allowed (it is not a new round)
    // the opinion's 更正 (the timeline's entries have 更正日期 buttons of their own)
    await page.getByRole('button', { name: /更正$/ }).click();
    const dialog = page.getByRole('dialog', { name: '更正第 1 轮意见' });
    await dialog.getByLabel('意见内容').fill('合同第五条存在法律风险，建议修改后签订。');
    await dialog.getByRole('radio', { name: '修改后同意' }).check();
    await dialog.getByLabel('更正原因').fill('错字，结论录错');
    await screenshot(page, '43-opinion-correction-dialog');
    await dialog.getByRole('button', { name: '确定更正' }).click();
    // on the page, not in the closing dialog's text box (found twice under load)
    await page.getByRole('main').getByText('合同第五条存在法律风险，建议修改后签订。').waitFor();
    await page.getByText('查看更正前的版本（1 个）').click();
    await page.getByText('合同第五条存在法律风险，建意修改。').waitFor();
    await page.locator('.ant-timeline').getByText('更正第 1 轮意见').waitFor();
    await screenshot(page, '44-opinion-corrected-previous-version');
    const t = await app.call<{ opinions: { documents: number } }>('reports.tally', { year: 2025 });
    expect(t.opinions.documents).toBe(1);
    expect(await page.getByText('第 2 轮意见').count()).toBe(0);
  });

  it('a registrar corrects the date of a past step from the timeline: reason required, order kept, the correction in the record', async () => {
    const { page } = app;
    const timeline = page.locator('.ant-timeline');
    const assigned = timeline.locator('.ant-timeline-item').filter({ hasText: '已分派' });
    // 收件 and 出具 are corrected elsewhere (edit, opinion correction): no 更正日期 on them
    expect(await timeline.locator('.ant-timeline-item').filter({ hasText: '已登记' }).getByRole('button', { name: /更正日期/ }).count()).toBe(0);
    expect(await timeline.locator('.ant-timeline-item').filter({ hasText: '已出具意见' }).getByRole('button', { name: /更正日期/ }).count()).toBe(0);
    await assigned.getByRole('button', { name: /更正日期/ }).click();
    const dialog = page.getByRole('dialog', { name: '更正分派日期' });
    const on = dialog.getByLabel('分派日期');
    expect(await on.inputValue()).toBe('2025-06-09');
    // before 收件日期: refused in the form with both named; no reason: refused
    await on.fill('2025.6.5');
    await on.press('Tab');
    await dialog.getByRole('button', { name: '确定更正日期' }).click();
    await dialog.getByText('不能早于收件日期（2025-06-06）').waitFor();
    await dialog.getByText('请填写原因').waitFor();
    await on.fill('2025年6月7日');
    await on.press('Tab');
    expect(await on.inputValue()).toBe('2025-06-07');
    await dialog.getByLabel('更正原因').fill('按分派单上的日期');
    await screenshot(page, '45-correct-step-date-dialog');
    await dialog.getByRole('button', { name: '确定更正日期' }).click();
    await dialog.waitFor({ state: 'detached' });

    await timeline.getByText('更正分派日期：2025-06-09 → 2025-06-07').waitFor();
    await timeline.getByText('原因：按分派单上的日期').waitFor();
    expect(await assigned.locator('.history-date').textContent()).toBe('2025-06-07');
    await timeline.getByText('原因：按分派单上的日期').scrollIntoViewIfNeeded();
    await screenshot(page, '46-timeline-date-corrected');
    const d = await app.call<{ assignedOn: string; history: { toStatus: string; reason: string }[] }>('consultations.get', { id: 1 });
    expect(d.assignedOn).toBe('2025-06-07');
    expect(d.history.filter((h) => h.toStatus === 'dateCorrected').map((h) => h.reason)).toEqual(['按分派单上的日期']);
  });
});
