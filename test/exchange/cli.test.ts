/** `counsel-ledger package` and `counsel-ledger receive` on real database files (issue 23). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { addDeskOpinion, makeReplyPackage, openReviewPackage } from '../../electron/services/exchange/desk';
import { addPeer, exportPublicKey, setUpIdentity } from '../../electron/services/exchange/identity';
import { register, seedBasics, tempDir, tempLedger, testApp } from '../helpers/ledger';

describe('counsel-ledger package | receive', () => {
  it('packages a counsel’s items, and receives the reply: a dry run by default, --commit imports, twice is refused', async () => {
    const dir = tempDir();
    const office = testApp(tempLedger(path.join(dir, 'office.sqlite3')));
    const b = await seedBasics(office);
    setUpIdentity(office.ctx(), { end: 'office', name: '某某局', password: 'office-password' });
    const c = await register(office, { title: '采购合同审查', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
    const item = await office.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    const desk = testApp(tempLedger(path.join(dir, 'desk.sqlite3')));
    setUpIdentity(desk.ctx(), { end: 'counsel', name: '王律师', password: 'desk-password' });
    const dk = exportPublicKey(desk.ctx());
    addPeer(office.ctx(), { keyFileText: dk.text, counselId: b.counsel.id, confirmFingerprint: dk.fingerprint });
    const ok = exportPublicKey(office.ctx());
    addPeer(desk.ctx(), { keyFileText: ok.text, counselId: null, confirmFingerprint: ok.fingerprint });
    fs.writeFileSync(path.join(dir, 'pw.txt'), 'office-password\n');

    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, now: () => new Date('2025-06-13T02:00:00Z') });
      return { code, out, err };
    };
    const noPassword = await cli('package', '--db', 'office.sqlite3', '--counsel', String(b.counsel.id), '--out', 'r.clpkg');
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toContain('需要机关端密钥的口令');
    const badItems = await cli('package', '--db', 'office.sqlite3', '--counsel', String(b.counsel.id), '--items', '1,x', '--out', 'r.clpkg', '--password-file', 'pw.txt');
    expect(badItems.code).toBe(2);
    expect(badItems.err).toContain('--items应为正整数：x');

    const made = await cli('package', '--db', 'office.sqlite3', '--counsel', String(b.counsel.id), '--items', String(item.id), '--out', 'r.clpkg', '--password-file', 'pw.txt');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain(`收件人：王律师（公钥指纹 ${dk.fingerprint}）`);
    expect(made.out).toContain(`${item.serialNo}  采购合同审查  密级：无  材料 0 个`);

    openReviewPackage(desk.ctx(), { file: path.join(dir, 'r.clpkg'), password: 'desk-password' });
    desk.clock.set('2025-06-12T02:00:00Z');
    addDeskOpinion(desk.ctx(), { itemId: item.id, conclusion: 'approve', text: '同意签订。', issuedOn: '2025-06-12', files: [] });
    makeReplyPackage(desk.ctx(), { out: path.join(dir, 'reply.clpkg'), password: 'desk-password' });

    const dry = await cli('receive', '--db', 'office.sqlite3', 'reply.clpkg', '--password-file', 'pw.txt');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`${item.serialNo}  采购合同审查：同意/无异议，2025-06-12，附件 0 个 → 新增一轮意见`);
    expect(dry.out).toContain('以上为预览，未写入任何内容');
    expect(office.ledger.sqlite.prepare('SELECT count(*) FROM opinions').pluck().get()).toBe(0);

    const done = await cli('receive', '--db', 'office.sqlite3', 'reply.clpkg', '--commit', '--password-file', 'pw.txt');
    expect(done.code).toBe(0);
    expect(done.out).toContain('已导入 1 份意见');
    const d = await office.call('consultations.get', { id: item.id });
    expect(d.opinions[0]).toMatchObject({ counselName: '王律师', text: '同意签订。' });

    const again = await cli('receive', '--db', 'office.sqlite3', 'reply.clpkg', '--commit', '--password-file', 'pw.txt');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/导入过，同一个包不能导入两次/);
    const badResolve = await cli('receive', '--db', 'office.sqlite3', 'reply.clpkg', '--resolve', '1=maybe', '--password-file', 'pw.txt');
    expect(badResolve.code).toBe(2);
  });
});
