/**
 * The forms of the review procedures (issue 20) in the browser against a real database,
 * "today" 2025-06-10 with the official 2025 schedule loaded at setup:
 *  - 登记: 办理时限 follows 收件日期 and 类别 in either order (the category's time limit);
 *    a date typed by hand stays, and the suggestion is shown under it to take or leave;
 *  - 更正意见 offers the category's checklist, prefilled from the version corrected, and
 *    stores the new marks with the corrected version.
 * The expected due dates are asked of the service (calendar.dueOn, tested with hand-counted
 * dates in test/procedures/clock.test.ts); this file checks what the form does with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoScreen } from './steps';
import { choose, openSeeded, screenshot, seedBasics, typeDate, type App, type Basics } from './support';

let app: App;
let basics: Basics;
beforeAll(async () => void ({ app, basics } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

const suggested = async (receivedOn: string, code?: string) =>
  (await app.call<{ dueOn: string }>('calendar.dueOn', { receivedOn, ...(code ? { categoryId: basics.category(code) } : {}) })).dueOn;

describe('登记: the suggested 办理时限', () => {
  it('follows 收件日期 and 类别 whichever is chosen last; a date typed by hand is kept and the suggestion shown beside it', async () => {
    const { page } = app;
    await gotoScreen(app, '#/consultations/new', '登记咨询事项');
    const due = page.getByLabel('办理时限');
    await page.getByLabel('事项名称').fill('关于某规范性文件的合法性审查');
    // category first, then the receipt date (the order that already worked)
    await choose(page, '类别', '合同签订');
    await expect.poll(() => due.inputValue()).toBe(await suggested('2025-06-10', 'contract'));
    await typeDate(page.getByLabel('收件日期'), '2025-06-03');
    await expect.poll(() => due.inputValue()).toBe(await suggested('2025-06-03', 'contract'));
    // the receipt date stays, the category changes: the due date follows the new category's time limit (was not re-suggested)
    const rules = await suggested('2025-06-03', 'rules');
    expect(rules).not.toBe(await suggested('2025-06-03', 'contract'));
    await choose(page, '类别', '制度建设（规范性文件）');
    await expect.poll(() => due.inputValue()).toBe(rules);

    // typed by hand: neither a new category nor a new receipt date overwrites it
    await typeDate(due, '2025-06-30');
    await choose(page, '类别', '合同签订');
    await typeDate(page.getByLabel('收件日期'), '2025-06-04');
    const contract = await suggested('2025-06-04', 'contract');
    const hint = page.getByTestId('due-suggestion');
    await expect.poll(() => hint.textContent()).toContain(`按收件日期和类别的办理时限，建议为 ${contract}`);
    expect(await due.inputValue()).toBe('2025-06-30');
    await screenshot(page, '195-due-typed-by-hand-with-suggestion');
    // taken: the field follows again
    await hint.getByRole('button', { name: '采用建议' }).click();
    await expect.poll(() => due.inputValue()).toBe(contract);
    expect(await hint.count()).toBe(0);
    await choose(page, '类别', '制度建设（规范性文件）');
    await expect.poll(() => due.inputValue()).toBe(await suggested('2025-06-04', 'rules'));

    await choose(page, '提请处室', '综合处');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByRole('heading', { name: /法咨〔2025〕\d+号/ }).waitFor();
    const id = Number(/#\/consultations\/(\d+)/.exec(page.url())?.[1]);
    expect(await app.call('consultations.get', { id })).toMatchObject({ receivedOn: '2025-06-04', dueOn: await suggested('2025-06-04', 'rules') });
  });
});

describe('更正意见 with the checklist', () => {
  const POINTS = ['执法主体是否合法', '执法人员是否具备执法资格', '案件事实是否清楚、证据是否合法充分', '适用法律、法规、规章是否准确', '执法程序是否合法', '行政裁量是否适当'];

  it('offers the category\'s 审查要点 prefilled from the version corrected; the new marks are stored with the corrected version', async () => {
    const { page } = app;
    let c = await app.call('consultations.create', { title: '某行政处罚决定法制审核', categoryId: basics.category('enforcementReview'), departmentId: basics.departments[0]!.id, receivedOn: '2025-06-04', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: basics.counsels[0]!.id, assignedOn: '2025-06-04' });
    c = await app.call('consultations.addOpinion', {
      id: c.id, version: c.version, conclusion: 'approveWithChanges', conclusionWord: '建议修改', text: '建议补充听证告知程序后再作出处罚决定。', issuedOn: '2025-06-05',
      checklist: POINTS.map((point, i) => ({ point, result: i === 4 ? 'nonConforming' : 'conforms', note: i === 4 ? '未告知当事人听证权利' : '' })),
    });
    await app.goto(`#/consultations/${c.id}`);
    await page.getByRole('button', { name: /更正$/ }).click();
    const dialog = page.getByRole('dialog', { name: '更正第 1 轮意见' });
    const mark = (point: string) => dialog.getByRole('radiogroup', { name: `判断 ${point}` });
    // prefilled: the marks and notes of the version being corrected, and its conclusion word
    await expect.poll(() => mark('执法程序是否合法').getByRole('radio', { name: '不符合', exact: true }).isChecked()).toBe(true);
    expect(await mark('执法主体是否合法').getByRole('radio', { name: '符合', exact: true }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('说明 执法程序是否合法').inputValue()).toBe('未告知当事人听证权利');
    expect(await dialog.getByRole('radio', { name: /建议修改/ }).isChecked()).toBe(true);

    await mark('执法程序是否合法').getByText('符合', { exact: true }).click();
    await dialog.getByLabel('说明 执法程序是否合法').fill('已补充听证告知，当事人未申请听证');
    await dialog.getByLabel('意见内容').fill('同意作出处罚决定。');
    await dialog.getByText(/^同意（计为：/).click();
    await dialog.getByLabel('更正原因').fill('执法处室已补充听证告知程序');
    await screenshot(page, '196-correct-opinion-checklist');
    await dialog.getByRole('button', { name: '确定更正' }).click();
    await dialog.waitFor({ state: 'detached' });

    const marked = page.getByTestId('opinion-procedure-1');
    await marked.getByRole('row', { name: /执法程序是否合法.*符合.*已补充听证告知，当事人未申请听证/ }).waitFor();
    const after = await app.call('consultations.get', { id: c.id });
    expect(after.opinions).toHaveLength(1);
    expect(after.opinions[0]).toMatchObject({ conclusion: 'approve', conclusionWord: '同意', text: '同意作出处罚决定。' });
    expect(after.opinions[0].checklist[4]).toEqual({ point: '执法程序是否合法', result: 'conforms', note: '已补充听证告知，当事人未申请听证' });
    expect(after.opinions[0].previous).toHaveLength(1);
    await screenshot(page, '197-corrected-opinion-checklist');
  });
});

describe('年度统计: the procedures\' figures', () => {
  it('the card shows the returns and, at the period\'s end, the items awaiting material and 签发 (the exports carry the same figures)', async () => {
    const { page } = app;
    let c = await app.call('consultations.create', { title: '物业服务合同审查', categoryId: basics.category('contract'), departmentId: basics.departments[0]!.id, receivedOn: '2025-06-05', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: basics.counsels[0]!.id, assignedOn: '2025-06-05' });
    await app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-06-06', missing: '对方营业执照副本' });
    // the year still runs: its end is today; the correction test above left one opinion awaiting 签发
    expect(await app.call('procedures.figures', { year: 2025 })).toMatchObject({ returns: 1, returnedItems: 1, awaitingMaterial: 1, awaitingSignOff: 1 });
    await app.goto('#/reports?year=2025');
    const card = page.getByTestId('procedure-figures');
    await expect.poll(() => card.textContent()).toContain('期末待补正材料1 件');
    expect(await card.textContent()).toContain('期末待签发1 份');
    expect(await card.textContent()).toContain('退回补正1 次（1 件）');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '198-report-procedure-figures');
  });
});
