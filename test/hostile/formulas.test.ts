/**
 * Issue 19, finding 15: a category named `@SUM(1+1)` became the 月度 sheet's
 * header `@SUM(1+1)（次）` without neutralising, and full-width ＝＋－＠ were
 * not neutralised at all. One neutraliser (reports/export/cells.ts) for every
 * spreadsheet cell: values, headers, category names, in XLSX and CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../electron/services/reports/export/cells';
import { exportReport } from '../../electron/services/reports/export';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';
import { parseCsv, readXlsx, xlsxCellsOf } from '../reports/readers';

/** What Excel, WPS or LibreOffice would start a formula with, half- and full-width. */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

describe('formula-like text in exports (finding 15)', () => {
  it('the neutraliser takes the full-width forms too', () => {
    for (const text of ['＝1+1', '＋86', '－1', '＠SUM(A1)', '=1', '@x']) expect(neutralise(text)).toBe(`'${text}`);
    for (const text of ['合同审查', "'=1", '1+1']) expect(neutralise(text)).toBe(text);
  });

  it('category names are neutralised in every sheet, headers included, and in the CSV', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const names = ['@SUM(1+1)', '＝HYPERLINK("x")', '＋1', '－1'];
    for (const [i, nameZh] of names.entries()) {
      const cat = await app.call('categories.create', { nameZh });
      await register(app, { categoryId: cat.id, departmentId: b.dept.id, title: `＠事项${i}`, receivedOn: '2025-03-0' + (i + 1) });
    }
    const dir = tempDir();
    const xlsx = path.join(dir, 'r.xlsx');
    const csv = path.join(dir, 'r.csv');
    await exportReport(app.ctx(), { year: 2025, format: 'xlsx', path: xlsx });
    await exportReport(app.ctx(), { year: 2025, format: 'csv', path: csv });
    const wb = await readXlsx(xlsx);
    const texts: string[] = [];
    for (const ws of wb.worksheets) for (const row of xlsxCellsOf(ws)) for (const cell of row) if (typeof cell === 'string') texts.push(cell);
    // the 月度 sheet's headers are the categories' short names (without the bracketed part)
    expect(texts).toContain("'@SUM（次）");
    expect(texts).toContain("'＝HYPERLINK（次）");
    expect(texts).toContain("'@SUM(1+1)");
    expect(texts).toContain("'＠事项0");
    for (const cell of texts) expect(cell, cell).not.toMatch(FORMULA_START);
    const rows = await parseCsv(fs.readFileSync(csv, 'utf8').slice(1));
    expect(rows.flat()).toContain("'＠事项0");
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(FORMULA_START);
  });
});
