/**
 * Issue 23: the office and a counsel's desk, two real database files. 送审包 → opened at the
 * desk → an opinion with an attachment → 回复包 → imported at the office; and every refusal,
 * each with its message and nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { storeAttachment } from '../../electron/services/attachments/attachments';
import { inWriteTransaction } from '../../electron/services/context';
import { addDeskOpinion, deskFileBytes, listDesk, makeReplyPackage, openReviewPackage } from '../../electron/services/exchange/desk';
import { addPeer, exportPublicKey, listPeers, revokePeer, setUpIdentity } from '../../electron/services/exchange/identity';
import { makeReviewPackage, receiveReply } from '../../electron/services/exchange/office';
import { register, type TestApp } from '../helpers/ledger';
import { DESK_PW, desk, OFFICE_PW, officeLedger, refused } from '../helpers/exchange';
import { rowCounts } from '../helpers/rows';
import { createHash } from 'node:crypto';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 7), Buffer.from('\n%%EOF\n')]);
const SIGNED = Buffer.concat([Buffer.from('%PDF-1.4\n签字意见书\n'), Buffer.alloc(90_000, 3), Buffer.from('\n%%EOF\n')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function pair(office: TestApp, d: TestApp, counselId: number) {
  const deskKey = exportPublicKey(d.ctx());
  addPeer(office.ctx(), { keyFileText: deskKey.text, counselId, confirmFingerprint: deskKey.fingerprint });
  const officeKey = exportPublicKey(office.ctx());
  addPeer(d.ctx(), { keyFileText: officeKey.text, counselId: null, confirmFingerprint: officeKey.fingerprint });
}

/** Rows that any write would add to. */
const footprint = (app: TestApp) =>
  rowCounts(app, {
    opinions: 'SELECT count(*) FROM opinions',
    versions: 'SELECT count(*) FROM opinion_versions',
    attachments: 'SELECT count(*) FROM attachments',
    packages: 'SELECT count(*) FROM exchange_packages',
    audit: 'SELECT count(*) FROM audit_log',
    desk: 'SELECT count(*) FROM desk_items',
    deskFiles: 'SELECT count(*) FROM desk_files',
  });

