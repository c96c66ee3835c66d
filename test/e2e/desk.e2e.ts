/**
 * Issue 23, both ends in two harness instances, each with its own data folder: the office (seeded
 * through its services) sends a 送审包; the counsel's desk, set up at its first start in the UI,
 * pairs the office's key, opens the package (twice: noticed), writes an opinion with a signed PDF
 * and makes a 回复包, all in the UI; the office imports the reply (through its methods) and the
 * tally, the opinion's author and the attachment's bytes are right; a later package updates an item.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, seedBasics, type App, type Basics } from './support';

const OFFICE_PW = 'office-password-1';
const OWNER_PW = 'Desk#Owner2025';
const SIGNED = Buffer.concat([Buffer.from('%PDF-1.4\n% 签字盖章的法律意见书\n'), Buffer.alloc(30_000, 7), Buffer.from('\n%%EOF\n')]);
const DRAFT = Buffer.from('采购合同（草案）\n第三条 违约责任……\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let office: App;
let desk: App;
let basics: Basics;
/** what each harness's open dialog answers next */
const picks: { office: string | null; desk: string | null } = { office: null, desk: null };
const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-desk-'));
const items: { id: number; serialNo: string; title: string }[] = [];

beforeAll(async () => {
  office = await openApp({ platform: { chooseOpenPaths: async () => (picks.office ? [picks.office] : []) } });
  basics = await seedBasics(office);
  await office.call('exchange.setup', { name: '某某局', password: OFFICE_PW });
  const wang = basics.counsels[0]!;
  for (const [title, dept] of [['办公楼物业服务合同审查', 0], ['信访事项答复意见审查', 1]] as const) {
    const c = await office.call('consultations.create', {
      title, description: '请审查合同条款的合法性与风险。', categoryId: basics.category('contract'), departmentId: basics.departments[dept]!.id,
      receivedOn: '2025-06-03', itemCount: 1,
    });
    const a = await office.call('consultations.assign', { id: c.id, version: c.version, counselId: wang.id, assignedOn: '2025-06-04' });
    items.push({ id: a.id, serialNo: a.serialNo, title });
  }
  await office.call('attachments.upload', { consultationId: items[0]!.id, fileName: '物业服务合同（草案）.txt', dataBase64: DRAFT.toString('base64') });
  // the counsel's own computer: a fresh data folder, nothing set up
  desk = await openApp({ setup: false, dir: deskDir, platform: { chooseOpenPaths: async () => (picks.desk ? [picks.desk] : []) } });
});

afterAll(async () => {
  await desk?.close();
  await office?.close();
  fs.rmSync(deskDir, { recursive: true, force: true });
});

