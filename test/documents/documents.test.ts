/**
 * The per-item documents (issue 21) on a real SQLite file: filled from the
 * built-in templates, read back from the DOCX and from LibreOffice's PDF,
 * first pages rendered to PNG (the README's pictures); an admin's edited
 * template round trip; unknown placeholders and broken files refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, describe, expect, it } from 'vitest';
import { itemDocument } from '../../electron/services/documents/documents';
import { defaultTemplate } from '../../electron/services/documents/default-templates';
import { listTemplates, replaceTemplate, resetTemplate } from '../../electron/services/documents/templates';
import { testApp } from '../helpers/ledger';
import { officeToPdf, pdfFirstPagePng, pdfPages } from '../helpers/office';
import { docxParts, runText } from '../reports/readers';
import { seedDocumentItem } from './seed';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-documents-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));
const SCREENSHOTS = path.join(import.meta.dirname, '..', 'e2e', 'screenshots');
/** The seeded first round of opinion, line by line (seed.ts). */
const OPINION_LINES = ['一、第五条的公示期限与上位法不一致，建议修改为二十个工作日。', '二、第九条建议删去。', '三、第十二条中的“有关部门”应明确为具体部门。'];

/** The paragraphs (<w:p>) of document.xml whose text is exactly `text`. */
const paragraphsOf = (document: string, text: string): string[] => [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => runText(p) === text);
/** How far a printed line starts from the left (pdftotext -layout), by the line's start. */
const indentOf = (page: string, start: string): number => {
  const line = page.split('\n').find((l) => l.trim().replace(/\s+/g, '').startsWith(start));
  if (line === undefined) throw new Error(`no printed line starts with ${start}`);
  return line.length - line.trimStart().length;
};

async function write(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(outDir, 'doc-')), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A template with document.xml edited as an admin would in Word. */
async function edited(kind: 'request' | 'opinion', edit: (xml: string) => string): Promise<Buffer> {
  const zip = new PizZip(await defaultTemplate(kind));
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('法律顾问咨询提请单', () => {
  it('carries the item as registered, in the official style, and prints in LibreOffice', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app);
    const doc = await itemDocument(app.ctx(), { id: s.id, kind: 'request' });
    expect(doc.fileName).toBe('法咨〔2025〕1号 法律顾问咨询提请单.docx');
    const file = await write(doc.fileName, doc.bytes);
    const { document, text, fontTable } = await docxParts(file);
    for (const t of ['法律顾问咨询提请单', '法咨〔2025〕1号', '关于《市国防动员办公室行政执法公示办法（试行）》的合法性审查', '综合处', '张丽', '2025年3月3日', '2025年3月11日', '王律师', '某某律师事务所', '急件', '附：征求意见稿一份。']) {
      expect(text, t).toContain(t);
    }
    expect(text).not.toMatch(/[{}]/);
    expect(document).toContain('w:eastAsia="方正小标宋简体"');
    expect(document).toContain('w:eastAsia="仿宋_GB2312"');
    expect(fontTable).toContain('<w:altName w:val="华文中宋"/>');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const pdf = officeToPdf(file);
    const printed = pdfPages(pdf).join('\n').replace(/\s+/g, '');
    expect(printed).toContain('法律顾问咨询提请单');
    expect(printed).toContain('2025年3月3日');
    pdfFirstPagePng(pdf, path.join(SCREENSHOTS, '165-request-form.png'), 50);
  }, 180_000);
});

