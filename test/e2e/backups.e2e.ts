/**
 * 备份与恢复 for the administrator: back up now, restore one with the strong
 * confirmation (the current database is kept first), restore a file picked in
 * the (scripted) dialog; and the recovery screen of a damaged database, which
 * restores the newest verified backup and gets the office back to its ledger.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { registerItem } from './steps';
import { openApp, screenshot, signIn, type App, type Basics } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-backups-'));
/** what the scripted open dialog answers */
let picked: string[] = [];
/** what the scripted folder dialog answers */
let pickedFolder: string | null = null;
let app: App;
let basics: Basics;

beforeAll(async () => {
  app = await openApp({ dir, platform: { chooseOpenPaths: async () => picked, chooseFolder: async () => pickedFolder } });
  basics = await seedLedger(app);
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const register = (title: string) => registerItem(app, basics, { title, category: 'other', receivedOn: '2025-06-10' });

describe('备份与恢复', () => {
  it('backs up now and lists the backup', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '备份与恢复' }).click();
    await page.getByRole('heading', { name: '备份与恢复' }).waitFor();
    await page.getByText(path.join(dir, 'backups')).waitFor();
    // a little later than the automatic backup of the start
    app.advanceClock(5 * 60_000);
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份：/).waitFor();
    const rows = page.getByRole('table').getByRole('row', { name: /手动备份/ });
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, '27-backups');
  });

  it('restores it only after the strong confirmation, keeping the current database first', async () => {
    const { page } = app;
    await register('备份之后登记的事项');
    await page.reload();
    const row = page.getByRole('table').getByRole('row', { name: /手动备份/ });
    await row.getByRole('button', { name: /^恢复/ }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await dialog.getByText(/当前数据库会先另存为一份“恢复前副本”/).waitFor();
    const ok = dialog.getByRole('button', { name: '恢复', exact: true });
    expect(await ok.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: '我已了解，确定用备份替换当前数据库' }).check();
    await ok.click();

    const done = page.getByRole('dialog', { name: '恢复完成' });
    await done.getByText(/恢复前的数据库已保存为 /).waitFor();
    await done.getByRole('button', { name: '关闭' }).click();
    // the safety copy is listed, and the item registered after the backup is gone
    await page.getByRole('table').getByRole('row', { name: /恢复前副本/ }).waitFor();
    expect((await app.call<{ total: number }>('consultations.list', { text: '备份之后登记的事项' })).total).toBe(0);
    await page.getByRole('menuitem', { name: '咨询台账' }).click();
    await page.getByRole('link', { name: '关于办公楼物业服务合同的合法性审查' }).waitFor();
    expect(await page.getByRole('link', { name: '备份之后登记的事项' }).count()).toBe(0);
  });

  it('restores a file chosen in the open dialog', async () => {
    const { page } = app;
    const backups = await app.call<{ backups: { name: string; kind: string }[] }>('backups.list');
    // a copy elsewhere, as from a USB stick
    const manual = backups.backups.find((b) => b.kind === 'manual')!;
    const outside = path.join(dir, 'from-usb.sqlite3');
    fs.copyFileSync(path.join(dir, 'backups', manual.name), outside);
    picked = [outside];
    await register('再次登记的事项');

    await page.getByRole('menuitem', { name: '备份与恢复' }).click();
    await page.getByRole('button', { name: '从文件恢复…' }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await dialog.getByRole('checkbox', { name: '我已了解，确定用备份替换当前数据库' }).check();
    await dialog.getByRole('button', { name: '选择文件并恢复' }).click();
    await page.getByRole('dialog', { name: '恢复完成' }).getByText('已从 from-usb.sqlite3 恢复，所有页面已重新加载。').waitFor();
    await page.getByRole('dialog', { name: '恢复完成' }).getByRole('button', { name: '关闭' }).click();
    expect((await app.call<{ total: number }>('consultations.list', { text: '再次登记的事项' })).total).toBe(0);
  });
});

