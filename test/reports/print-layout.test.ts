/**
 * The report exports as an office files them (issue 21), opened in LibreOffice
 * and read back from the PDF it prints: dates never split across lines, a
 * title column wide enough for a long title, the ledger on one or two A4 pages,
 * page setup, local time, the app's own words and the separate columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_NAME, LOCAL_ADMIN_USERNAME } from '../../db/queries/people';
import { exportReport } from '../../electron/services/reports/export';
import { officeToPdf, pdfPages } from '../helpers/office';
import { docxParts, docxTables, xlsxCellsOf } from './readers';
import { useFixture } from './fixture';

const fixture = useFixture();
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-print-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const LONG_TITLE = '关于市国防动员办公室人民防空工程维护管理服务采购合同（二〇二五年度）的合法性审查';

describe('DOCX report, printed by LibreOffice', () => {
  it('keeps every date on one line, gives the title column the room, and names 方正小标宋简体 with fallbacks', async () => {
    const { app, ...f } = fixture();
    // an open item with a long title: it is listed in 期末未办结
    const c = await app.call('consultations.create', { title: LONG_TITLE, receivedOn: '2025-12-30', categoryId: f.cat('other'), departmentId: f.dept.zonghe, itemCount: 1 });
    try {
      const file = path.join(fs.mkdtempSync(path.join(outDir, 'docx-')), 'report.docx');
      await exportReport(app.ctx(), { year: 2025, format: 'docx', path: file });
      const { document, fontTable } = await docxParts(file);
      expect(document).toContain('w:eastAsia="方正小标宋简体"');
      expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>');
      expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');

      // the carried-over table's grid: 事项名称 is the widest column
      const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
      const carried = tables.find((t) => docxTables(t)[0]?.[0]?.[0] === '编号')!;
      const grid = [...carried.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toHaveLength(6);
      expect(Math.max(...grid)).toBe(grid[1]);

      const pdf = officeToPdf(file);
      const lines = pdfPages(pdf).join('\n').split('\n').map((l) => l.trim());
      const dates = docxTables(carried)[0]!.slice(1).map((r) => r[2]!);
      expect(dates.length).toBeGreaterThanOrEqual(7);
      for (const d of dates) expect(lines, d).toContain(d);
      // no line ends in the middle of a date (e.g. "2025-")
      expect(lines.filter((l) => /\d{4}-$|^-?\d{1,2}-\d{2}$/.test(l))).toEqual([]);
      // the long title (41 characters) takes at most four lines of its cell (an equal share of the width gave it eight)
      const titleLines = lines.filter((l) => l.length >= 2 && LONG_TITLE.includes(l));
      expect(titleLines.join('')).toBe(LONG_TITLE);
      expect(titleLines.length).toBeLessThanOrEqual(4);
    } finally {
      await app.call('consultations.trash', { id: c.id, version: c.version });
    }
  }, 180_000);

  it('compares with the year before only where that year has records', async () => {
    const { app } = fixture();
    const dir = fs.mkdtempSync(path.join(outDir, 'prev-'));
    await exportReport(app.ctx(), { year: 2025, format: 'docx', path: path.join(dir, '2025.docx') });
    await exportReport(app.ctx(), { year: 2024, format: 'docx', path: path.join(dir, '2024.docx') });
    const y2025 = await docxParts(path.join(dir, '2025.docx'));
    const y2024 = await docxParts(path.join(dir, '2024.docx'));
    expect(y2025.text).toContain('比上年同期增加8次（上年同期1次、1项）');
    expect(y2025.text).not.toContain('上年无记录');
    // 2023 holds nothing: no "比上年同期增加1次（上年同期0次…）"
    expect(y2024.text).toContain('2024年共登记法律咨询事项1次（1项），上年无记录，不作同期比较。');
    expect(y2024.text).not.toContain('上年同期0次');
    const categories = docxTables(y2024.document).find((t) => t[0]?.[0] === '类别')!;
    expect(categories.at(-1)).toEqual(['合计', '1', '1', '100.0%', '上年无记录', '上年无记录']);
    // 2024's one item has no outcome: the adoption clause is left out, in the sentence and the text
    expect(y2024.text).not.toContain('采纳率暂无');
    expect(y2024.text).toContain('尚未登记采纳情况。');
  });
});

describe('XLSX report', () => {
  it('sets up every sheet for A4 and prints the 9-record ledger on one or two pages', async () => {
    const file = path.join(fs.mkdtempSync(path.join(outDir, 'xlsx-')), 'report.xlsx');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'xlsx', path: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(ws.pageSetup.orientation, ws.name).toBe(ws.name === '明细台账' ? 'landscape' : 'portrait');
      expect(ws.headerFooter.oddFooter, ws.name).toContain('&P');
      expect(ws.headerFooter.oddFooter, ws.name).toContain('&N');
    }
    const pages = pdfPages(officeToPdf(file));
    // each page's header is its sheet's name (&A)
    const perSheet = new Map<string, number>();
    for (const page of pages) {
      const name = page.trim().split('\n')[0]!.trim();
      perSheet.set(name, (perSheet.get(name) ?? 0) + 1);
    }
    expect([...perSheet.keys()]).toEqual(['汇总', '分类', '月度', '处室', '顾问', '审查程序', '明细台账']);
    expect(perSheet.get('明细台账')).toBeGreaterThanOrEqual(1);
    expect(perSheet.get('明细台账')).toBeLessThanOrEqual(2);
    for (const [name, n] of perSheet) expect(n, name).toBeLessThanOrEqual(2);
    expect(pages.join('')).toMatch(/第 1 页，共 \d+ 页/);
  }, 180_000);

  it('says 生成时间 in Beijing time, 超期, display names, and keeps 采纳说明, 未采纳理由 and 意见要点 apart', async () => {
    const file = path.join(fs.mkdtempSync(path.join(outDir, 'cols-')), 'report.xlsx');
    const { app } = fixture();
    await exportReport(app.ctx(), { year: 2025, format: 'xlsx', path: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const summary = xlsxCellsOf(wb.getWorksheet('汇总')!);
    // "today" of the fixture: 2026-01-15 10:00 Shanghai (02:00 UTC)
    expect(summary.find((r) => r[0] === '生成时间')?.[1]).toBe('2026-01-15 10:00:00（北京时间）');
    const ledger = xlsxCellsOf(wb.getWorksheet('明细台账')!);
    const col = (h: string) => ledger[0]!.indexOf(h);
    const row = (title: string) => ledger.find((r) => r[col('事项名称')] === title)!;
    expect(row('事项F')[col('是否按时')]).toBe('超期');
    expect(row('事项F')[col('采纳情况')]).toBe('部分采纳');
    expect(row('事项F')[col('采纳说明')]).toBe('采纳第一、三条意见');
    expect(row('事项F')[col('未采纳理由')] ?? null).toBeNull();
    expect(row('事项C')[col('未采纳理由')]).toBe('与上级政策冲突');
    expect(row('事项C')[col('采纳说明')] ?? null).toBeNull();
    expect(row('事项B')[col('意见要点')]).toBe('关于事项B的法律意见');
    expect(row('事项B')[col('登记人')]).toBe(LOCAL_ADMIN_NAME);
    expect(ledger.flat()).not.toContain(LOCAL_ADMIN_USERNAME);
    expect(ledger.flat().some((v) => typeof v === 'string' && v.includes('超时'))).toBe(false);
  });

  it('wraps multi-line text and gives its row the lines\' height', async () => {
    const { app, ...f } = fixture();
    const c = await app.call('consultations.create', { title: '多行备注的事项', note: '第一行\n第二行\n第三行', receivedOn: '2025-12-30', categoryId: f.cat('other'), departmentId: f.dept.zonghe, itemCount: 1 });
    try {
      const file = path.join(fs.mkdtempSync(path.join(outDir, 'wrap-')), 'report.xlsx');
      await exportReport(app.ctx(), { year: 2025, format: 'xlsx', path: file });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('明细台账')!;
      const cells = xlsxCellsOf(ws);
      const r = cells.findIndex((x) => x[1] === '多行备注的事项') + 1;
      const note = ws.getRow(r).getCell(cells[0]!.indexOf('备注') + 1);
      expect(note.alignment?.wrapText).toBe(true);
      expect(ws.getRow(r).height).toBeGreaterThanOrEqual(3 * 15);
    } finally {
      await app.call('consultations.trash', { id: c.id, version: c.version });
    }
  });
});
