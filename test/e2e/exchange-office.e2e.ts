/**
 * Issue 23, the office's end on the 数据交换 screen, driven through the page: the office key
 * made (a key password of its own), its .clkey exported; a counsel's key pasted from a key file
 * made by a counsel's desk in this test (a second database file, the desk's services), the
 * fingerprint typed back (a wrong one refused); another key revoked with a reason; 生成送审包
 * with a 工作秘密 item confirmed; the desk opens it and replies; a tampered reply refused by
 * name; the real reply previewed with one conflict (the office entered an opinion after
 * sending), resolved, imported; the same reply again refused as replayed.
 * Screenshots 170–179.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { addDeskOpinion, makeReplyPackage, openReviewPackage } from '../../electron/services/exchange/desk';
import { addPeer, exportPublicKey, setUpIdentity } from '../../electron/services/exchange/identity';
import { generateIdentity, keyFileText } from '../../electron/services/exchange/keys';
import { testApp, type TestApp } from '../helpers/ledger';
import { openApp, screenshot, seedBasics, type App, type Basics } from './support';

const OFFICE_KEY_PW = 'office-key-pw-1';
const DESK_PW = 'counsel-password-1';
const SIGNED = Buffer.concat([Buffer.from('%PDF-1.4\n签字意见书\n'), Buffer.alloc(40_000, 5), Buffer.from('\n%%EOF\n')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let app: App;
let basics: Basics;
let desk: TestApp;
/** what the open dialog answers (the harness cannot show one) */
let picked = '';
const items: Record<'plain' | 'secret' | 'later', { id: number; serialNo: string }> = {} as never;
let reviewFile = '';
let replyFile = '';

const sqlite = () => app.harness.runtime.ledger()!.sqlite;
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** an item registered and assigned to 王建国 */
async function mk(title: string, extra: Record<string, unknown> = {}): Promise<{ id: number; serialNo: string }> {
  const wang = basics.counsels[0]!.id;
  const c = await app.call('consultations.create', {
    title,
    categoryId: basics.category('contract'),
    departmentId: basics.departments[0]!.id,
    receivedOn: '2025-06-03',
    requester: '张伟',
    dueOn: '2025-06-20',
    itemCount: 1,
    description: `${title}，请法律顾问提出意见。`,
    ...extra,
  });
  const d = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: wang, assignedOn: '2025-06-04' });
  return { id: d.id as number, serialNo: d.serialNo as string };
}

beforeAll(async () => {
  app = await openApp({ platform: { chooseOpenPaths: async () => (picked ? [picked] : []) } });
  basics = await seedBasics(app);
  items.plain = await mk('物业服务合同审查');
  items.secret = await mk('人事制度修订审查', { secrecy: 'workSecret' });
  items.later = await mk('信访答复意见审查');
  // the counsel's desk: its own database file and key pair
  desk = testApp(openDatabase(path.join(app.dir, 'desk.sqlite3')));
  // the same day, in the afternoon (the office's clock stays put: moving it would end the page's sign-in)
  desk.clock.set('2025-06-10T06:00:00.000Z');
  setUpIdentity(desk.ctx(), { end: 'counsel', name: '王建国的电脑', password: DESK_PW });
  await app.page.reload();
});

afterAll(async () => {
  desk?.ledger.close();
  await app?.close();
});

