/**
 * 文书与卷宗 on the detail page (issue 21): the request form, an opinion
 * document by round and the case file, each saved (the harness saves to
 * <data folder>/exports) and read back; the case file's history printed to
 * PDF (the app's print path is Electron's printToPDF; here Chromium's, of the
 * page the service makes).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParts } from '../reports/readers';
import { assignAndAnswer, registerItem } from './steps';
import { openApp, screenshot, seedBasics, type App } from './support';

let app: App;
let itemId: number;

beforeAll(async () => {
  app = await openApp({
    platform: {
      async printHtmlToPdf(html, options) {
        const printer = await app.context.newPage();
        try {
          await printer.setContent(html);
          return await printer.pdf(options);
        } finally {
          await printer.close();
        }
      },
    },
  });
  const b = await seedBasics(app);
  const registered = await registerItem(app, b, {
    title: '关于应急物资储备库租赁合同的合法性审查',
    category: 'contract',
    requester: '刘洋',
    receivedOn: '2025-06-03',
    description: '租赁合同草案见附件。',
  });
  const d = await assignAndAnswer(app, b, registered, '2025-06-04', [
    { conclusion: 'approveWithChanges', text: '建议明确租金调整机制和违约责任。', issuedOn: '2025-06-05' },
    { conclusion: 'approve', text: '修改稿可以签订。', issuedOn: '2025-06-06' },
  ]);
  await app.call('attachments.upload', { consultationId: d.id, fileName: '租赁合同（草案）.txt', dataBase64: Buffer.from('租赁合同草案全文').toString('base64') });
  itemId = d.id;
  await app.goto(`#/consultations/${itemId}`);
});

afterAll(async () => {
  await app?.close();
});

const exported = (name: string) => path.join(app.dir, 'exports', name);

describe('documents and the case file on the detail page', () => {
  it('saves the request form and the opinion of a chosen round', async () => {
    const { page } = app;
    const card = page.getByTestId('documents-card');
    await card.waitFor();
    await screenshot(page, '122-detail-documents');
    await card.getByRole('button', { name: '提请单' }).click();
    await page.getByText('已保存：法咨〔2025〕1号 法律顾问咨询提请单.docx').waitFor();
    expect((await docxParts(exported('法咨〔2025〕1号 法律顾问咨询提请单.docx'))).text).toContain('关于应急物资储备库租赁合同的合法性审查');
    await card.getByRole('button', { name: '选择轮次' }).click();
    await page.getByRole('menuitem', { name: '第 1 轮意见书' }).click();
    await page.getByText('已保存：法咨〔2025〕1号 法律意见书（第1轮）.docx').waitFor();
    expect((await docxParts(exported('法咨〔2025〕1号 法律意见书（第1轮）.docx'))).text).toContain('建议明确租金调整机制和违约责任。');
  });

  it('exports the case file with every file', async () => {
    const { page } = app;
    await page.getByTestId('documents-card').getByRole('button', { name: '导出卷宗' }).click();
    await page.getByText(/已导出卷宗（\d+ 个文件）：法咨〔2025〕1号 卷宗\.zip/).waitFor();
    const zip = await JSZip.loadAsync(fs.readFileSync(exported('法咨〔2025〕1号 卷宗.zip')));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names).toContain('附件/租赁合同（草案）.txt');
    expect(await zip.file('附件/租赁合同（草案）.txt')!.async('string')).toBe('租赁合同草案全文');
    expect(names.filter((n) => n.includes('法律意见书'))).toHaveLength(2);

    // the history as a PDF through the print path, listed in the 目录 under its own title
    const historyName = '05 法咨〔2025〕1号 办理过程记录.pdf';
    expect(names).toContain(historyName);
    expect(names.filter((n) => n.includes('办理过程记录'))).toEqual([historyName]);
    const pdf = path.join(app.dir, 'history.pdf');
    fs.writeFileSync(pdf, await zip.file(historyName)!.async('nodebuffer'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('办理过程记录');
    expect(text).toContain('法咨〔2025〕1号');
    const detail = await app.call<{ history: { businessOn: string; actorName: string }[] }>('consultations.get', { id: itemId });
    expect(detail.history.length).toBe(3);
    // every entry, numbered in order, with its step and date
    const steps = ['已登记', '已登记→已分派', '已分派→已出具意见'];
    for (const step of steps) expect(text).toContain(step);
    for (const [i, h] of detail.history.entries()) {
      const [y, m, d] = h.businessOn.split('-').map(Number);
      expect(text).toContain(`${i + 1}`);
      expect(text).toContain(`${y}年${m}月${d}日`);
    }
    expect(text).toContain('第1页共1页');
    const index = path.join(app.dir, 'index.docx');
    fs.writeFileSync(index, await zip.file('00 目录.docx')!.async('nodebuffer'));
    const indexText = (await docxParts(index)).text;
    expect(indexText).toContain(historyName);
    expect(indexText).not.toContain('本环境不能生成 PDF');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, path.join(path.dirname(import.meta.filename), 'screenshots', '164-case-file-history-pdf')]);
  });
});
