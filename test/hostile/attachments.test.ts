/**
 * Issue 19, findings 2, 3, 7, 12 and 17, with every file built here:
 * - 2: a DOCX whose word/document.xml inflates to 2 GB: its text is read on the
 *   parse worker with a capped inflate; the process stays under a memory
 *   ceiling and answers a router call meanwhile;
 * - 3: executables and disguised files are stored but never opened, only saved;
 * - 7: a flipped byte in a stored attachment: open, save as, verify and backups refuse;
 * - 12: an item trashed while an upload's text is extracted gets no attachment;
 * - 17: opened copies are read-only and gone at the next start; names `.`, `..`
 *   and names over 255 bytes are refused, the rest cleaned and shown as stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../electron/runtime';
import { MAX_ATTACHMENT_BASE64 } from '#domain/types';
import { main } from '../../electron/cli/main';
import { createBackup, createBackupOffThread } from '../../electron/services/backup/backup';
import { parseOffThread } from '../../electron/services/parse/run';
import type { PlatformAdapter } from '../../electron/services/platform';
import { withHost } from '../helpers/host';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';
import { watchMemory } from '../helpers/memory';
import { repeatedDeflate, zip } from '../helpers/zip';

async function setup() {
  const app = testApp();
  const b = await seedBasics(app);
  const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '采购合同' });
  return { app, c };
}

const upload = (call: (m: string, i: unknown) => Promise<any>, consultationId: number, fileName: string, data: Buffer) =>
  call('attachments.upload', { consultationId, fileName, dataBase64: data.toString('base64') });

// ---------- the files ----------

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

/**
 * A DOCX whose word/document.xml inflates to `copies` × 16 MB: one 16 MB block
 * of paragraphs deflated once with a full flush (byte-aligned, no shared
 * dictionary), repeated, then an empty final block.
 */
function docxBomb(copies: number): { file: Buffer; inflated: number } {
  const head = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>炸弹开头的检索词</w:t></w:r></w:p>');
  const block = Buffer.alloc(16 * 1024 * 1024, '<w:p><w:r><w:t>a</w:t></w:r></w:p>');
  const inflated = head.length + copies * block.length;
  const file = zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES, method: 0, declaredSize: CONTENT_TYPES.length },
    // the headers lie: a million bytes
    { name: 'word/document.xml', data: repeatedDeflate(block, copies, head), declaredSize: 1_000_000 },
  ]);
  return { file, inflated };
}