describe('数据交换, the office end', () => {
  it('makes the office key under a key password of its own and exports the public key file', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '数据交换' }).click();
    await page.getByText('本机还没有交换密钥').waitFor();
    // no key yet: no packages either
    expect(await page.getByRole('button', { name: '生成送审包' }).count()).toBe(0);
    await screenshot(page, '170-exchange-no-key');

    await page.getByRole('button', { name: '生成本机关密钥' }).click();
    const setup = dialog(page, '生成本机关的交换密钥');
    await setup.getByText('它不是任何账号的登录密码').waitFor();
    await setup.getByLabel('机关名称（写在公钥文件中）').fill('某某市国防动员办公室');
    await setup.getByLabel('密钥口令', { exact: true }).fill(OFFICE_KEY_PW);
    await setup.getByLabel('再次输入密钥口令').fill('office-key-pw-2');
    await setup.getByRole('button', { name: '生成密钥' }).click();
    await setup.getByText('两次输入的密钥口令不一致').waitFor();
    expect(sqlite().prepare('SELECT count(*) FROM exchange_identity').pluck().get()).toBe(0);
    await setup.getByLabel('再次输入密钥口令').fill(OFFICE_KEY_PW);
    await screenshot(page, '171-exchange-setup');
    await setup.getByRole('button', { name: '生成密钥' }).click();
    await setup.waitFor({ state: 'detached' });

    const own = await app.call<{ own: { fingerprint: string; name: string } }>('exchange.status');
    expect(own.own.name).toBe('某某市国防动员办公室');
    await page.getByText(own.own.fingerprint).waitFor();

    await page.getByRole('button', { name: '导出公钥文件' }).click();
    const saved = path.join(app.dir, 'exports', `机关端公钥-${own.own.fingerprint}.clkey`);
    await page.getByText(`公钥文件已保存：${saved}`).waitFor();
    await page.getByRole('button', { name: /知道了|OK|确定/ }).click();
    // the desk pairs the office with the file the office exported, checking the fingerprint read out on the phone
    addPeer(desk.ctx(), { keyFileText: fs.readFileSync(saved, 'utf8'), counselId: null, confirmFingerprint: own.own.fingerprint });
    await screenshot(page, '172-exchange-office-key');
  });

  it('pairs a counsel key only when the fingerprint read out on the phone is typed back; revokes with a reason', async () => {
    const { page } = app;
    const deskKey = exportPublicKey(desk.ctx());
    const keyFile = path.join(app.dir, '王建国.clkey');
    fs.writeFileSync(keyFile, deskKey.text);
    const counsels = page.getByRole('region', { name: '法律顾问与公钥' });
    const wangRow = counsels.getByRole('row').filter({ hasText: '王建国' });
    await wangRow.getByRole('button', { name: '添加公钥' }).click();
    const add = dialog(page, '添加法律顾问公钥：王建国');
    await add.locator('input[type=file]').setInputFiles(keyFile);
    await add.getByText('已读入：王建国.clkey').waitFor();
    // the key file's text (and the fingerprint written in it) is not shown: the fingerprint comes from the counsel, on the phone
    expect(await add.getByLabel('或粘贴公钥文件的全部内容').count()).toBe(0);
    expect(await add.textContent()).not.toContain(deskKey.fingerprint);

    // a wrong fingerprint: refused by the main process, nothing paired
    const wrong = deskKey.fingerprint.startsWith('A') ? `B${deskKey.fingerprint.slice(1)}` : `A${deskKey.fingerprint.slice(1)}`;
    await add.getByLabel('电话核对的指纹').fill(wrong);
    await add.getByRole('button', { name: '核对并添加' }).click();
    await page.getByText(`核对的指纹与公钥文件的指纹（${deskKey.fingerprint}）不一致`).waitFor();
    expect(sqlite().prepare('SELECT count(*) FROM exchange_peers').pluck().get()).toBe(0);

    // read out in groups, typed in lower case with spaces: the same fingerprint
    await add.getByLabel('电话核对的指纹').fill(deskKey.fingerprint.toLowerCase().replaceAll('-', ' '));
    await screenshot(page, '173-exchange-add-counsel-key');
    await add.getByRole('button', { name: '核对并添加' }).click();
    await add.waitFor({ state: 'detached' });
    await wangRow.getByText(deskKey.fingerprint).waitFor();
    await wangRow.getByRole('button', { name: '更换公钥' }).waitFor();

    // 李明's key, then revoked (his PC was lost): a reason is required and audited
    const li = generateIdentity('counsel', '李明的电脑', DESK_PW).public;
    await app.call('exchange.addPeer', { counselId: basics.counsels[1]!.id, keyFileText: keyFileText(li), confirmFingerprint: li.fingerprint });
    await page.reload();
    const records = page.getByRole('region', { name: '公钥记录（含已撤销的）' });
    await records.getByRole('row').filter({ hasText: li.fingerprint }).getByRole('button', { name: '撤销' }).click();
    const revoke = dialog(page, '撤销公钥：李明');
    await revoke.getByRole('button', { name: '撤销公钥' }).click();
    await revoke.getByText('请填写撤销原因').waitFor();
    await revoke.getByLabel('撤销原因').fill('李明的笔记本电脑遗失');
    await screenshot(page, '174-exchange-revoke');
    await revoke.getByRole('button', { name: '撤销公钥' }).click();
    await revoke.waitFor({ state: 'detached' });
    await records.getByRole('row').filter({ hasText: li.fingerprint }).getByText(/已撤销（2025-06-10）/).waitFor();
    const audited = sqlite().prepare("SELECT after FROM audit_log WHERE action = 'exchange.revokePeerKey'").pluck().all() as string[];
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!)).toMatchObject({ fingerprint: li.fingerprint, reason: '李明的笔记本电脑遗失' });
    // 李明 has no active key now: the counsels table says so
    await counsels.getByRole('row').filter({ hasText: '李明' }).getByText('未配对').waitFor();
  });

  it('makes a 送审包 of the chosen items, the 工作秘密 one confirmed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '生成送审包' }).first().click();
    const make = dialog(page, '生成送审包');
    const list = make.getByRole('region', { name: '选择事项' });
    for (const item of Object.values(items)) await list.getByText(item.serialNo).waitFor();
    // 李明's key is revoked: he cannot be chosen
    await make.getByText('已选 3 项').waitFor();
    expect(await list.getByRole('row').filter({ hasText: items.secret.serialNo }).textContent()).toContain('工作秘密');
    expect(await list.getByRole('row').filter({ hasText: items.plain.serialNo }).textContent()).toContain('无');
    await make.getByText(`所选事项中有 1 项的密级为工作秘密：${items.secret.serialNo}`).waitFor();
    // a colleague registers another item for 王建国 meanwhile, and a wrong key password is refused with its
    // message: the list is refreshed (it shows the new item, not ticked) and what was ticked stays ticked
    const secretBox = list.getByRole('row').filter({ hasText: items.secret.serialNo }).getByRole('checkbox');
    await secretBox.uncheck();
    await make.getByText('已选 2 项').waitFor();
    const extra = await mk('车辆定点维修服务协议审查');
    await make.getByLabel('机关端密钥口令').fill('not-the-key-password');
    await make.getByRole('button', { name: '生成送审包' }).click();
    await page.getByText('密钥口令不正确，无法使用本机的交换密钥').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0);
    await list.getByText(extra.serialNo).waitFor();
    await make.getByText('已选 2 项').waitFor();
    expect(await secretBox.isChecked()).toBe(false);
    expect(await list.getByRole('row').filter({ hasText: extra.serialNo }).getByRole('checkbox').isChecked()).toBe(false);
    await secretBox.check();
    await make.getByText(`所选事项中有 1 项的密级为工作秘密：${items.secret.serialNo}`).waitFor();
    await make.getByLabel('机关端密钥口令').fill(OFFICE_KEY_PW);
    await make.getByRole('button', { name: '生成送审包' }).click();
    await make.getByText('请确认工作秘密事项可以交给法律顾问').waitFor();
    expect(fs.existsSync(path.join(app.dir, 'exports', '送审包-王建国-2025-06-10.clpkg'))).toBe(false);
    await make.getByLabel('我已确认上述工作秘密事项可以交给法律顾问').check();
    await screenshot(page, '175-exchange-make-package');
    await make.getByRole('button', { name: '生成送审包' }).click();

    const done = dialog(page, '送审包已生成');
    reviewFile = path.join(app.dir, 'exports', '送审包-王建国-2025-06-10.clpkg');
    await done.getByText(reviewFile).waitFor();
    await done.getByText(/已打包 3 项，\d+(\.\d)? KB/).waitFor();
    for (const item of Object.values(items)) await done.getByText(item.serialNo).first().waitFor();
    await screenshot(page, '176-exchange-package-made');
    await done.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    expect(fs.statSync(reviewFile).size).toBeGreaterThan(0);
  });

  it('refuses a tampered reply by name, previews the real one with a conflict, imports it, refuses it twice', async () => {
    const { page } = app;
    // the desk: open, two opinions (one with the signed PDF), the 回复包
    const opened = openReviewPackage(desk.ctx(), { file: reviewFile, password: DESK_PW });
    expect(opened.items.map((i) => i.id).sort()).toEqual([items.plain.id, items.secret.id, items.later.id].sort());
    addDeskOpinion(desk.ctx(), { itemId: items.plain.id, conclusion: 'approveWithChanges', text: '建议修改第三条违约责任。', issuedOn: '2025-06-10', files: [{ fileName: '签字意见书.pdf', data: SIGNED }] });
    addDeskOpinion(desk.ctx(), { itemId: items.later.id, conclusion: 'approve', text: '答复内容合法，同意。', issuedOn: '2025-06-10', files: [] });
    replyFile = makeReplyPackage(desk.ctx(), { out: path.join(app.dir, '回复包.clpkg'), password: DESK_PW }).file;
    // meanwhile the office typed in the counsel's opinion on 信访答复 from a phone call: a conflict
    const later = await app.call('consultations.get', { id: items.later.id });
    await app.call('consultations.addOpinion', { id: later.id, version: later.version, conclusion: 'object', text: '电话中的初步意见：暂不同意。', issuedOn: '2025-06-10' });

    // a byte flipped in the middle: refused, named, nothing written
    const tampered = path.join(app.dir, '回复包-改动.clpkg');
    const bytes = fs.readFileSync(replyFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(tampered, bytes);
    const opinionsBefore = sqlite().prepare('SELECT count(*) FROM opinions').pluck().get();
    picked = tampered;
    await page.getByRole('button', { name: '导入回复包' }).click();
    let reply = dialog(page, '导入回复包');
    await reply.getByText('回复包-改动.clpkg').waitFor();
    await reply.getByLabel('机关端密钥口令').fill(OFFICE_KEY_PW);
    await reply.getByRole('button', { name: '检查回复包' }).click();
    const refusal = reply.getByRole('alert').filter({ hasText: '回复包已损坏或被篡改' });
    await refusal.getByText(/包已损坏或被篡改（签名与内容不符），未导入任何内容/).waitFor();
    expect(await reply.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, '177-exchange-reply-refused');
    await reply.getByRole('button', { name: '取消' }).click();
    await reply.waitFor({ state: 'detached' });
    expect(sqlite().prepare('SELECT count(*) FROM opinions').pluck().get()).toBe(opinionsBefore);

    // the real reply: the preview shows which opinion lands where, the conflict waits for a choice
    picked = replyFile;
    await page.getByRole('button', { name: '导入回复包' }).click();
    reply = dialog(page, '导入回复包');
    await reply.getByLabel('机关端密钥口令').fill(OFFICE_KEY_PW);
    await reply.getByRole('button', { name: '检查回复包' }).click();
    const rows = reply.getByRole('region', { name: '将导入的意见' });
    const plainRow = rows.getByRole('row').filter({ hasText: items.plain.serialNo });
    const laterRow = rows.getByRole('row').filter({ hasText: items.later.serialNo });
    await plainRow.getByText('新增一轮意见').waitFor();
    expect(await plainRow.textContent()).toMatch(/物业服务合同审查.*王建国.*修改后同意.*2025-06-10.*签字意见书\.pdf/);
    await reply.getByText('发现 1 个冲突').waitFor();
    await laterRow.getByText('送审包中的版本').waitFor();
    await laterRow.getByText('请选择').waitFor();
    expect(await reply.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    await laterRow.getByLabel('导入回复').check();
    // the service says what the choice does: the office's round is corrected, its text kept in the history
    await laterRow.getByText('以回复更正机关端录入的意见（原文保留在历史中）').waitFor();
    await screenshot(page, '178-exchange-reply-preview');
    // the dry runs wrote nothing
    expect(sqlite().prepare('SELECT count(*) FROM opinions').pluck().get()).toBe(opinionsBefore);
    await reply.getByRole('button', { name: '导入', exact: true }).click();
    await reply.getByText('已导入 2 份意见（经回复包导入）').waitFor();
    await screenshot(page, '179-exchange-reply-imported');
    await reply.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // what was written: the counsel as author, the channel, the attachment's bytes, both texts of the conflict
    const plain = await app.call('consultations.get', { id: items.plain.id });
    expect(plain.opinions).toHaveLength(1);
    expect(plain.opinions[0]).toMatchObject({ counselName: '王建国', conclusion: 'approveWithChanges', text: '建议修改第三条违约责任。', issuedOn: '2025-06-10' });
    const stored = sqlite()
      .prepare('SELECT o.channel, a.file_name AS fileName, a.sha256 FROM opinions o JOIN attachments a ON a.opinion_id = o.id WHERE o.consultation_id = ?')
      .get(items.plain.id);
    expect(stored).toEqual({ channel: 'replyPackage', fileName: '签字意见书.pdf', sha256: sha(SIGNED) });
    const laterNow = await app.call('consultations.get', { id: items.later.id });
    expect(laterNow.opinions).toHaveLength(1);
    expect(laterNow.opinions[0].text).toBe('答复内容合法，同意。');
    expect(laterNow.opinions[0].previous.map((p: { text: string }) => p.text)).toEqual(['电话中的初步意见：暂不同意。']);
    // the 工作秘密 item got no opinion: it stays waiting
    expect((await app.call('consultations.get', { id: items.secret.id })).opinions).toHaveLength(0);

    // the same reply again: refused as replayed, by name
    const after = sqlite().prepare('SELECT count(*) FROM opinions').pluck().get();
    await page.getByRole('button', { name: '导入回复包' }).click();
    reply = dialog(page, '导入回复包');
    await reply.getByLabel('机关端密钥口令').fill(OFFICE_KEY_PW);
    await reply.getByRole('button', { name: '检查回复包' }).click();
    await reply.getByRole('alert').filter({ hasText: '这个回复包已经导入过' }).getByText(/已于 2025-06-10 导入过，同一个包不能导入两次/).waitFor();
    await reply.getByRole('button', { name: '取消' }).click();
    expect(sqlite().prepare('SELECT count(*) FROM opinions').pluck().get()).toBe(after);
  });
});
