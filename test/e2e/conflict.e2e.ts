/** Two windows on one item: the stale save is refused, explains itself, and nothing typed is lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationDetail } from '#domain/types';
import { registerItem } from './steps';
import { choose, openSeeded, seedBasics, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => void ({ app, basics } = await openSeeded(seedBasics)));
afterAll(() => app?.close());

/** the detail page of an item (saving the edit form goes there) */
const detailUrl = (id: number) => new RegExp(`#/consultations/${id}$`);

const register = (title: string) => registerItem(app, basics, { title, category: 'contract', requester: '张伟', receivedOn: '2025-06-02' });

describe('a stale edit', () => {
  it('is refused, then merged with the latest version without losing the form', async () => {
    const item = await register('关于车辆租赁合同的审查');
    const a = app.page;
    await app.goto(`#/consultations/${item.id}/edit`, a);
    await a.getByLabel('事项名称').waitFor();

    // someone else, in another window, saves first
    const b = await app.newPage();
    await app.goto(`#/consultations/${item.id}/edit`, b);
    await b.getByLabel('事项名称').fill('关于公务车辆租赁合同的审查');
    await b.getByLabel('提请人').fill('李娜');
    await b.keyboard.press('Control+s');
    await b.waitForURL(detailUrl(item.id));

    // the first window, still on version 1
    await a.getByLabel('提请人').fill('王芳');
    await a.getByLabel('备注').fill('请于本周内答复');
    await a.getByRole('button', { name: '保存（Ctrl+S）' }).click();
    const alert = a.getByRole('alert').filter({ hasText: '保存未成功：该事项已被他人修改' });
    await alert.waitFor();
    await alert.getByText(/您已填写的内容会保留在表单中/).waitFor();
    // nothing typed is lost, nothing of it was saved
    expect(await a.getByLabel('提请人').inputValue()).toBe('王芳');
    expect(await a.getByLabel('备注').inputValue()).toBe('请于本周内答复');
    const stored = await app.call<ConsultationDetail>('consultations.get', { id: item.id });
    expect(stored).toMatchObject({ version: 2, requester: '李娜', note: '' });

    await alert.getByRole('button', { name: '重新加载' }).click();
    await a.getByText('已载入最新版本（第 2 版）').waitFor();
    // changed only by the other window: taken over; changed by both: mine kept, theirs offered
    await a.getByText('他人修改的以下字段已更新到表单中：事项名称。').waitFor();
    expect(await a.getByLabel('事项名称').inputValue()).toBe('关于公务车辆租赁合同的审查');
    expect(await a.getByLabel('提请人').inputValue()).toBe('王芳');
    expect(await a.getByLabel('备注').inputValue()).toBe('请于本周内答复');
    await a.getByText('最新版本为：李娜').waitFor();

    await a.keyboard.press('Control+s');
    await a.waitForURL(detailUrl(item.id));
    const saved = await app.call<ConsultationDetail>('consultations.get', { id: item.id });
    expect(saved).toMatchObject({ version: 3, title: '关于公务车辆租赁合同的审查', requester: '王芳', note: '请于本周内答复' });
    await b.close();
  });

  it('offers the latest value of a field both changed', async () => {
    const item = await register('关于会议服务合同的审查');
    const a = app.page;
    await app.goto(`#/consultations/${item.id}/edit`, a);
    await a.getByLabel('提请人').fill('王芳');
    await app.call('consultations.update', {
      id: item.id,
      version: item.version,
      title: item.title,
      categoryId: basics.category('contract'),
      departmentId: basics.departments[0]!.id,
      requester: '李娜',
      receivedOn: '2025-06-02',
      itemCount: 1,
    });
    await a.keyboard.press('Control+s');
    await a.getByRole('button', { name: '重新加载' }).click();
    await a.getByText('以下字段您和他人都作了修改，表单中保留的是您填写的内容，请核对：').waitFor();
    await a.getByRole('button', { name: '采用最新版本' }).click();
    expect(await a.getByLabel('提请人').inputValue()).toBe('李娜');
    await a.keyboard.press('Control+s');
    await a.waitForURL(detailUrl(item.id));
    expect((await app.call<ConsultationDetail>('consultations.get', { id: item.id })).version).toBe(3);
  });

  it('a workflow action on a stale page says so and shows the latest state', async () => {
    const item = await register('关于培训服务合同的审查');
    const a = app.page;
    await app.goto(`#/consultations/${item.id}`, a);
    const heading = a.getByRole('heading', { name: new RegExp(item.serialNo) });
    await expect.poll(() => heading.textContent()).toContain('已登记');
    await app.call('consultations.withdraw', { id: item.id, version: item.version, reason: '另一窗口撤回' });

    await a.getByRole('button', { name: '分派', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: '分派法律顾问' });
    await choose(a, '法律顾问', '王建国');
    await dialog.getByRole('button', { name: '确定分派' }).click();
    await a.getByText('该事项已被他人修改，已为您重新加载，请核对后重试。').waitFor();
    await expect.poll(() => heading.textContent()).toContain('已撤回');
  });
});
