/**
 * Issue 23, the counsel's desk through the router: the first start's choice of end (kept in the
 * database), the two ends' methods refused on the other end (audited, nothing written), and
 * 送审包 → desk.openPackage (twice: noticed) → desk.addOpinion with a signed PDF → desk.makeReply →
 * imported at the office, on two real database files with scripted file dialogs; and the owner's
 * password change sealing the desk's keys again.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '#contract/contract';
import type { Router } from '#contract/router';
import { endOfMethod } from '#domain/ends';
import { Session } from '../../electron/services/accounts/session';
import { addPeer, exportPublicKey, setUpIdentity } from '../../electron/services/exchange/identity';
import { makeReviewPackage, receiveReply } from '../../electron/services/exchange/office';
import { register, seedBasics, tempDir, tempLedger, testApp, type TestApp } from '../helpers/ledger';
import { OFFICE_PW } from '../helpers/exchange';
import { hostedRouter } from '../helpers/router';
import { rowCounts } from '../helpers/rows';

const OWNER_PW = 'Desk#Owner2025';
const SIGNED = Buffer.concat([Buffer.from('%PDF-1.4\n签字意见书\n'), Buffer.alloc(40_000, 5), Buffer.from('\n%%EOF\n')]);

/** A router over a real database file with a sign-in session and scripted dialogs, as the app runs it. */
function end(file: string) {
  const app = testApp(tempLedger(file));
  app.clock.set('2025-06-10T02:00:00.000Z');
  const session = new Session(app.clock.now, () => 15);
  const dialogs = { save: null as string | null, open: [] as string[], opened: [] as string[] };
  const router: Router = hostedRouter(app, {
    caller: () => session.caller(),
    session,
    platform: {
      dataDir: path.dirname(file),
      chooseSavePath: async () => dialogs.save,
      chooseOpenPaths: async () => dialogs.open,
      chooseFolder: async () => null,
      revealFile: async () => {},
      openFile: async (f) => void dialogs.opened.push(f),
      printToPdf: async () => Buffer.alloc(0),
    },
    defaultBackupDir: path.join(path.dirname(file), 'b'),
  });
  const call = (m: string, i: unknown = {}) => router.call(m, i);
  const ok = async (m: string, i: unknown = {}): Promise<any> => {
    const r = await router.call(m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { app, call, ok, dialogs };
}

const rows = (app: TestApp) =>
  rowCounts(app, {
    users: 'SELECT count(*) FROM users',
    identity: 'SELECT count(*) FROM exchange_identity',
    peers: 'SELECT count(*) FROM exchange_peers',
    packages: 'SELECT count(*) FROM exchange_packages',
    desk: 'SELECT count(*) FROM desk_items',
    opinions: 'SELECT count(*) FROM desk_opinions',
    files: 'SELECT count(*) FROM desk_files',
    consultations: 'SELECT count(*) FROM consultations',
    audit: "SELECT count(*) FROM audit_log WHERE result = 'ok'",
  });

const methods = Object.keys(contract) as MethodName[];

describe('the two ends', () => {
  it('first start: the desk is chosen with its owner and its keys in one step, kept in the database, and cannot be chosen again', async () => {
    const dir = tempDir();
    const d = end(path.join(dir, 'desk.sqlite3'));
    expect(await d.ok('auth.status')).toMatchObject({ setupNeeded: true, end: null, user: null });
    // the owner's password follows the account rules
    expect(await d.call('desk.setup', { username: 'wang', displayName: '王律师', password: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(rows(d.app)).toMatchObject({ users: 0, identity: 0 });
    const status = await d.ok('desk.setup', { username: 'wang', displayName: '王律师', password: OWNER_PW });
    expect(status).toMatchObject({ setupNeeded: false, end: 'desk', user: { username: 'wang', roles: ['admin'] } });
    const identity = d.app.ledger.sqlite.prepare('SELECT end, name FROM exchange_identity').get();
    expect(identity).toEqual({ end: 'counsel', name: '王律师' });
    const audited = d.app.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE action IN ('desk.setup', 'exchange.setUpKeys') ORDER BY id").pluck().all();
    expect(audited).toEqual(['desk.setup', 'exchange.setUpKeys']);
    // neither the desk nor the office's setup again
    expect(await d.call('desk.setup', { username: 'li', displayName: '李律师', password: OWNER_PW })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(await d.call('auth.setup', { username: 'li', displayName: '李律师', password: OWNER_PW })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '本机是法律顾问端，不能执行机关端的操作' } });

    // the end is read from the database: a new process (router) on the same file is a desk too
    d.app.ledger.close();
    const again = end(path.join(dir, 'desk.sqlite3'));
    expect(await again.ok('auth.status')).toMatchObject({ end: 'desk', user: null });
    await again.ok('auth.login', { username: 'wang', password: OWNER_PW });
    expect(await again.ok('desk.status')).toMatchObject({ own: { name: '王律师' }, office: null, counts: { todo: 0, drafted: 0, replied: 0 } });

    // an office set up the usual way is an office, and never becomes a desk
    const o = end(path.join(dir, 'office.sqlite3'));
    expect(await o.ok('auth.setup', { username: 'zhang', displayName: '张敏', password: OWNER_PW })).toMatchObject({ end: 'office' });
    expect(await o.call('desk.setup', { username: 'li', displayName: '李律师', password: OWNER_PW })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '本机是机关端，不能执行法律顾问端的操作' } });
    expect(rows(o.app)).toMatchObject({ users: 1, identity: 0 });
  });

  it('every method of the other end is refused on each end, before validation, audited, with nothing else written', async () => {
    const dir = tempDir();
    const d = end(path.join(dir, 'desk.sqlite3'));
    await d.ok('desk.setup', { username: 'wang', displayName: '王律师', password: OWNER_PW });
    const o = end(path.join(dir, 'office.sqlite3'));
    await o.ok('auth.setup', { username: 'zhang', displayName: '张敏', password: OWNER_PW });
    const both = methods.filter((m) => endOfMethod(m) === 'both');
    expect(both.sort()).toEqual(['app.info', 'auth.changePassword', 'auth.lock', 'auth.login', 'auth.logout', 'auth.status', 'auth.unlock', 'jobs.progress', 'recovery.restoreNewest', 'recovery.status']);
    const deskOnly = methods.filter((m) => endOfMethod(m) === 'desk');
    expect(deskOnly).toHaveLength(12);
    for (const [side, foreign, message] of [
      [d, methods.filter((m) => endOfMethod(m) === 'office'), '本机是法律顾问端，不能执行机关端的操作'],
      [o, deskOnly, '本机是机关端，不能执行法律顾问端的操作'],
    ] as const) {
      const before = rows(side.app);
      const refusals = () => side.app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE result = 'refused'").pluck().get() as number;
      const refusedBefore = refusals();
      for (const m of foreign) {
        // even with malformed input: the end is checked first
        expect(await side.call(m, { __unknownKey: 1 }), m).toEqual({ ok: false, error: { code: 'FORBIDDEN', message } });
      }
      expect(rows(side.app)).toEqual(before);
      expect(refusals() - refusedBefore).toBe(foreign.length);
    }
    // the methods of both ends answer on both
    expect(await d.ok('app.info')).toMatchObject({ user: { username: 'wang' } });
    expect(await o.ok('app.info')).toMatchObject({ user: { username: 'zhang' } });
  });

  it('送审包 → opened at the desk (twice: noticed) → opinion with a signed PDF → 回复包 → imported at the office: author and bytes right', async () => {
    const dir = tempDir();
    // the office: two items assigned to 王律师, one with a material
    const office = testApp(tempLedger(path.join(dir, 'office.sqlite3')));
    office.clock.set('2025-06-10T02:00:00.000Z');
    const b = await seedBasics(office);
    setUpIdentity(office.ctx(), { end: 'office', name: '某某局', password: OFFICE_PW });
    const mk = async (title: string) => {
      const c = await register(office, { title, categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
      return office.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    };
    const item1 = await mk('采购合同审查');
    const item2 = await mk('信访答复审查');
    const draft = Buffer.from('合同草案第一稿');
    await office.call('attachments.upload', { consultationId: item1.id, fileName: '合同草案.txt', dataBase64: draft.toString('base64') });

    // the desk: first start, then the keys exchanged, fingerprints typed back
    const d = end(path.join(dir, 'desk.sqlite3'));
    await d.ok('desk.setup', { username: 'wang', displayName: '王律师', password: OWNER_PW });
    d.dialogs.save = path.join(dir, 'desk.clkey');
    const exported = await d.ok('desk.exportKey');
    expect(exported.path).toBe(d.dialogs.save);
    addPeer(office.ctx(), { keyFileText: fs.readFileSync(exported.path, 'utf8'), counselId: b.counsel.id, confirmFingerprint: exported.fingerprint });
    const officeKey = exportPublicKey(office.ctx());
    expect(await d.call('desk.pairOffice', { keyFileText: officeKey.text, confirmFingerprint: 'AAAA-BBBB-CCCC-DDDD' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await d.ok('desk.pairOffice', { keyFileText: officeKey.text, confirmFingerprint: officeKey.fingerprint.toLowerCase() })).toEqual({ name: '某某局', fingerprint: officeKey.fingerprint });

    const review = makeReviewPackage(office.ctx(), { counselId: b.counsel.id, out: path.join(dir, 'review.clpkg'), password: OFFICE_PW });
    d.dialogs.open = [review.file];
    const chosen = await d.ok('desk.choosePackage');
    expect(chosen).toMatchObject({ fileName: 'review.clpkg', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(chosen).not.toHaveProperty('file');
    const wrongPw = await d.call('desk.openPackage', { token: chosen.token, password: 'not-the-password' });
    expect(wrongPw).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/口令不正确/) } });
    const opened = await d.ok('desk.openPackage', { token: chosen.token, password: OWNER_PW });
    expect(opened).toMatchObject({ office: '市国防动员办公室', items: [{ id: item1.id, status: 'new' }, { id: item2.id, status: 'new' }] });
    // a used token is gone; the same file chosen again is noticed as the same package
    expect(await d.call('desk.openPackage', { token: chosen.token, password: OWNER_PW })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '送审包已失效，请重新选择文件' } });
    const before = rows(d.app);
    const twice = await d.call('desk.openPackage', { token: (await d.ok('desk.choosePackage')).token, password: OWNER_PW });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/已于 2025-06-10 导入过，同一个包不能导入两次/) } });
    expect(rows(d.app)).toEqual(before);

    const list = await d.ok('desk.list');
    expect(list.map((r: any) => [r.title, r.state])).toEqual([['采购合同审查', 'todo'], ['信访答复审查', 'todo']]);
    const detail = await d.ok('desk.get', { id: item1.id });
    expect(detail.materials).toEqual([{ id: expect.any(Number), fileName: '合同草案.txt', size: draft.length }]);
    d.dialogs.save = path.join(dir, 'saved-draft.txt');
    expect(await d.ok('desk.saveFile', { id: detail.materials[0].id })).toEqual({ saved: true });
    expect(fs.readFileSync(d.dialogs.save).equals(draft)).toBe(true);
    expect(await d.ok('desk.openFile', { id: detail.materials[0].id })).toEqual({ opened: true });
    expect(fs.readFileSync(d.dialogs.opened[0]!).equals(draft)).toBe(true);
    expect(await d.call('desk.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // nothing to send yet: refused before the save dialog
    expect(await d.call('desk.makeReply', { password: OWNER_PW })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: /没有尚未发出的意见/ } });
    d.app.clock.set('2025-06-12T02:00:00.000Z');
    await d.ok('auth.unlock', { password: OWNER_PW }); // two days idle: the session locked itself
    const opinion = await d.ok('desk.addOpinion', {
      itemId: item1.id, conclusion: 'approveWithChanges', text: '建议修改第三条违约责任。', issuedOn: '2025-06-12',
      files: [{ fileName: '签字意见书.pdf', dataBase64: SIGNED.toString('base64') }],
    });
    expect(opinion).toMatchObject({ sentPackageId: null, files: [{ fileName: '签字意见书.pdf', size: SIGNED.length }] });
    expect(await d.call('desk.addOpinion', { itemId: item1.id, conclusion: 'approve', text: '再一份', issuedOn: '2025-06-12' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await d.ok('desk.status')).counts).toEqual({ todo: 1, drafted: 1, replied: 0 });

    d.dialogs.save = null;
    expect(await d.ok('desk.makeReply', { password: OWNER_PW })).toBeNull();
    d.dialogs.save = path.join(dir, 'reply.clpkg');
    const reply = await d.ok('desk.makeReply', { password: OWNER_PW });
    expect(reply).toMatchObject({ file: d.dialogs.save, opinions: 1 });
    expect((await d.ok('desk.status')).counts).toEqual({ todo: 1, drafted: 0, replied: 1 });
    expect((await d.ok('desk.get', { id: item1.id })).opinions[0].sentPackageId).toBe(reply.packageId);

    office.clock.set('2025-06-13T02:00:00.000Z');
    expect(receiveReply(office.ctx(), { file: reply.file, password: OFFICE_PW, commit: true }).committed).toBe(true);
    const at = await office.call('consultations.get', { id: item1.id });
    expect(at.opinions[0]).toMatchObject({ counselName: '王律师', conclusion: 'approveWithChanges', issuedOn: '2025-06-12' });
    const att = (await office.call('attachments.list', { consultationId: item1.id })).find((a: any) => a.opinionId === at.opinions[0].id);
    const bytes = office.ledger.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').pluck().get(att.sha256) as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(SIGNED).digest('hex'));

    // every write at the desk has its audit record, by the owner
    const audit = d.app.ledger.sqlite.prepare("SELECT action, actor FROM audit_log WHERE result = 'ok' ORDER BY id").all() as { action: string; actor: string }[];
    expect(audit.map((a) => a.action)).toEqual(['desk.setup', 'exchange.setUpKeys', 'exchange.addPeerKey', 'exchange.openReview', 'auth.unlock', 'exchange.deskOpinion', 'exchange.sendReply']);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['wang']));
  });

  it("the owner's new password seals the desk's keys again: the old one no longer opens them", async () => {
    const dir = tempDir();
    const d = end(path.join(dir, 'desk.sqlite3'));
    await d.ok('desk.setup', { username: 'wang', displayName: '王律师', password: OWNER_PW });
    const office = testApp(tempLedger(path.join(dir, 'office.sqlite3')));
    setUpIdentity(office.ctx(), { end: 'office', name: '某某局', password: OFFICE_PW });
    const key = exportPublicKey(office.ctx());
    await d.ok('desk.pairOffice', { keyFileText: key.text, confirmFingerprint: key.fingerprint });
    const sealedBefore = d.app.ledger.sqlite.prepare('SELECT sealed_private FROM exchange_identity').pluck().get();
    await d.ok('auth.changePassword', { currentPassword: OWNER_PW, newPassword: 'Desk#Owner2026' });
    expect(d.app.ledger.sqlite.prepare('SELECT sealed_private FROM exchange_identity').pluck().get()).not.toBe(sealedBefore);
    expect(d.app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'exchange.resealKey'").pluck().get()).toBe(1);
    // a package for the desk opens with the new password, not the old one
    const b = await seedBasics(office);
    const c = await register(office, { title: '采购合同审查', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
    await office.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    addPeer(office.ctx(), { keyFileText: fs.readFileSync((d.dialogs.save = path.join(dir, 'k.clkey'), (await d.ok('desk.exportKey')).path), 'utf8'), counselId: b.counsel.id, confirmFingerprint: (await d.ok('desk.status')).own.fingerprint });
    const review = makeReviewPackage(office.ctx(), { counselId: b.counsel.id, out: path.join(dir, 'r.clpkg'), password: OFFICE_PW });
    d.dialogs.open = [review.file];
    const old = await d.call('desk.openPackage', { token: (await d.ok('desk.choosePackage')).token, password: OWNER_PW });
    expect(old).toMatchObject({ ok: false, error: { message: expect.stringMatching(/口令不正确/) } });
    expect(await d.ok('desk.openPackage', { token: (await d.ok('desk.choosePackage')).token, password: 'Desk#Owner2026' })).toMatchObject({ items: [{ id: c.id }] });
  });
});
