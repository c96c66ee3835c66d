/** 导出 PDF below the UI: where it is saved, what is written, and what happens without a renderer or on cancel. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/services/audit';
import type { PdfPrintOptions } from '../../electron/services/platform';
import { defaultPdfName, saveReportPdf } from '../../electron/services/reports/export/pdf';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';

const PDF = Buffer.from('%PDF-1.7\n% a rendered report\n%%EOF\n');

describe('reports.pdf', () => {
  it('asks where to save (the report title as the name), then writes the rendered bytes as they are', async () => {
    const app = testApp();
    const dir = tempDir();
    const asked: string[] = [];
    const saved = await saveReportPdf(app.ctx(), {
      chooseSavePath: async ({ defaultName }) => (asked.push(defaultName), path.join(dir, defaultName)),
      printToPdf: async () => PDF,
    }, { year: 2025 });
    expect(asked).toEqual(['2025年法律顾问咨询工作统计.pdf']);
    expect(saved).toEqual({ path: path.join(dir, '2025年法律顾问咨询工作统计.pdf'), bytes: PDF.length });
    expect(fs.readFileSync(saved!.path).equals(PDF)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['2025年法律顾问咨询工作统计.pdf']);
    expect(defaultPdfName({ from: '2025-01-01', to: '2025-06-30' })).toBe('2025年1月1日至6月30日法律顾问咨询工作统计.pdf');
  });

  it('the foot of every page carries the page numbers and the audit chain anchor at the moment of printing', async () => {
    const app = testApp();
    const dir = tempDir();
    await seedBasics(app);
    const head = auditHead(app.ledger.sqlite);
    expect(head.count).toBeGreaterThan(0);
    const printed: PdfPrintOptions[] = [];
    await saveReportPdf(app.ctx(), { chooseSavePath: async () => path.join(dir, 'r.pdf'), printToPdf: async (o) => (printed.push(o), PDF) }, { year: 2025 });
    expect(printed).toHaveLength(1);
    const o = printed[0]!;
    expect(o).toMatchObject({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true });
    expect(o.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(o.footerTemplate).toContain('<span class="totalPages"></span>');
    expect(o.footerTemplate).toContain(`审计链锚点：审计记录共 ${head.count} 条，最后一条（第 ${head.lastId} 号）的哈希：${head.head}`);
  });

  it('a cancelled save dialog renders and writes nothing', async () => {
    let rendered = 0;
    const r = await saveReportPdf(testApp().ctx(), { chooseSavePath: async () => null, printToPdf: async () => (rendered++, PDF) }, { year: 2025 });
    expect(r).toBeNull();
    expect(rendered).toBe(0);
  });

  it('is refused where nothing can render the page, and a non-PDF never lands under the chosen name', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'x.pdf');
    await expect(saveReportPdf(testApp().ctx(), { chooseSavePath: async () => target }, { year: 2025 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(saveReportPdf(testApp().ctx(), { chooseSavePath: async () => target, printToPdf: async () => Buffer.from('<html>') }, { year: 2025 })).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