describe('法律顾问端 and 机关端 in two harnesses', () => {
  it('first start: the desk is chosen, its owner set up; only the desk screens are in the menu', async () => {
    const { page } = desk;
    await page.getByRole('heading', { name: '首次启动：本机用作' }).waitFor();
    await screenshot(page, '180-first-start-choice');
    // the office's setup is one step away, and back
    await page.getByRole('button', { name: /机关端/ }).click();
    await page.getByRole('heading', { name: '设置管理员账号' }).waitFor();
    await page.getByRole('button', { name: '返回上一步' }).click();
    await page.getByRole('button', { name: /法律顾问端/ }).click();
    await page.getByRole('heading', { name: '设置法律顾问端' }).waitFor();
    await page.getByLabel('用户名').fill('wangjianguo');
    await page.getByLabel('您的姓名').fill('王建国');
    await page.getByLabel('密码', { exact: true }).fill(OWNER_PW);
    await page.getByLabel('确认密码').fill(OWNER_PW);
    await screenshot(page, '181-desk-setup');
    await page.getByRole('button', { name: '创建账号并生成密钥' }).click();

    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.waitFor();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await page.getByText('还没有添加机关端的公钥').waitFor();
    const entries = await menu.getByRole('menuitem').allTextContents();
    expect(entries).toEqual(['我的待办', '打开送审包', '生成回复包', '密钥与配对']);
    await page.getByText('法律顾问端 · 王建国').waitFor();
    await page.getByText('本机所有者').waitFor();
    // the database says so: a desk whose key is a counsel's, set up with the owner's account
    const sqlite = desk.harness.runtime.ledger()!.sqlite;
    expect(sqlite.prepare('SELECT end, name FROM exchange_identity').get()).toEqual({ end: 'counsel', name: '王建国' });
    // an office screen typed into the address bar is refused
    await desk.goto('#/ledger');
    await page.getByText('无权访问此页面').waitFor();
  });

  it('keys: the desk exports its key, the office pairs it; the desk pairs the office key with the fingerprint typed back', async () => {
    const { page } = desk;
    await page.getByRole('menuitem', { name: '密钥与配对' }).click();
    await page.getByRole('heading', { name: '密钥与配对' }).waitFor();
    await page.getByRole('button', { name: '导出公钥文件' }).click();
    await page.getByText(/公钥文件已保存/).waitFor();
    const [deskKeyFile] = fs.readdirSync(path.join(deskDir, 'exports')).filter((f) => f.endsWith('.clkey'));
    const deskKeyText = fs.readFileSync(path.join(deskDir, 'exports', deskKeyFile!), 'utf8');
    const deskFp = (await desk.call('desk.status')).own.fingerprint as string;
    await page.getByText(deskFp).first().waitFor();
    await office.call('exchange.addPeer', { counselId: basics.counsels[0]!.id, keyFileText: deskKeyText, confirmFingerprint: deskFp });

    const officeKey = await office.call<{ path: string; fingerprint: string }>('exchange.exportKey');
    await page.locator('input[type=file]').setInputFiles(officeKey.path);
    await page.getByText(/已选择：机关端公钥/).waitFor();
    // a wrong fingerprint is refused with the reason, nothing paired
    await page.getByLabel('核对指纹').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: '核对并添加' }).click();
    await page.getByRole('alert').filter({ hasText: /指纹/ }).waitFor();
    expect((await desk.call('desk.status')).office).toBeNull();
    await page.getByLabel('核对指纹').fill(officeKey.fingerprint);
    await page.getByRole('button', { name: '核对并添加' }).click();
    await page.getByText('添加日期').waitFor();
    await page.getByText(officeKey.fingerprint).waitFor();
    await page.getByRole('heading', { name: '密钥与配对' }).scrollIntoViewIfNeeded();
    await screenshot(page, '182-desk-keys');
  });

  it('opens the 送审包 (the same one twice is noticed), lists 我的待办 and an item with its materials', async () => {
    const { page } = desk;
    const made = await office.call<{ file: string }>('exchange.makePackage', { counselId: basics.counsels[0]!.id, password: OFFICE_PW });
    picks.desk = made.file;
    await page.getByRole('menuitem', { name: '打开送审包' }).click();
    await page.getByRole('button', { name: '选择送审包文件' }).click();
    await page.getByText(/已选择：送审包-王建国/).waitFor();
    await page.getByLabel('您的登录密码').fill(OWNER_PW);
    await page.getByRole('button', { name: '打开', exact: true }).click();
    await page.getByText('已打开来自“市国防动员办公室”的送审包').waitFor();
    await page.getByText('新事项 2 项，已更新 0 项，无变化 0 项').waitFor();
    await screenshot(page, '183-desk-open-package');

    // the same file again: refused with the day it was opened, nothing added
    await page.getByRole('button', { name: '选择送审包文件' }).click();
    await page.getByLabel('您的登录密码').fill(OWNER_PW);
    await page.getByRole('button', { name: '打开', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /已于 2025-06-10 导入过，同一个包不能导入两次/ }).waitFor();
    await screenshot(page, '184-desk-package-twice');

    await page.getByRole('menuitem', { name: '我的待办' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(items[0]!.serialNo);
    expect(await rows.nth(0).textContent()).toContain('待回复');
    await page.getByText('共 2 项：待回复 2 项，意见待发送 0 项，已回复 0 项').waitFor();
    await screenshot(page, '185-desk-todo');

    await page.getByRole('link', { name: items[0]!.title }).click();
    await page.getByRole('heading', { name: new RegExp(items[0]!.title) }).waitFor();
    await page.getByText('物业服务合同（草案）.txt').waitFor();
    await page.getByText('这是第一轮，没有此前的意见').waitFor();
    await screenshot(page, '186-desk-item');
  });

  it('writes an opinion with a signed PDF and makes the 回复包', async () => {
    const { page } = desk;
    await page.getByRole('button', { name: '填写意见' }).click();
    await page.getByRole('heading', { name: `填写意见：${items[0]!.title}` }).waitFor();
    await page.getByRole('radio', { name: '修改后同意' }).check();
    await page.getByLabel('意见内容').fill('建议修改第三条违约责任条款，明确违约金的计算方式。');
    await page.locator('input[type=file]').setInputFiles({ name: '法律意见书（签字版）.pdf', mimeType: 'application/pdf', buffer: SIGNED });
    await page.getByText('法律意见书（签字版）.pdf').waitFor();
    await screenshot(page, '187-desk-opinion-form');
    await page.getByRole('button', { name: '保存意见' }).click();
    await page.getByText('待发送（随下一个回复包发出）').waitFor();
    await page.getByText('法律意见书（签字版）.pdf').waitFor();
    expect(await page.getByRole('button', { name: '填写意见' }).isDisabled()).toBe(true);

    await page.getByRole('menuitem', { name: '生成回复包' }).click();
    await page.getByRole('link', { name: items[0]!.title }).waitFor();
    await page.getByLabel('您的登录密码').fill(OWNER_PW);
    await page.getByRole('button', { name: '生成回复包' }).click();
    await page.getByText('回复包已生成：1 份意见').waitFor();
    await screenshot(page, '188-desk-reply-made');
    await page.getByText('没有尚未发出的意见').waitFor();
  });

  it('the office imports the reply: the tally, the opinion\'s author and the attachment\'s bytes are right', async () => {
    const [replyFile] = fs.readdirSync(path.join(deskDir, 'exports')).filter((f) => f.startsWith('回复包'));
    picks.office = path.join(deskDir, 'exports', replyFile!);
    const chosen = await office.call<{ token: string }>('exchange.chooseReply');
    const preview = await office.call('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW, commit: false });
    expect(preview.rows).toMatchObject([{ itemId: items[0]!.id, conclusion: 'approveWithChanges', action: 'addRound', files: [{ name: '法律意见书（签字版）.pdf' }] }]);
    const done = await office.call('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW, commit: true });
    expect(done.committed).toBe(true);

    const detail = await office.call('consultations.get', { id: items[0]!.id });
    expect(detail.status).toBe('answered');
    expect(detail.opinions).toHaveLength(1);
    expect(detail.opinions[0]).toMatchObject({ counselName: '王建国', conclusion: 'approveWithChanges', issuedOn: '2025-06-10', text: '建议修改第三条违约责任条款，明确违约金的计算方式。' });
    const atts = await office.call<{ opinionId: number | null; fileName: string; sha256: string }[]>('attachments.list', { consultationId: items[0]!.id });
    const signed = atts.find((a) => a.opinionId === detail.opinions[0].id)!;
    expect(signed.fileName).toBe('法律意见书（签字版）.pdf');
    const bytes = office.harness.runtime.ledger()!.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').pluck().get(signed.sha256) as Buffer;
    expect(sha(bytes)).toBe(sha(SIGNED));
    const tally = await office.call('reports.tally', { year: 2025 });
    expect(tally.opinions.documents).toBe(1);
    expect(tally.opinions.answered.count).toBe(1);
    // the other item is still waiting at both ends
    expect((await office.call('consultations.get', { id: items[1]!.id })).status).toBe('assigned');
  });

  it('a later 送审包 updates the item it carries at the desk', async () => {
    const d = await office.call('consultations.get', { id: items[1]!.id });
    await office.call('consultations.update', {
      id: d.id, version: d.version, title: d.title, description: '补充了信访人的第二封来信，请一并审查。', categoryId: d.categoryId, departmentId: d.departmentId,
      requester: d.requester, receivedOn: d.receivedOn, dueOn: d.dueOn, itemCount: d.itemCount, note: d.note,
    });
    const made = await office.call<{ file: string }>('exchange.makePackage', { counselId: basics.counsels[0]!.id, itemIds: [d.id], password: OFFICE_PW });
    picks.desk = made.file;
    const { page } = desk;
    await page.getByRole('menuitem', { name: '打开送审包' }).click();
    await page.getByRole('button', { name: '选择送审包文件' }).click();
    await page.getByLabel('您的登录密码').fill(OWNER_PW);
    await page.getByRole('button', { name: '打开', exact: true }).click();
    await page.getByText('新事项 0 项，已更新 1 项，无变化 0 项').waitFor();
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    await page.getByText('共 2 项：待回复 1 项，意见待发送 0 项，已回复 1 项').waitFor();
    await page.getByRole('link', { name: items[1]!.title }).click();
    await page.getByText('补充了信访人的第二封来信，请一并审查。').waitFor();
  });
});
