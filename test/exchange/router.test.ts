/**
 * Issue 23 through the router (the office's end, as the UI calls it): each exchange method
 * refused for a role that must not call it, bad input refused with VALIDATION and nothing
 * written, and 送审包 → desk → 回复包 → preview → import on real database files, the file
 * dialogs scripted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '#domain/types';
import type { Caller } from '../../electron/services/context';
import { addDeskOpinion, makeReplyPackage, openReviewPackage } from '../../electron/services/exchange/desk';
import { addPeer, exportPublicKey } from '../../electron/services/exchange/identity';
import { register, type TestApp } from '../helpers/ledger';
import { DESK_PW, desk, OFFICE_PW, officeLedger } from '../helpers/exchange';
import { hostedRouter } from '../helpers/router';
import { rowCounts } from '../helpers/rows';


const ADMIN: Caller = { username: 'admin', displayName: '管理员', roles: ['admin'] };
const REGISTRAR: Caller = { username: 'reg', displayName: '登记员', roles: ['registrar'] };
const LEADER: Caller = { username: 'boss', displayName: '领导', roles: ['leader'] };

/** Rows that any write would add to (audit of refusals aside). */
const footprint = (app: TestApp) =>
  rowCounts(app, {
    identity: 'SELECT count(*) FROM exchange_identity',
    peers: "SELECT count(*) || '/' || count(revoked_at) FROM exchange_peers",
    packages: 'SELECT count(*) FROM exchange_packages',
    opinions: 'SELECT count(*) FROM opinions',
    attachments: 'SELECT count(*) FROM attachments',
    audit: "SELECT count(*) FROM audit_log WHERE result = 'ok'",
  });