const MZ = Buffer.concat([Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000', 'latin1'), Buffer.alloc(200, 0)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// ---------- finding 2 ----------

describe('a DOCX bomb (finding 2)', () => {
  it('is attached and searchable by its first text, within the memory ceiling, while the router answers', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    const bomb = docxBomb(128);
    expect(bomb.file.length).toBeLessThan(8 * 1024 * 1024);
    expect(bomb.inflated).toBeGreaterThan(2 * 1024 * 1024 * 1024);
    let settled = false;
    const adding = upload(host.call, c.id, '审查意见.docx', bomb.file).finally(() => (settled = true));
    const watched = watchMemory(adding);
    expect(await app.call('consultations.get', { id: c.id })).toMatchObject({ id: c.id });
    expect(settled).toBe(false);
    const { value: added, peakMb, ticks } = await watched;
    expect(peakMb).toBeLessThan(300);
    expect(ticks).toBeGreaterThan(0);
    expect(added).toMatchObject({ fileName: '审查意见.docx', size: bomb.file.length });
    const hits = await app.call('search.query', { text: '炸弹开头的检索词' });
    expect(hits.map((h: { id: number }) => h.id)).toContain(c.id);
  });

  it('its text is read on a parse worker whose time limit really ends it, with a clear message; within the limits the text is read', async () => {
    const bomb = docxBomb(8);
    const job = { kind: 'text' as const, fileName: '审查意见.docx', bytes: bomb.file };
    await expect(parseOffThread(job, { limits: { timeoutMs: 1 } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('读取附件内容“审查意见.docx”时超过 0 秒仍未读完'),
    });
    expect(await parseOffThread(job)).toContain('炸弹开头的检索词');
  });
});

// ---------- finding 3 ----------

describe('executables and disguised files (finding 3)', () => {
  const hostile: [string, Buffer, string][] = [
    ['审查意见.exe', MZ, '审查意见.exe'],
    ['意见.docx.bat', Buffer.from('@echo off\r\ndel /q *.*\r\n'), '意见.docx.bat'],
    ['意见.hta', Buffer.from('<script>new ActiveXObject("WScript.Shell").Run("calc")</script>'), '意见.hta'],
    ['意见.lnk', Buffer.concat([Buffer.from([0x4c, 0, 0, 0]), Buffer.alloc(100, 1)]), '意见.lnk'],
    // shown as "审查意见exe.docx" by the right-to-left override: stored without it
    ['审查意见\u202Excod.exe', MZ, '审查意见xcod.exe'],
    // the extension of a document, the bytes of a program
    ['合同.docx', MZ, '合同.docx'],
    ['扫描件.pdf', MZ, '扫描件.pdf'],
  ];

  it('are stored as save-only, are never opened, and can be saved byte for byte', async () => {
    const { app, c } = await setup();
    const target = path.join(tempDir(), 'saved.bin');
    const host = withHost(app, { chooseSavePath: async () => target });
    for (const [name, data, stored] of hostile) {
      const a = await upload(host.call, c.id, name, data);
      expect(a, name).toMatchObject({ fileName: stored, mimeType: 'application/octet-stream', openable: false });
      await expect(host.call('attachments.open', { id: a.id }), name).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('另存为') });
      fs.rmSync(target, { force: true });
      expect(await host.call('attachments.saveAs', { id: a.id })).toEqual({ saved: true });
      expect(fs.readFileSync(target).equals(data)).toBe(true);
    }
    expect(host.opened).toEqual([]);
    expect(fs.existsSync(path.join(host.dataDir, 'opened')) ? fs.readdirSync(path.join(host.dataDir, 'opened')) : []).toEqual([]);
  });

  it('documents and images whose content matches their extension are opened, as a read-only copy', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('意见正文')] }] }));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    for (const [name, data, mime] of [
      ['意见.pdf', PDF, 'application/pdf'],
      ['意见.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['照片.png', png, 'image/png'],
      ['说明.txt', Buffer.from('纯文本'), 'text/plain'],
    ] as const) {
      const a = await upload(host.call, c.id, name, data);
      expect(a, name).toMatchObject({ mimeType: mime, openable: true });
      expect(await host.call('attachments.open', { id: a.id })).toEqual({ opened: true });
      const copy = host.opened.at(-1)!;
      expect(path.basename(copy)).toBe(name);
      expect(fs.readFileSync(copy).equals(data)).toBe(true);
      expect(fs.statSync(copy).mode & 0o222, `${name} is read-only`).toBe(0);
    }
  });

  it('a DOCX carrying a macro project (a .docm in disguise) is save-only; the same DOCX without it opens', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    const part = (name: string, text: string) => {
      const data = Buffer.from(text);
      return { name, data, method: 0, declaredSize: data.length };
    };
    const body = part('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
    const types = { name: '[Content_Types].xml', data: CONTENT_TYPES, method: 0, declaredSize: CONTENT_TYPES.length };
    const macro = await upload(host.call, c.id, '意见.docx', zip([types, body, part('word/vbaProject.bin', 'Attribute VB_Name = "AutoOpen"')]));
    expect(macro).toMatchObject({ mimeType: 'application/octet-stream', openable: false });
    await expect(host.call('attachments.open', { id: macro.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const plain = await upload(host.call, c.id, '意见2.docx', zip([types, body]));
    expect(plain).toMatchObject({ mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', openable: true });
    expect(host.opened).toEqual([]);
  });
});

// ---------- finding 7 ----------

describe('damaged attachment bytes (finding 7)', () => {
  async function damaged() {
    const { app, c } = await setup();
    const target = path.join(tempDir(), '意见副本.pdf');
    const host = withHost(app, { chooseSavePath: async () => target });
    const a = await upload(host.call, c.id, '意见.pdf', PDF);
    // one byte flipped inside the stored file
    const flipped = Buffer.from(PDF);
    flipped[20] = flipped[20]! ^ 0x01;
    app.ledger.sqlite.prepare('UPDATE attachment_blobs SET data = ? WHERE sha256 = ?').run(flipped, a.sha256);
    return { app, host, a, target };
  }

  it('are never opened or saved: a clear error, no file written', async () => {
    const { host, a, target } = await damaged();
    await expect(host.call('attachments.saveAs', { id: a.id })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('附件“意见.pdf”的内容已损坏') });
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
    await expect(host.call('attachments.open', { id: a.id })).rejects.toMatchObject({ message: expect.stringContaining('内容已损坏') });
    expect(host.opened).toEqual([]);
  });

  it('fail verify and every backup', async () => {
    const { app } = await damaged();
    let out = '';
    const code = await main(['verify', '--db', app.ledger.file], { out: (t) => (out += t), err: (t) => (out += t), cwd: tempDir(), now: app.clock.now });
    expect(code).toBe(1);
    expect(out).toContain('校验未通过：附件“意见.pdf”的内容与其 SHA-256 校验值不符（内容已损坏）');
    const dir = tempDir();
    expect(() => createBackup(app.ledger.sqlite, dir, 'manual', app.clock.now())).toThrow(/备份校验失败：附件“意见.pdf”的内容与其 SHA-256 校验值不符/);
    await expect(createBackupOffThread(app.ledger.sqlite, dir, 'auto', app.clock.now())).rejects.toThrow(/备份校验失败：附件“意见.pdf”的内容与其 SHA-256 校验值不符/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('intact bytes pass verify', async () => {
    const { app, c } = await setup();
    await upload(withHost(app).call, c.id, '意见.pdf', PDF);
    let out = '';
    expect(await main(['verify', '--db', app.ledger.file], { out: (t) => (out += t), err: (t) => (out += t), cwd: tempDir(), now: app.clock.now })).toBe(0);
    expect(out).toContain('附件内容：通过（共 1 个文件');
  });
});

// ---------- finding 12 ----------

describe('an item trashed during an upload (finding 12)', () => {
  it('gets no attachment: the check runs again inside the write transaction', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    // a .txt's text is extracted on the parse worker: the item is trashed meanwhile
    const adding = upload(host.call, c.id, '说明.txt', Buffer.from('上传中的说明'));
    await app.call('consultations.trash', { id: c.id, version: c.version });
    await expect(adding).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: '回收站中的事项不能添加附件' });
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM attachment_blobs').pluck().get()).toBe(0);
  });
});

// ---------- finding 17 and names ----------

describe('names and opened copies (finding 17)', () => {
  it('refuses ".", ".." and names over 255 bytes with a message; cleans the rest and shows them as stored', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    for (const name of ['.', '..', '...', ' . ', '\u202E', `${'审'.repeat(85)}.docx`]) {
      await expect(upload(host.call, c.id, name, PDF), JSON.stringify(name)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(upload(host.call, c.id, `${'审'.repeat(85)}.docx`, PDF)).rejects.toMatchObject({ message: expect.stringContaining('文件名过长（260 字节，上限 255 字节') });
    const cleaned: [string, string][] = [
      ['CON.pdf', '_CON.pdf'],
      ['com1', '_com1'],
      ['意见.pdf. . ', '意见.pdf'],
      ['意见\u0007\u001b[31m.pdf', '意见[31m.pdf'],
      ['意见\u200B\u2066.pdf', '意见.pdf'],
      [`${'审'.repeat(80)}.pdf`, `${'审'.repeat(80)}.pdf`],
    ];
    for (const [name, stored] of cleaned) {
      const a = await upload(host.call, c.id, name, PDF);
      expect(a.fileName, JSON.stringify(name)).toBe(stored);
      const listed = await host.call('attachments.list', { consultationId: c.id });
      expect(listed.find((x: { id: number }) => x.id === a.id).fileName).toBe(stored);
    }
  });

  it('opened copies are removed at the next start', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'ledger.sqlite3');
    const opened: string[] = [];
    const platform: PlatformAdapter = {
      dataDir: dir,
      chooseSavePath: async () => null,
      chooseOpenPaths: async () => [],
      revealFile: async () => {},
      openFile: async (file) => {
        opened.push(file);
      },
    };
    const first = createRuntime({ dbFile, platform, auth: 'localAdmin' });
    const call = async (m: string, i: unknown): Promise<any> => {
      const r = await first.router.call(m, i);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value;
    };
    const dept = await call('departments.create', { name: '综合处' });
    const cats = await call('categories.list', {});
    const c = await call('consultations.create', { title: '采购合同', receivedOn: '2025-06-01', categoryId: cats[0].id, departmentId: dept.id, itemCount: 1 });
    const a = await upload(call, c.id, '意见.pdf', PDF);
    await call('attachments.open', { id: a.id });
    await call('attachments.open', { id: a.id });
    expect(opened).toHaveLength(2);
    for (const file of opened) expect(fs.existsSync(file)).toBe(true);
    await first.autoBackup;
    first.close();
    const second = createRuntime({ dbFile, platform, auth: 'localAdmin' });
    try {
      for (const file of opened) expect(fs.existsSync(file)).toBe(false);
      expect(fs.readdirSync(path.join(dir, 'opened'))).toEqual([]);
    } finally {
      await second.autoBackup;
      second.close();
    }
  });

  it('an upload over the size limit is refused on its encoded length, before decoding', async () => {
    const { app, c } = await setup();
    const host = withHost(app);
    const dataBase64 = 'A'.repeat(MAX_ATTACHMENT_BASE64 + 4);
    await expect(host.call('attachments.upload', { consultationId: c.id, fileName: '大文件.pdf', dataBase64 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('文件超过 50 MB 上限'),
    });
  });
});
