/**
 * The case file (卷宗) of a seeded item with attachments: the ZIP lists every
 * file in its 目录 in archive order and holds each of them; every attachment
 * is there under its original name, byte for byte. A year's case files: one
 * ZIP per item by serial number, written whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_NAME, caseFileZip, writeCaseFile, writeYearCaseFiles } from '../../electron/services/documents/case-file';
import { testApp } from '../helpers/ledger';
import { docxParts, docxTables } from '../reports/readers';
import { seedDocumentItem } from './seed';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-casefile-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const upload = (app: ReturnType<typeof testApp>, consultationId: number, fileName: string, data: Buffer, opinionId?: number) =>
  app.call<{ id: number }>('attachments.upload', { consultationId, fileName, dataBase64: data.toString('base64'), ...(opinionId ? { opinionId } : {}) });

async function seeded() {
  const app = testApp();
  const s = await seedDocumentItem(app);
  const detail = await app.call<{ opinions: { id: number }[] }>('consultations.get', { id: s.id });
  const files = {
    '征求意见稿.docx': Buffer.from('PK\u0003\u0004 not really a docx, but bytes are bytes'),
    '起草说明.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256))]),
    '第一轮意见附件.txt': Buffer.from('附：逐条修改建议\r\n第五条……\r\n', 'utf8'),
  };
  await upload(app, s.id, '征求意见稿.docx', files['征求意见稿.docx']);
  await upload(app, s.id, '起草说明.pdf', files['起草说明.pdf']);
  await upload(app, s.id, '第一轮意见附件.txt', files['第一轮意见附件.txt'], detail.opinions[0]!.id);
  // the same name twice: both kept
  await upload(app, s.id, '起草说明.pdf', Buffer.from('%PDF-1.4\n second version'));
  return { app, s, files };
}

describe('the case file of an item', () => {
  it('lists every file in its 目录 in archive order and holds each one; attachments byte for byte under their names', async () => {
    const { app, s, files } = await seeded();
    const target = path.join(outDir, 'item.zip');
    const written = await writeCaseFile(app.ctx(), s.id, target);
    const zip = await JSZip.loadAsync(fs.readFileSync(target));
    const inZip = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    expect(written.files).toBe(inZip.length);
    const paths = [
      '01 法咨〔2025〕1号 法律顾问咨询提请单.docx',
      '附件/征求意见稿.docx',
      '附件/起草说明.pdf',
      '附件/起草说明（2）.pdf',
      '05 法咨〔2025〕1号 合法性审查意见书（第1轮）.docx',
      '附件/第一轮意见附件.txt',
      '07 法咨〔2025〕1号 合法性审查意见书（第2轮）.docx',
      '08 法咨〔2025〕1号 办理过程记录.docx',
    ];
    expect(inZip.sort()).toEqual([INDEX_NAME, ...paths].sort());

    // the index, read back from its DOCX: every file, numbered in archive order
    const indexFile = path.join(outDir, 'index.docx');
    fs.writeFileSync(indexFile, await zip.file(INDEX_NAME)!.async('nodebuffer'));
    const { document, text } = await docxParts(indexFile);
    expect(text).toContain('卷内目录');
    const rows = docxTables(document)[0]!;
    expect(rows[0]).toEqual(['序号', '题名', '日期', '文件']);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual(paths.map((p, i) => [String(i + 1), p]));
    expect(rows[1]![2]).toBe('2025年3月3日');
    expect(rows[5]![1]).toBe('合法性审查意见书（第1轮）');
    expect(rows[5]![2]).toBe('2025年3月7日');
    // no print path here (plain Node, as the CLI): the history is the DOCX, and the 目录 says so
    expect(rows[8]![1]).toBe('办理过程记录（Word 文档：本环境不能生成 PDF）');

    for (const [name, bytes] of Object.entries(files)) {
      expect((await zip.file(`附件/${name}`)!.async('nodebuffer')).equals(bytes), name).toBe(true);
    }
    expect((await zip.file('附件/起草说明（2）.pdf')!.async('string'))).toBe('%PDF-1.4\n second version');

    const history = path.join(outDir, 'history.docx');
    fs.writeFileSync(history, await zip.file('08 法咨〔2025〕1号 办理过程记录.docx')!.async('nodebuffer'));
    const h = await docxParts(history);
    const steps = docxTables(h.document)[0]!.slice(1).map((r) => r[1]);
    expect(steps).toEqual(['已登记', '已登记 → 已分派', '已分派 → 已出具意见']);
  });

  it('is refused for an item the caller may not see, and nothing is written', async () => {
    const { app, s } = await seeded();
    const other = await app.call('counsels.create', { name: '赵律师', firm: '另一律师事务所', engagedFrom: '2024-01-01' });
    const ctx = { ...app.ctx(), caller: { username: 'zhao', displayName: '赵律师', roles: ['counsel' as const], counselId: other.id as number } };
    const target = path.join(outDir, 'refused.zip');
    await expect(writeCaseFile(ctx, s.id, target)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('a year\'s case files', () => {
  it('one ZIP per item by serial number and the year\'s 目录, in a folder written whole', async () => {
    const { app, s } = await seeded();
    const second = await app.call<{ id: number }>('consultations.create', { title: '第二件事项', itemCount: 1, receivedOn: '2025-03-05', categoryId: (await app.call<{ id: number; code: string }[]>('categories.list', {})).find((c) => c.code === 'contract')!.id, departmentId: (await app.call<{ id: number }[]>('departments.list', {}))[0]!.id });
    const folder = fs.mkdtempSync(path.join(outDir, 'year-'));
    const progress: [number, number][] = [];
    const result = await writeYearCaseFiles(app.ctx(), 2025, folder, (done, total) => progress.push([done, total]));
    expect(result).toEqual({ path: path.join(folder, '2025年法律顾问咨询卷宗'), items: 2 });
    // progress by item (the button's progress dialog, through jobs.progress)
    expect(progress).toEqual([[0, 2], [1, 2], [2, 2]]);
    expect(fs.readdirSync(result.path).sort()).toEqual([INDEX_NAME, '法咨〔2025〕1号 卷宗.zip', '法咨〔2025〕2号 卷宗.zip'].sort());
    expect(fs.readdirSync(folder)).toEqual(['2025年法律顾问咨询卷宗']);
    const one = await caseFileZip(app.ctx(), s.id);
    const inFolder = await JSZip.loadAsync(fs.readFileSync(path.join(result.path, '法咨〔2025〕1号 卷宗.zip')));
    expect(Object.keys(inFolder.files).filter((n) => !inFolder.files[n]!.dir).length).toBe(one.entries.length + 1);
    const index = path.join(outDir, 'year-index.docx');
    fs.copyFileSync(path.join(result.path, INDEX_NAME), index);
    const rows = docxTables((await docxParts(index)).document)[0]!;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', '法咨〔2025〕1号', '关于《市国防动员办公室行政执法公示办法（试行）》的合法性审查'],
      ['2', '法咨〔2025〕2号', '第二件事项'],
    ]);
    expect(second.id).toBeGreaterThan(s.id);
    // a second run into the same folder is refused rather than mixing two exports
    await expect(writeYearCaseFiles(app.ctx(), 2025, folder)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readdirSync(folder)).toEqual(['2025年法律顾问咨询卷宗']);
  });
});