describe('the opinion document', () => {
  it('is titled by category, holds the round\'s conclusion and text, counsel and firm, the checklist and sign-off blocks', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app, 'rules');
    const latest = await itemDocument(app.ctx(), { id: s.id, kind: 'opinion' });
    expect(latest.fileName).toBe('法咨〔2025〕1号 合法性审查意见书（第2轮）.docx');
    const first = await itemDocument(app.ctx(), { id: s.id, kind: 'opinion', round: 1 });
    const file = await write(first.fileName, first.bytes);
    const { text } = await docxParts(file);
    for (const t of ['合法性审查意见书', '法咨〔2025〕1号（第1轮）', '综合处：', '一、审查结论', '修改后同意', '第五条的公示期限与上位法不一致', '二、第九条建议删去。', '三、审查要点', '（本事项未填写审查要点。）', '四、审签', '（本事项尚无审签记录。）', '法律顾问：王律师', '某某律师事务所', '2025年3月7日']) {
      expect(text, t).toContain(t);
    }
    expect(text).not.toMatch(/[{}]/);
    const pdf = officeToPdf(file);
    expect(pdfPages(pdf).join('\n').replace(/\s+/g, '')).toContain('合法性审查意见书');
    pdfFirstPagePng(pdf, path.join(SCREENSHOTS, '167-legality-review-opinion.png'), 50);
  }, 180_000);

  it('prints each line of the opinion as a paragraph of its own, each with the body\'s first-line indent', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app, 'rules');
    const doc = await itemDocument(app.ctx(), { id: s.id, kind: 'opinion', round: 1 });
    const file = await write(doc.fileName, doc.bytes);
    const { document } = await docxParts(file);
    for (const line of OPINION_LINES) {
      const found = paragraphsOf(document, line);
      expect(found, line).toHaveLength(1);
      expect(found[0], line).toContain('<w:ind w:firstLine="640"/>');
      expect(found[0], line).not.toContain('<w:br/>');
    }
    // on paper: the 2nd and 3rd lines start as far in as the 1st, further than the unindented 综合处：
    const page = pdfPages(officeToPdf(file), true)[0]!;
    const first = indentOf(page, '一、第五条');
    expect(first).toBeGreaterThan(indentOf(page, '综合处：'));
    expect(indentOf(page, '二、第九条')).toBe(first);
    expect(indentOf(page, '三、第十二条')).toBe(first);
  }, 180_000);

  it('is a 法制审核意见书 for 重大执法决定法制审核 and a 法律意见书 otherwise; no opinion yet: refused', async () => {
    const a = testApp();
    const enforcement = await seedDocumentItem(a, 'enforcementReview');
    const review = await itemDocument(a.ctx(), { id: enforcement.id, kind: 'opinion' });
    expect(review.fileName).toContain('法制审核意见书');
    const b = testApp();
    const contract = await seedDocumentItem(b, 'contract');
    const opinion = await itemDocument(b.ctx(), { id: contract.id, kind: 'opinion' });
    expect(opinion.fileName).toContain('法律意见书');
    await expect(itemDocument(b.ctx(), { id: contract.id, kind: 'opinion', round: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // each printed in LibreOffice under its own title (the README's pictures)
    for (const [doc, title, png] of [
      [opinion, '法律意见书', '166-legal-opinion.png'],
      [review, '法制审核意见书', '168-enforcement-review-opinion.png'],
    ] as const) {
      const pdf = officeToPdf(await write(doc.fileName, doc.bytes));
      const first = pdfPages(pdf)[0]!.replace(/\s+/g, '');
      expect(first).toContain(title);
      expect(first).toContain('某某律师事务所');
      pdfFirstPagePng(pdf, path.join(SCREENSHOTS, png), 50);
    }
  }, 180_000);

  it('a counsel gets no document of an item assigned to someone else', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app);
    const other = await app.call('counsels.create', { name: '赵律师', firm: '另一律师事务所', engagedFrom: '2024-01-01' });
    const ctx = { ...app.ctx(), caller: { username: 'zhao', displayName: '赵律师', roles: ['counsel' as const], counselId: other.id as number } };
    await expect(itemDocument(ctx, { id: s.id, kind: 'request' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('an admin\'s template', () => {
  it('round trip: an edited DOCX with the same placeholders is used, stored in the database, and reset to the built-in one', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app);
    const mine = await edited('request', (xml) => xml.replace('法律顾问咨询提请单', '法律事务咨询提请单（本办格式）'));
    const info = await replaceTemplate(app.ctx(), 'request', '提请单（本办）.docx', mine);
    expect(info.replaced).toMatchObject({ fileName: '提请单（本办）.docx', size: mine.length });
    const stored = app.ledger.sqlite.prepare("SELECT data FROM document_templates WHERE kind = 'request'").pluck().get() as Buffer;
    expect(stored.equals(mine)).toBe(true);
    const filled = await docxParts(await write('a.docx', (await itemDocument(app.ctx(), { id: s.id, kind: 'request' })).bytes));
    expect(filled.text).toContain('法律事务咨询提请单（本办格式）');
    expect(filled.text).toContain('张丽');
    expect(filled.text).not.toMatch(/[{}]/);

    expect(resetTemplate(app.ctx(), 'request').replaced).toBeNull();
    expect(listTemplates(app.ctx()).map((t) => [t.kind, t.replaced])).toEqual([['request', null], ['opinion', null]]);
    const again = await docxParts(await write('b.docx', (await itemDocument(app.ctx(), { id: s.id, kind: 'request' })).bytes));
    expect(again.text).toContain('法律顾问咨询提请单');
    expect(again.text).not.toContain('本办格式');
  });

  it('an older template with {opinionText} (the whole text) is still accepted and prints every line', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app);
    const older = await edited('opinion', (xml) => xml.replace(/\{#opinionParagraphs\}[\s\S]*?\{\/opinionParagraphs\}/, '{opinionText}'));
    expect(older.toString('latin1')).not.toContain('opinionParagraphs');
    await replaceTemplate(app.ctx(), 'opinion', '意见书（旧版）.docx', older);
    const { document, text } = await docxParts(await write('old.docx', (await itemDocument(app.ctx(), { id: s.id, kind: 'opinion', round: 1 })).bytes));
    expect(text).not.toMatch(/[{}]/);
    // one paragraph, the lines kept apart by line breaks
    const paragraph = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => runText(p).includes(OPINION_LINES[0]!));
    expect(runText(paragraph!)).toBe(OPINION_LINES.join(''));
    expect(paragraph!.match(/<w:br\/>/g)).toHaveLength(2);
  });

  it('an unknown placeholder is reported by name, and nothing is stored', async () => {
    const app = testApp();
    await seedDocumentItem(app);
    const bad = await edited('opinion', (xml) => xml.replace('{conclusion}', '{conclusion}{secretField}').replace('{note}{/checklist}', '{note}{hidden}{/checklist}'));
    const refusal = replaceTemplate(app.ctx(), 'opinion', 'bad.docx', bad);
    await expect(refusal).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(refusal).rejects.toThrow(/\{secretField\}/);
    await expect(refusal).rejects.toThrow(/\{hidden\}（在 \{#checklist\} 循环中）/);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM document_templates').pluck().get()).toBe(0);
  });

  it('a broken placeholder, a file that is not a DOCX and one too big are refused with a clear message', async () => {
    const app = testApp();
    const broken = await edited('request', (xml) => xml.replace('{title}', '{title'));
    await expect(replaceTemplate(app.ctx(), 'request', 'broken.docx', broken)).rejects.toThrow(/占位符写法有误/);
    await expect(replaceTemplate(app.ctx(), 'request', 'x.docx', Buffer.from('not a zip at all, just text'))).rejects.toThrow(/不是完好的 \.docx 文件/);
    await expect(replaceTemplate(app.ctx(), 'request', 'huge.docx', Buffer.alloc(6 * 1024 * 1024))).rejects.toThrow(/过大/);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM document_templates').pluck().get()).toBe(0);
  });
});
