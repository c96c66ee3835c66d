/**
 * The registrar's day: first run, setting up divisions and counsel, registering
 * with the keyboard, and one consultation through its whole workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillIn, fillNewItem, giveOpinion, openDialog, startAssign } from './steps';
import { choose, openApp, TODAY, type App } from './support';

let app: App;

beforeAll(async () => void (app = await openApp()));
afterAll(() => app?.close());

describe('first run and the whole workflow', () => {
  it('shows what to do first on an empty ledger', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '欢迎使用法律顾问咨询台账' }).waitFor();
    await page.getByText('添加提请处室').waitFor();
    await page.getByText('添加法律顾问').first().waitFor();
  });

  it('adds a division and a counsel through the UI', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '处室' }).click();
    await page.getByLabel('处室名称').fill('综合处');
    await page.getByRole('button', { name: '添加处室' }).click();
    await page.getByRole('cell', { name: '综合处', exact: true }).waitFor();

    await page.getByRole('menuitem', { name: '法律顾问' }).click();
    const dialog = await openDialog(page, '添加法律顾问');
    await fillIn(dialog, { 姓名: '王建国', 律师事务所: '北京市某某律师事务所' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '王建国' }).waitFor();
  });

  it('registers with the keyboard: defaults filled in, Ctrl+S saves', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { name: '登记咨询事项' }).waitFor();
    expect(await page.getByLabel('收件日期').inputValue()).toBe(TODAY);
    // 7 working days after Tuesday 2025-06-10
    expect(await page.getByLabel('办理时限').inputValue()).toBe('2025-06-19');
    expect(await page.getByLabel('项数').inputValue()).toBe('1');

    await fillNewItem(page, '关于物业服务合同的合法性审查');
    await page.getByLabel('提请人').fill('张三');
    await page.getByLabel('项数').fill('2');
    await page.keyboard.press('Control+s');

    await page.getByRole('heading', { name: /法咨〔2025〕1号/ }).waitFor();
    await expect.poll(() => page.getByRole('heading').first().textContent()).toContain('已登记');
  });

  it('assigns, adds an opinion, records the outcome and closes', async () => {
    const { page } = app;
    const heading = page.getByRole('heading', { name: /法咨〔2025〕1号/ });

    const assign = await startAssign(page, '王建国');
    await assign.getByRole('button', { name: '确定分派' }).click();
    await expect.poll(() => heading.textContent()).toContain('已分派');

    await giveOpinion(page, '修改后同意', '建议修改第五条违约责任条款后签订。');
    await expect.poll(() => heading.textContent()).toContain('已出具意见');
    await page.getByText('第 1 轮意见').first().waitFor();
    await page.getByText('建议修改第五条违约责任条款后签订。').waitFor();

    await page.getByRole('button', { name: '登记采纳情况' }).click();
    const outcome = page.getByRole('dialog', { name: '登记采纳情况' });
    await outcome.getByRole('radio', { name: '未采纳' }).check();
    await outcome.getByRole('button', { name: '确定登记采纳情况' }).click();
    await outcome.getByText('未采纳的，须填写未采纳理由').waitFor();
    await outcome.getByLabel('未采纳理由').fill('对方不同意修改，改为另行招标。');
    await outcome.getByRole('button', { name: '确定登记采纳情况' }).click();
    await outcome.waitFor({ state: 'detached' });
    // in the item's details (the 办理记录 entry of 登记采纳情况 carries it too)
    await page.locator('.ant-descriptions').getByText('对方不同意修改，改为另行招标。').waitFor();
    await page.locator('.ant-timeline').getByText('登记采纳情况：未采纳').waitFor();

    await page.getByRole('button', { name: '办结', exact: true }).click();
    const close = page.getByRole('dialog', { name: '办结咨询事项' });
    await close.getByText(/办结后事项不能再修改/).waitFor();
    await close.getByRole('button', { name: '确定办结' }).click();
    await expect.poll(() => heading.textContent()).toContain('已办结');

    // the timeline shows every step, the actions now fit a closed item only
    for (const step of ['已登记', '已分派', '已出具意见', '已办结']) {
      await page.getByText(step, { exact: true }).last().waitFor();
    }
    await page.getByRole('button', { name: '重新打开' }).waitFor();
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤回' }).count()).toBe(0);
  });

  it('shows the closed item in the ledger with its status', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    const row = page.getByRole('row', { name: /关于物业服务合同的合法性审查/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('已办结');
    expect(await row.textContent()).toContain('法咨〔2025〕1号');
    expect(await row.textContent()).toContain('王建国');
  });
});

describe('registering: validation, save and register another', () => {
  it('shows Chinese messages next to the fields and saves nothing', async () => {
    const { page } = app;
    const before = (await app.call<{ total: number }>('consultations.list', { year: 2025 })).total;
    await page.getByRole('menuitem', { name: '登记咨询' }).click();
    await page.getByLabel('事项名称').fill('   ');
    await page.getByLabel('项数').fill('0');
    await page.getByLabel('办理时限').fill('2025-06-01');
    await page.getByLabel('办理时限').press('Enter');
    await page.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    await page.getByText('请填写事项名称').waitFor();
    await page.getByText('请选择类别').waitFor();
    await page.getByText('请选择提请处室').waitFor();
    await page.getByText('项数应为 1 至 999 之间的整数').waitFor();
    await page.getByText('办理时限不能早于收件日期').waitFor();
    expect((await app.call<{ total: number }>('consultations.list', { year: 2025 })).total).toBe(before);
  });

  it('"保存并继续登记" saves and starts a new form for the same division', async () => {
    const { page } = app;
    await app.call('departments.create', { name: '政策法规处' });
    await page.reload();
    await page.getByLabel('事项名称').fill('关于信访事项答复口径的咨询');
    await choose(page, '类别', '信访投诉');
    await choose(page, '提请处室', '政策法规处');
    await page.getByRole('button', { name: '保存并继续登记' }).click();
    await page.getByText('已登记：法咨〔2025〕2号').waitFor();
    await expect.poll(() => page.getByLabel('事项名称').inputValue()).toBe('');
    expect(await page.getByRole('combobox', { name: '提请处室' }).locator('..').textContent()).toContain('政策法规处');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('title');
    const list = await app.call<{ rows: { title: string }[] }>('consultations.list', { year: 2025 });
    expect(list.rows.map((r) => r.title)).toContain('关于信访事项答复口径的咨询');
  });

  it('puts a refusal of the service next to its field', async () => {
    const { page } = app;
    const list = await app.call<{ rows: { id: number; title: string }[] }>('consultations.list', { year: 2025 });
    const item = list.rows.find((r) => r.title === '关于信访事项答复口径的咨询')!;
    await app.goto(`#/consultations/${item.id}/edit`);
    await page.getByLabel('收件日期').fill('2024-12-30');
    await page.getByLabel('收件日期').press('Enter');
    await page.getByLabel('办理时限').fill('2025-01-06');
    await page.getByLabel('办理时限').press('Enter');
    await page.keyboard.press('Control+s');
    await page.getByText(/收件日期不能改到其他年份/).waitFor();
    const after = await app.call<{ receivedOn: string }>('consultations.get', { id: item.id });
    expect(after.receivedOn).toBe(TODAY);
  });
});
