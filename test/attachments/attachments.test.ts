import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { MAX_ATTACHMENT_BYTES } from '#domain/types';
import { addAttachmentFile } from '../../electron/services/attachments/attachments';
import { createBackup } from '../../electron/services/backup/backup';
import { bundleFixture, runAndKill } from '../helpers/child';
import { withHost } from '../helpers/host';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

describe('attachments', () => {
  it('picked files are stored, listed, searchable by name and .docx/.txt content, and saved back byte for byte', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '采购合同' });
    const dir = tempDir();
    const docx = path.join(dir, '合同草案.docx');
    fs.writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('甲方应于十五日内支付首付款')] }] })));
    const txt = path.join(dir, '补充说明.txt');
    fs.writeFileSync(txt, '\uFEFF供应商资质证明已核验');
    const scan = path.join(dir, 'scan.pdf');
    // a PDF's header, then binary bytes (the type is judged by content too: electron/services/attachments/file-type.ts)
    fs.writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(fc.sample(fc.integer({ min: 0, max: 255 }), { numRuns: 5000, seed: 1 }))]));
    const target = path.join(dir, 'saved-copy.pdf');
    const host = withHost(app, { chooseOpenPaths: async () => [docx, txt, scan], chooseSavePath: async () => target });

    const added = await host.call('attachments.pick', { consultationId: c.id });
    expect(added.map((a: any) => [a.fileName, a.mimeType])).toEqual([
      ['合同草案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['补充说明.txt', 'text/plain'],
      ['scan.pdf', 'application/pdf'],
    ]);
    expect((await host.call('attachments.list', { consultationId: c.id })).length).toBe(3);
    for (const q of ['首付款', '资质证明', '合同草案', 'scan']) {
      expect((await app.call('search.query', { text: q })).map((h: any) => h.id), q).toEqual([c.id]);
    }
    expect(await host.call('attachments.saveAs', { id: added[2].id })).toEqual({ saved: true });
    expect(fs.readFileSync(target).equals(fs.readFileSync(scan))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('dropped bytes are stored; identical bytes are stored once; removal goes to the trash and out of search', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    const host = withHost(app, {});
    const data = Buffer.from('情况说明：相关证据材料已补齐').toString('base64');
    const one = await host.call('attachments.upload', { consultationId: c.id, fileName: '情况说明.txt', dataBase64: data });
    await host.call('attachments.upload', { consultationId: c.id, fileName: '情况说明（副本）.txt', dataBase64: data });
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM attachment_blobs').pluck().get()).toBe(1);
    await host.call('attachments.remove', { id: one.id });
    expect((await host.call('attachments.list', { consultationId: c.id })).map((a: any) => a.fileName)).toEqual(['情况说明（副本）.txt']);
    expect((await host.call('attachments.list', { consultationId: c.id, trashed: true })).map((a: any) => a.fileName)).toEqual(['情况说明.txt']);
    await host.call('attachments.restore', { id: one.id });
    expect((await host.call('attachments.list', { consultationId: c.id })).length).toBe(2);
  });

  it('refuses a file over the size limit with a clear message and stores nothing', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    const big = path.join(tempDir(), '超大扫描件.pdf');
    fs.writeFileSync(big, Buffer.alloc(0));
    fs.truncateSync(big, MAX_ATTACHMENT_BYTES + 1);
    await expect(addAttachmentFile(app.ctx(), c.id, null, big)).rejects.toThrow(/超过单个附件 50\.0 MB 的上限/);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    const r = await app.router.call('attachments.upload', { consultationId: c.id, fileName: 'a/b.txt', dataBase64: 'AAAA' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a counsel can attach to their own items only, and remove only what they attached', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    const other = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id });
    const byRegistrar = await app.call('attachments.upload', { consultationId: c.id, fileName: '原件.txt', dataBase64: 'AAAA' });
    app.as({ username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id });
    const mine = await app.call('attachments.upload', { consultationId: c.id, fileName: '意见附件.txt', dataBase64: 'AAAB' });
    expect(await app.router.call('attachments.upload', { consultationId: other.id, fileName: 'x.txt', dataBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.router.call('attachments.remove', { id: byRegistrar.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await app.router.call('attachments.remove', { id: mine.id })).ok).toBe(true);
  });

  it('are in every backup, byte for byte', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));
    const a = await app.call<{ id: number; sha256: string }>('attachments.upload', { consultationId: c.id, fileName: '合同扫描件.pdf', dataBase64: bytes.toString('base64') });
    const backup = createBackup(app.ledger.sqlite, tempDir(), 'manual', new Date('2025-03-01T02:00:00Z'));
    const copy = new Database(backup.file, { readonly: true });
    const row = copy.prepare('SELECT a.file_name AS name, b.data FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.id = ?').get(a.id) as { name: string; data: Buffer };
    copy.close();
    expect(row.name).toBe('合同扫描件.pdf');
    expect(row.data.equals(bytes)).toBe(true);
  });

  it('a process killed in the middle of adds leaves no orphan and no partial file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite3');
    const app = testApp(openDatabase(file));
    const b = await seedBasics(app);
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    app.ledger.close();
    const script = bundleFixture(path.join(__dirname, 'fixtures/adder.ts'));
    const reported: number[] = [];
    let killedMidAdd = 0;
    for (const delay of fc.sample(fc.integer({ min: 0, max: 300 }), { numRuns: 12, seed: 3 })) {
      const lines = await runAndKill(script, [file], delay);
      reported.push(...lines.filter((l) => /^\d+$/.test(l)).map(Number));
      if (lines.at(-1)?.startsWith('adding ')) killedMidAdd += 1;
    }
    // the kills really landed in the middle of adds, and some adds completed before them
    expect(killedMidAdd).toBeGreaterThan(0);
    expect(reported.length).toBeGreaterThan(0);
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const ids = new Set(db.prepare('SELECT id FROM attachments').pluck().all() as number[]);
    for (const id of reported) expect(ids.has(id)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM attachment_blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE length(b.data) <> a.size').pluck().get()).toBe(0);
    db.close();
    expect(fs.readdirSync(dir).filter((f) => !/^ledger\.sqlite3(-wal|-shm|\.audit-key)?$/.test(f))).toEqual([]);
  }, 300_000);
});