async function office() {
  const { dir, office: app, b } = await officeLedger();
  let caller: Caller = ADMIN;
  /** what the scripted dialogs answer next */
  const dialogs = { save: null as string | null, open: [] as string[] };
  const router = hostedRouter(app, {
    caller: () => caller,
    platform: {
      dataDir: dir,
      chooseSavePath: async () => dialogs.save,
      chooseOpenPaths: async () => dialogs.open,
      revealFile: async () => {},
      openFile: async () => {},
    },
    defaultBackupDir: path.join(dir, 'b'),
  });
  const as = (c: Caller) => (caller = c);
  const call = (m: string, i: unknown = {}) => router.call(m, i);
  const ok = async (m: string, i: unknown = {}): Promise<any> => {
    const r = await router.call(m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const counselCaller: Caller = { username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id };
  return { dir, app, b, as, call, ok, dialogs, counselCaller };
}

describe('exchange methods through the router', () => {
  it('each method is refused for the roles that must not call it, before anything is read or written', async () => {
    const s = await office();
    const valid: Record<string, unknown> = {
      'exchange.status': {},
      'exchange.setup': { name: '某某局', password: OFFICE_PW },
      'exchange.exportKey': {},
      'exchange.addPeer': { counselId: s.b.counsel.id, keyFileText: '{}', confirmFingerprint: 'AAAA-BBBB-CCCC-DDDD' },
      'exchange.revokePeer': { id: 1, reason: '换了电脑' },
      'exchange.packable': { counselId: s.b.counsel.id },
      'exchange.makePackage': { counselId: s.b.counsel.id, password: OFFICE_PW },
      'exchange.chooseReply': {},
      'exchange.receiveReply': { token: 'a'.repeat(43), password: OFFICE_PW },
    };
    const allowed: Record<string, Role[]> = {
      'exchange.status': ['admin', 'registrar'],
      'exchange.setup': ['admin'],
      'exchange.exportKey': ['admin'],
      'exchange.addPeer': ['admin'],
      'exchange.revokePeer': ['admin'],
      'exchange.packable': ['registrar'],
      'exchange.makePackage': ['registrar'],
      'exchange.chooseReply': ['registrar'],
      'exchange.receiveReply': ['registrar'],
    };
    s.dialogs.open = [path.join(s.dir, 'office.sqlite3')];
    const before = footprint(s.app);
    let refusals = 0;
    for (const caller of [ADMIN, REGISTRAR, LEADER, s.counselCaller]) {
      s.as(caller);
      for (const [m, input] of Object.entries(valid)) {
        if (allowed[m]!.includes(caller.roles[0]!)) continue;
        const r = await s.call(m, input);
        expect(r, `${caller.roles[0]} → ${m}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        refusals++;
      }
    }
    // counsel and leader: all nine; registrar: the four admin-only; admin: the four registrar-only
    expect(refusals).toBe(9 + 9 + 4 + 4);
    expect(footprint(s.app)).toEqual(before);
    const audited = s.app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE result = 'refused' AND action LIKE 'exchange.%'").pluck().get();
    expect(audited).toBe(refusals);
  });

  it('bad input is refused with VALIDATION and a message, and nothing is written', async () => {
    const s = await office();
    const bad: [string, Caller, unknown, RegExp][] = [
      ['exchange.setup', ADMIN, { name: '某某局', password: 'short' }, /至少 8 个字符/],
      ['exchange.setup', ADMIN, { name: '   ', password: OFFICE_PW }, /请填写机关名称/],
      ['exchange.setup', ADMIN, { name: '某某局', password: OFFICE_PW, end: 'counsel' }, /输入有误/],
      ['exchange.addPeer', ADMIN, { counselId: s.b.counsel.id, keyFileText: '{}', confirmFingerprint: '1234' }, /XXXX-XXXX-XXXX-XXXX/],
      ['exchange.addPeer', ADMIN, { counselId: s.b.counsel.id, keyFileText: 'x'.repeat(5000), confirmFingerprint: 'AAAA-BBBB-CCCC-DDDD' }, /公钥文件过大/],
      ['exchange.addPeer', ADMIN, { counselId: 0, keyFileText: '{}', confirmFingerprint: 'AAAA-BBBB-CCCC-DDDD' }, /输入有误（counselId）/],
      ['exchange.revokePeer', ADMIN, { id: 1, reason: '' }, /请填写撤销原因/],
      ['exchange.makePackage', REGISTRAR, { counselId: s.b.counsel.id, itemIds: [], password: OFFICE_PW }, /请至少选择一个事项/],
      ['exchange.makePackage', REGISTRAR, { counselId: s.b.counsel.id, password: '' }, /请输入机关端密钥的口令/],
      ['exchange.makePackage', REGISTRAR, { counselId: s.b.counsel.id, password: OFFICE_PW, confirmWorkSecret: 'yes' }, /输入有误（confirmWorkSecret）/],
      ['exchange.receiveReply', REGISTRAR, { token: '../../etc/passwd', password: OFFICE_PW }, /回复包已失效/],
      ['exchange.receiveReply', REGISTRAR, { token: 'a'.repeat(43), password: OFFICE_PW, resolutions: [{ itemId: 1, resolution: 'overwrite' }] }, /输入有误（resolutions/],
      ['exchange.receiveReply', REGISTRAR, { token: 'a'.repeat(43), password: OFFICE_PW, file: '/tmp/x.clpkg' }, /输入有误/],
    ];
    const before = footprint(s.app);
    for (const [m, caller, input, message] of bad) {
      s.as(caller);
      const r = await s.call(m, input);
      expect(r, `${m} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    // valid shapes that the service refuses: no key yet; a token nobody chose
    s.as(ADMIN);
    expect(await s.call('exchange.exportKey', {})).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: expect.stringMatching(/还没有交换密钥/) } });
    s.as(REGISTRAR);
    expect(await s.call('exchange.receiveReply', { token: 'a'.repeat(43), password: OFFICE_PW })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(footprint(s.app)).toEqual(before);
  });

  it('keys, pairing, 送审包 with a 工作秘密 item, and 回复包 previewed then imported, all through the router', async () => {
    const s = await office();
    // the admin makes the office's key and exports it through the save dialog
    s.as(ADMIN);
    expect(await s.ok('exchange.status')).toEqual({ own: null, peers: [] });
    const own = await s.ok('exchange.setup', { name: '某某局', password: OFFICE_PW });
    expect(own).toMatchObject({ end: 'office', name: '某某局', fingerprint: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) });
    expect(await s.call('exchange.setup', { name: '某某局', password: OFFICE_PW })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    s.dialogs.save = null;
    expect(await s.ok('exchange.exportKey')).toBeNull();
    s.dialogs.save = path.join(s.dir, 'office.clkey');
    expect(await s.ok('exchange.exportKey')).toEqual({ path: s.dialogs.save, fingerprint: own.fingerprint });

    // the counsel's desk pairs the office key from that file; the admin pairs the desk's key, typing the fingerprint back
    const wang = desk(s.dir, '王律师');
    addPeer(wang.ctx(), { keyFileText: fs.readFileSync(path.join(s.dir, 'office.clkey'), 'utf8'), counselId: null, confirmFingerprint: own.fingerprint });
    const deskKey = exportPublicKey(wang.ctx());
    const wrong = await s.call('exchange.addPeer', { counselId: s.b.counsel.id, keyFileText: deskKey.text, confirmFingerprint: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/核对的指纹与公钥文件的指纹.*不一致/) } });
    const peer = await s.ok('exchange.addPeer', { counselId: s.b.counsel.id, keyFileText: deskKey.text, confirmFingerprint: deskKey.fingerprint.toLowerCase() });
    expect(peer).toMatchObject({ counselId: s.b.counsel.id, counselName: '王律师', fingerprint: deskKey.fingerprint, revokedAt: null, addedBy: 'admin' });

    // two assigned items, one marked 工作秘密
    s.as(REGISTRAR);
    const mk = async (title: string, secrecy: string) => {
      const c = await register(s.app, { title, categoryId: s.b.cat('contract'), departmentId: s.b.dept.id, receivedOn: '2025-06-01', secrecy });
      return s.app.call('consultations.assign', { id: c.id, version: c.version, counselId: s.b.counsel.id, assignedOn: '2025-06-02' });
    };
    const item1 = await mk('采购合同审查', 'none');
    const item2 = await mk('人事制度审查', 'workSecret');
    expect((await s.ok('exchange.status')).peers).toHaveLength(1);
    // what the 生成送审包 form lists: the counsel's open items with their 密级, not an item in the trash
    const trashed = await mk('误登记事项', 'none');
    await s.app.call('consultations.trash', { id: trashed.id, version: trashed.version, reason: '重复登记' });
    expect(await s.ok('exchange.packable', { counselId: s.b.counsel.id })).toEqual([
      { id: item1.id, serialNo: item1.serialNo, title: '采购合同审查', status: 'assigned', receivedOn: '2025-06-01', dueOn: item1.dueOn, secrecy: 'none', files: 0, rounds: 0 },
      { id: item2.id, serialNo: item2.serialNo, title: '人事制度审查', status: 'assigned', receivedOn: '2025-06-01', dueOn: item2.dueOn, secrecy: 'workSecret', files: 0, rounds: 0 },
    ]);
    expect(await s.call('exchange.packable', { counselId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // without the 工作秘密 confirmation: refused, naming the item, and no file
    s.dialogs.save = path.join(s.dir, 'review.clpkg');
    const before = footprint(s.app);
    const unconfirmed = await s.call('exchange.makePackage', { counselId: s.b.counsel.id, password: OFFICE_PW });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(item2.serialNo) } });
    const wrongPw = await s.call('exchange.makePackage', { counselId: s.b.counsel.id, password: 'not-the-password', confirmWorkSecret: true });
    expect(wrongPw).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/口令不正确/) } });
    expect(fs.existsSync(s.dialogs.save)).toBe(false);
    expect(footprint(s.app)).toEqual(before);
    const made = await s.ok('exchange.makePackage', { counselId: s.b.counsel.id, password: OFFICE_PW, confirmWorkSecret: true });
    expect(made.file).toBe(s.dialogs.save);
    expect(made.items.map((i: { id: number; secrecy: string }) => [i.id, i.secrecy])).toEqual([
      [item1.id, 'none'],
      [item2.id, 'workSecret'],
    ]);
    expect(fs.statSync(made.file).size).toBe(made.size);

    // the desk opens it and answers both; meanwhile the office edits item 2
    openReviewPackage(wang.ctx(), { file: made.file, password: DESK_PW });
    wang.clock.set('2025-06-12T02:00:00.000Z');
    addDeskOpinion(wang.ctx(), { itemId: item1.id, conclusion: 'approve', text: '同意签订。', issuedOn: '2025-06-12', files: [{ fileName: '意见书.pdf', data: Buffer.from('%PDF-1.4\n意见\n%%EOF\n') }] });
    addDeskOpinion(wang.ctx(), { itemId: item2.id, conclusion: 'approveWithChanges', text: '第五条应修改。', issuedOn: '2025-06-12', files: [] });
    const reply = makeReplyPackage(wang.ctx(), { out: path.join(s.dir, 'reply.clpkg'), password: DESK_PW });
    const d2 = await s.app.call('consultations.get', { id: item2.id });
    await s.app.call('consultations.update', {
      id: d2.id, version: d2.version, title: d2.title, description: '补充了材料', categoryId: d2.categoryId, departmentId: d2.departmentId,
      requester: d2.requester, receivedOn: d2.receivedOn, dueOn: d2.dueOn, itemCount: d2.itemCount, note: d2.note,
    });

    // the registrar picks the reply in the open dialog: a token, no path
    s.app.clock.set('2025-06-13T02:00:00.000Z');
    s.dialogs.open = [];
    expect(await s.ok('exchange.chooseReply')).toBeNull();
    s.dialogs.open = [reply.file];
    const chosen = await s.ok('exchange.chooseReply');
    expect(chosen).toMatchObject({ fileName: 'reply.clpkg', size: fs.statSync(reply.file).size, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(JSON.stringify(chosen)).not.toContain(s.dir);

    // another account cannot use that token
    s.as({ ...REGISTRAR, username: 'reg2' });
    expect(await s.call('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    s.as(REGISTRAR);

    // dry run: the preview with the conflict, nothing written
    const beforeReceive = footprint(s.app);
    const preview = await s.ok('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW });
    expect(preview).toMatchObject({ committed: false, conflicts: 1, counsel: { id: s.b.counsel.id, name: '王律师', fingerprint: deskKey.fingerprint } });
    expect(preview.rows.map((r: { itemId: number; action: string }) => [r.itemId, r.action])).toEqual([
      [item1.id, 'addRound'],
      [item2.id, 'unresolved'],
    ]);
    expect(preview.rows[0].files).toEqual([{ name: '意见书.pdf', size: Buffer.byteLength('%PDF-1.4\n意见\n%%EOF\n') }]);
    // a commit with the conflict unresolved is refused
    const unresolved = await s.call('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW, commit: true });
    expect(unresolved).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(item2.serialNo) } });
    expect(footprint(s.app)).toEqual(beforeReceive);

    // commit, importing the reply for the changed item too
    const done = await s.ok('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW, commit: true, resolutions: [{ itemId: item2.id, resolution: 'import' }] });
    expect(done.committed).toBe(true);
    expect(done.rows.map((r: { action: string }) => r.action)).toEqual(['addRound', 'addRound']);
    const got1 = await s.app.call('consultations.get', { id: item1.id });
    const got2 = await s.app.call('consultations.get', { id: item2.id });
    expect(got1.opinions).toMatchObject([{ counselName: '王律师', text: '同意签订。', issuedOn: '2025-06-12' }]);
    expect(got2.opinions).toMatchObject([{ counselName: '王律师', conclusion: 'approveWithChanges', text: '第五条应修改。' }]);
    expect(got2.description).toBe('补充了材料');
    const channels = s.app.ledger.sqlite.prepare('SELECT channel FROM opinions ORDER BY id').pluck().all();
    expect(channels).toEqual(['replyPackage', 'replyPackage']);
    // the token is spent
    expect(await s.call('exchange.receiveReply', { token: chosen.token, password: OFFICE_PW })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // the same reply picked again: refused, its reason named for the screen as the issue package.<reason>
    s.dialogs.open = [reply.file];
    const again = await s.ok('exchange.chooseReply');
    const replayed = await s.call('exchange.receiveReply', { token: again.token, password: OFFICE_PW });
    expect(replayed).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/已于 2025-06-13 导入过/) } });
    if (!replayed.ok) expect(replayed.error.issues).toEqual([{ path: 'package.replayed', message: replayed.error.message }]);
    // an answered item may go again (a further round): listed with its opinion and the opinion's attachment
    expect(await s.ok('exchange.packable', { counselId: s.b.counsel.id })).toMatchObject([
      { id: item1.id, status: 'answered', files: 1, rounds: 1 },
      { id: item2.id, status: 'answered', files: 0, rounds: 1 },
    ]);

    // the admin revokes the key: a revoked key cannot take a package any more
    s.as(ADMIN);
    const revoked = await s.ok('exchange.revokePeer', { id: peer.id, reason: '律师更换了电脑' });
    expect(revoked).toMatchObject({ id: peer.id, revokedBy: 'admin', revokedAt: expect.any(String) });
    expect(await s.call('exchange.revokePeer', { id: peer.id, reason: '再次' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    s.as(REGISTRAR);
    s.dialogs.save = path.join(s.dir, 'review2.clpkg');
    const afterRevoke = await s.call('exchange.makePackage', { counselId: s.b.counsel.id, itemIds: [item1.id], password: OFFICE_PW });
    expect(afterRevoke).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: expect.stringMatching(/还没有配对的公钥/) } });
    const actions = s.app.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'exchange.%' AND result = 'ok' ORDER BY id").pluck().all();
    expect(actions).toEqual(['exchange.setUpKeys', 'exchange.addPeerKey', 'exchange.sendReview', 'exchange.receiveReply', 'exchange.revokePeerKey']);
  });
});