describe('备份设置', () => {
  it('moves backups to a folder the admin picks, keeps fewer of them, and says when the folder is gone', async () => {
    const { page } = app;
    const usb = path.join(dir, '移动硬盘', '台账备份');
    fs.mkdirSync(usb, { recursive: true });
    pickedFolder = usb;
    await page.getByRole('menuitem', { name: '备份与恢复' }).click();
    const settings = page.locator('.ant-card').filter({ has: page.getByText('备份设置', { exact: true }) });
    await settings.getByText('默认', { exact: true }).waitFor();
    await settings.getByRole('button', { name: '更改文件夹…' }).click();
    await page.getByText(`备份文件夹已改为：${usb}`).waitFor();
    await settings.getByText('自定义', { exact: true }).waitFor();
    await settings.getByText(usb, { exact: true }).waitFor();

    app.advanceClock(60_000);
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份：/).waitFor();
    expect(fs.readdirSync(usb).filter((f) => f.endsWith('-manual.sqlite3'))).toHaveLength(1);
    // backups in two folders: the table says which folder each is in
    await page.getByRole('columnheader', { name: '所在文件夹' }).waitFor();
    await page.getByRole('table').getByRole('row', { name: /手动备份.*自定义/ }).waitFor();
    expect(await page.getByRole('table').getByRole('row', { name: /自定义/ }).count()).toBe(1);

    await settings.getByLabel('按天保留').fill('3');
    await settings.getByLabel('按月保留').fill('6');
    await settings.getByRole('button', { name: '保存保留规则' }).click();
    await page.getByText(/保留规则已保存/).waitFor();
    await settings.getByText(/保留最近 3 天、4 周和 6 个月各一份/).waitFor();
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'backup-config.json'), 'utf8')) as { folder: string; rotation: unknown };
    expect(config).toEqual({ folder: usb, rotation: { daily: 3, weekly: 4, monthly: 6 } });
    await screenshot(page, '29-backup-settings');

    // the drive is unplugged: the page says where backups go meanwhile
    fs.rmSync(path.join(dir, '移动硬盘'), { recursive: true });
    await page.reload();
    await page.getByRole('alert').filter({ hasText: `所选的备份文件夹 ${usb} 当前无法使用（文件夹不存在或当前无法访问），备份暂时保存在默认文件夹` }).waitFor();

    await settings.getByRole('button', { name: '改回默认文件夹' }).click();
    await page.getByText('已改回默认备份文件夹').waitFor();
    await settings.getByText('默认', { exact: true }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '当前无法使用' }).count()).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'backup-config.json'), 'utf8')).folder).toBeNull();
  });
});

describe('the recovery screen', () => {
  it('offers the newest verified backup of a damaged database and restores it', async () => {
    // all of them, the trashed one too: what the backup holds
    const count = () => app.harness.runtime.ledger()!.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
    const total = count();
    app.advanceClock(60_000);
    await app.call('backups.create');
    await app.close();
    // damage the live file: garbage over its header
    const live = path.join(dir, 'ledger.sqlite3');
    const fd = fs.openSync(live, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    fs.closeSync(fd);

    app = await openApp({ dir, setup: false });
    const { page } = app;
    await page.getByRole('heading', { name: '数据库已损坏' }).waitFor();
    await page.getByText('最新的可用备份').waitFor();
    await page.getByText(`${total} 条`).waitFor();
    await page.getByText(/程序没有向损坏的文件写入任何内容/).waitFor();
    await screenshot(page, '28-recovery');

    await page.getByRole('button', { name: '从备份恢复' }).click();
    await signIn(page, 'zhangmin');
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByRole('link', { name: '关于办公楼物业服务合同的合法性审查' }).waitFor();
    expect(count()).toBe(total);
    // the damaged file was kept beside the backups
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.startsWith('damaged-'))).toBe(true);
  });
});