async function setting() {
  const { dir, office, b } = await officeLedger();
  const other = await office.call('counsels.create', { name: '李律师', firm: '另一律师事务所', engagedFrom: '2024-01-01' });
  setUpIdentity(office.ctx(), { end: 'office', name: '某某局', password: OFFICE_PW });
  const mk = async (title: string, counselId: number, extra: Record<string, unknown> = {}) => {
    const c = await register(office, { title, categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01', ...extra });
    return office.call('consultations.assign', { id: c.id, version: c.version, counselId, assignedOn: '2025-06-02' });
  };
  const item1 = await mk('采购合同审查', b.counsel.id);
  const item2 = await mk('信访答复审查', b.counsel.id);
  const item3 = await mk('另一位顾问的事项', other.id);
  inWriteTransaction(office.ledger.sqlite, () =>
    storeAttachment(office.ctx(), { consultationId: item1.id, opinionId: null, fileName: '合同草案.pdf', mimeType: 'application/pdf', data: PDF, sha256: sha(PDF), text: null }),
  );
  const wang = desk(dir, '王律师');
  const li = desk(dir, '李律师');
  pair(office, wang, b.counsel.id);
  pair(office, li, other.id);
  return { dir, office, wang, li, counsel: b.counsel, other, item1, item2, item3 };
}

describe('exchange packages between two database files', () => {
  it('round trip: 送审包 → desk → opinion with an attachment → 回复包 → import; tally, author and bytes right', async () => {
    const s = await setting();
    const review = makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, out: path.join(s.dir, 'review.clpkg'), password: OFFICE_PW });
    expect(review.items.map((i) => i.id)).toEqual([s.item1.id, s.item2.id]);

    const opened = openReviewPackage(s.wang.ctx(), { file: review.file, password: DESK_PW });
    expect(opened.items.map((i) => [i.id, i.status])).toEqual([
      [s.item1.id, 'new'],
      [s.item2.id, 'new'],
    ]);
    const items = listDesk(s.wang.ctx());
    expect(items.map((i) => i.title)).toEqual(['采购合同审查', '信访答复审查']);
    expect(items[0]!.materials.map((m) => m.fileName)).toEqual(['合同草案.pdf']);
    expect(deskFileBytes(s.wang.ctx(), items[0]!.materials[0]!.id).data.equals(PDF)).toBe(true);
    // the same package twice is noticed, and writes nothing
    const deskBefore = footprint(s.wang);
    expect(refused(() => openReviewPackage(s.wang.ctx(), { file: review.file, password: DESK_PW })).message).toMatch(/已于 2025-06-10 导入过/);
    expect(footprint(s.wang)).toEqual(deskBefore);

    s.wang.clock.set('2025-06-12T02:00:00.000Z');
    addDeskOpinion(s.wang.ctx(), {
      itemId: s.item1.id,
      conclusion: 'approveWithChanges',
      text: '建议修改第三条违约责任。',
      issuedOn: '2025-06-12',
      files: [{ fileName: '签字意见书.pdf', data: SIGNED }],
    });
    const reply = makeReplyPackage(s.wang.ctx(), { out: path.join(s.dir, 'reply.clpkg'), password: DESK_PW });
    expect(reply.opinions).toBe(1);

    // dry run: the preview, nothing written
    s.office.clock.set('2025-06-13T02:00:00.000Z');
    const before = footprint(s.office);
    const preview = receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: false });
    expect(preview.committed).toBe(false);
    expect(preview.counsel.name).toBe('王律师');
    expect(preview.rows).toMatchObject([{ itemId: s.item1.id, serialNo: s.item1.serialNo, conclusion: 'approveWithChanges', action: 'addRound', conflict: null, files: [{ name: '签字意见书.pdf' }] }]);
    expect(footprint(s.office)).toEqual(before);

    const done = receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true });
    expect(done.committed).toBe(true);
    const detail = await s.office.call('consultations.get', { id: s.item1.id });
    expect(detail.status).toBe('answered');
    expect(detail.opinions).toHaveLength(1);
    expect(detail.opinions[0]).toMatchObject({ counselId: s.counsel.id, counselName: '王律师', text: '建议修改第三条违约责任。', issuedOn: '2025-06-12' });
    expect(s.office.ledger.sqlite.prepare('SELECT channel FROM opinions WHERE id = ?').pluck().get(detail.opinions[0].id)).toBe('replyPackage');
    const atts = await s.office.call('attachments.list', { consultationId: s.item1.id });
    const signed = atts.find((a: { opinionId: number | null }) => a.opinionId === detail.opinions[0].id);
    expect(signed.fileName).toBe('签字意见书.pdf');
    const bytes = s.office.ledger.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').pluck().get(signed.sha256) as Buffer;
    expect(bytes.equals(SIGNED)).toBe(true);
    const tally = await s.office.call<Tally>('reports.tally', { year: 2025 });
    expect(tally.opinions.documents).toBe(1);
    expect(tally.opinions.answered.count).toBe(1);
    const audit = s.office.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'exchange.%' OR action IN ('consultations.addOpinion', 'attachments.add') ORDER BY id").pluck().all();
    expect(audit.slice(-4)).toEqual(['exchange.sendReview', 'consultations.addOpinion', 'attachments.add', 'exchange.receiveReply']);

    // the same reply twice
    const after = footprint(s.office);
    const again = refused(() => receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true }));
    expect(again.reason).toBe('replayed');
    expect(again.message).toMatch(/这个回复包（编号 .{8}）已于 2025-06-13 导入过/);
    expect(footprint(s.office)).toEqual(after);

    // a later package updates the items it carries at the desk
    const d2 = await s.office.call('consultations.get', { id: s.item2.id });
    await s.office.call('consultations.update', {
      id: d2.id, version: d2.version, title: d2.title, description: '补充了信访人的第二封来信', categoryId: d2.categoryId, departmentId: d2.departmentId,
      requester: d2.requester, receivedOn: d2.receivedOn, dueOn: d2.dueOn, itemCount: d2.itemCount, note: d2.note,
    });
    const second = makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [s.item2.id], out: path.join(s.dir, 'review2.clpkg'), password: OFFICE_PW });
    expect(openReviewPackage(s.wang.ctx(), { file: second.file, password: DESK_PW }).items).toMatchObject([{ id: s.item2.id, status: 'updated', version: d2.version + 1 }]);
    expect(listDesk(s.wang.ctx()).find((i) => i.id === s.item2.id)!.description).toBe('补充了信访人的第二封来信');
  });

  it('refuses, each with its message and nothing written: tampered, unpaired signer, items of another counsel, meant for another counsel, wrong password', async () => {
    const s = await setting();
    const review = makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [s.item1.id], out: path.join(s.dir, 'r1.clpkg'), password: OFFICE_PW });

    // a package meant for another counsel
    const liBefore = footprint(s.li);
    const e1 = refused(() => openReviewPackage(s.li.ctx(), { file: review.file, password: DESK_PW }));
    expect(e1.reason).toBe('wrongRecipient');
    expect(footprint(s.li)).toEqual(liBefore);

    openReviewPackage(s.wang.ctx(), { file: review.file, password: DESK_PW });
    s.wang.clock.set('2025-06-12T02:00:00.000Z');
    addDeskOpinion(s.wang.ctx(), { itemId: s.item1.id, conclusion: 'approve', text: '同意。', issuedOn: '2025-06-12', files: [] });
    const reply = makeReplyPackage(s.wang.ctx(), { out: path.join(s.dir, 'reply.clpkg'), password: DESK_PW });
    const before = footprint(s.office);

    // a byte flipped in the reply's encrypted content (the format's test flips every region)
    const bytes = fs.readFileSync(reply.file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(path.join(s.dir, 'tampered.clpkg'), bytes);
    const e2 = refused(() => receiveReply(s.office.ctx(), { file: path.join(s.dir, 'tampered.clpkg'), password: OFFICE_PW, commit: true }));
    expect(e2.message).toMatch(/包已损坏或被篡改（签名与内容不符）/);
    expect(footprint(s.office)).toEqual(before);

    // a reply signed by a desk that was never paired
    const stranger = desk(s.dir, '冒名者');
    const officeKey = exportPublicKey(s.office.ctx());
    addPeer(stranger.ctx(), { keyFileText: officeKey.text, counselId: null, confirmFingerprint: officeKey.fingerprint });
    forgeDesk(stranger, s.item1.id);
    const fake = makeReplyPackage(stranger.ctx(), { out: path.join(s.dir, 'fake.clpkg'), password: DESK_PW });
    const e3 = refused(() => receiveReply(s.office.ctx(), { file: fake.file, password: OFFICE_PW, commit: true }));
    expect(e3.reason).toBe('unpairedSigner');
    expect(e3.message).toMatch(/没有与本机配对/);
    expect(footprint(s.office)).toEqual(before);

    // a reply for an item that is (now) assigned to another counsel
    const current = await s.office.call('consultations.get', { id: s.item1.id });
    await s.office.call('consultations.assign', { id: s.item1.id, version: current.version, counselId: s.other.id, assignedOn: '2025-06-03' });
    const afterReassign = footprint(s.office);
    const e4 = refused(() => receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true }));
    expect(e4.reason).toBe('foreign');
    expect(e4.message).toMatch(/没有分派给签名的法律顾问王律师/);
    expect(footprint(s.office)).toEqual(afterReassign);
    expect(afterReassign.opinions).toBe(before.opinions);

    // the wrong password of the office's key
    expect(() => receiveReply(s.office.ctx(), { file: reply.file, password: 'not-the-password', commit: false })).toThrow(/密钥口令不正确/);

    // a revoked key: the counsel's packages are refused from then on (the revocation audited)
    const peer = listPeers(s.office.ledger.sqlite).find((p) => p.counselId === s.counsel.id)!;
    revokePeer(s.office.ctx(), { id: peer.id, reason: '电脑丢失' });
    expect(refused(() => receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: false })).reason).toBe('unpairedSigner');
    expect(s.office.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'exchange.revokePeerKey'").pluck().get()).toBe(1);
  });

  it('an item changed at the office after packaging is a conflict; resolving keeps both texts in the history', async () => {
    const s = await setting();
    const review = makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [s.item2.id], out: path.join(s.dir, 'r.clpkg'), password: OFFICE_PW });
    openReviewPackage(s.wang.ctx(), { file: review.file, password: DESK_PW });
    s.wang.clock.set('2025-06-12T02:00:00.000Z');
    addDeskOpinion(s.wang.ctx(), { itemId: s.item2.id, conclusion: 'object', text: '答复口径不妥，建议重写。', issuedOn: '2025-06-12', files: [] });
    const reply = makeReplyPackage(s.wang.ctx(), { out: path.join(s.dir, 'reply.clpkg'), password: DESK_PW });

    // meanwhile the office typed in the opinion it got by e-mail
    s.office.clock.set('2025-06-13T02:00:00.000Z');
    const d = await s.office.call('consultations.get', { id: s.item2.id });
    await s.office.call('consultations.addOpinion', { id: s.item2.id, version: d.version, conclusion: 'object', text: '（邮件）答复口径不妥。', issuedOn: '2025-06-11' });

    const preview = receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: false });
    expect(preview.conflicts).toBe(1);
    expect(preview.rows[0]).toMatchObject({ action: 'unresolved', conflict: { packagedVersion: d.version, roundsSeen: 0, roundsNow: 1 } });
    const before = footprint(s.office);
    expect(() => receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true })).toThrow(/在送审包生成后被改动过，请逐项选择/);
    expect(footprint(s.office)).toEqual(before);

    const done = receiveReply(s.office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true, resolutions: { [s.item2.id]: 'import' } });
    expect(done.rows[0]!.action).toBe('replaceOfficeRound');
    const after = await s.office.call('consultations.get', { id: s.item2.id });
    expect(after.opinions).toHaveLength(1); // one 份, not two
    expect(after.opinions[0].text).toBe('答复口径不妥，建议重写。');
    expect(after.opinions[0].previous.map((v: { text: string }) => v.text)).toEqual(['（邮件）答复口径不妥。']);
    const tally = await s.office.call<Tally>('reports.tally', { year: 2025 });
    expect(tally.opinions.documents).toBe(1);
  });

  it('工作秘密 items ask for confirmation; nothing is packaged for a counsel without a paired key', async () => {
    const s = await setting();
    const b = await s.office.call('categories.list', {});
    const c = await register(s.office, { title: '内部工作秘密事项', categoryId: b[0].id, departmentId: s.item1.departmentId, receivedOn: '2025-06-01', secrecy: 'workSecret' });
    const a = await s.office.call('consultations.assign', { id: c.id, version: c.version, counselId: s.counsel.id, assignedOn: '2025-06-02' });
    const out = path.join(s.dir, 'ws.clpkg');
    expect(() => makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [a.id], out, password: OFFICE_PW })).toThrow(
      new RegExp(`密级为工作秘密，请确认后再打包：${a.serialNo}`),
    );
    expect(fs.existsSync(out)).toBe(false);
    const made = makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [a.id], out, password: OFFICE_PW, confirmWorkSecret: true });
    expect(made.items[0]!.secrecy).toBe('workSecret');
    // registration refuses 秘密/机密/绝密 with a clear message
    await expect(register(s.office, { title: 'x', categoryId: b[0].id, departmentId: s.item1.departmentId, secrecy: '机密' })).rejects.toThrow(/本系统为非涉密系统，不能登记秘密、机密或绝密事项/);
    // items of another counsel are not put in this counsel's package
    expect(() => makeReviewPackage(s.office.ctx(), { counselId: s.counsel.id, itemIds: [s.item3.id], out: path.join(s.dir, 'x.clpkg'), password: OFFICE_PW })).toThrow(/没有分派给王律师/);
    const nobody = await s.office.call('counsels.create', { name: '赵律师', firm: '某所', engagedFrom: '2024-01-01' });
    expect(() => makeReviewPackage(s.office.ctx(), { counselId: nobody.id, out: path.join(s.dir, 'y.clpkg'), password: OFFICE_PW })).toThrow(/还没有配对的公钥/);
  });
});

/** A desk that was never paired at the office makes up a reply for an item it saw nowhere. */
function forgeDesk(stranger: TestApp, itemId: number): void {
  const sqlite = stranger.ledger.sqlite;
  sqlite
    .prepare('INSERT INTO desk_items (item_id, office_version, data, package_id, received_at) VALUES (?, ?, ?, ?, ?)')
    .run(itemId, 2, JSON.stringify({ id: itemId, version: 2, serialNo: 'x', title: 'x', description: '', category: '', department: '', requester: '', receivedOn: '2025-06-01', dueOn: null, assignedOn: null, itemCount: 1, secrecy: 'none', rounds: [] }), 'x', '2025-06-10');
  addDeskOpinion(stranger.ctx(), { itemId, conclusion: 'approve', text: '同意。', issuedOn: '2025-06-10', files: [] });
}
