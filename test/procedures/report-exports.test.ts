/**
 * The annual report's exports carry the procedures' figures (issue 20): the XLSX's 审查程序 sheet and
 * the DOCX's 审查程序 section, read back (exceljs, the DOCX's XML) and opened in LibreOffice (PDF, whose
 * text is read back too). The ledger is the fixture's year with December's returns and a late 签发
 * (december.ts), whose figures figures.test.ts checks by hand: returns 3 on 3 items, average pause 7
 * working days, 1 签发 after 7 days, no extension, at the year's end 2 items awaiting material and 1
 * opinion awaiting 签发.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { exportReport } from '../../electron/services/reports/export';
import { testApp } from '../helpers/ledger';
import { officeToPdf, pdfPages } from '../helpers/office';
import { docxParts, docxTables, xlsxCellsOf } from '../reports/readers';
import { buildDecemberReturns } from './december';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-procedure-exports-'));
let ledger: Awaited<ReturnType<typeof buildDecemberReturns>>;
beforeAll(async () => {
  ledger = await buildDecemberReturns(testApp(openDatabase(path.join(outDir, 'ledger.sqlite3'))));
}, 60_000);
afterAll(() => {
  ledger?.f.app.ledger.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

const EXPECTED_ROWS = [
  ['退回补正（次）', 3],
  ['退回补正的事项（次）', 3],
  ['平均暂停（工作日）', 7],
  ['领导签发意见（份）', 1],
  ['出具至签发平均等待（天）', 7],
  ['延期（次）', 0],
  ['期末待补正材料（次）', 2],
  ['期末待签发意见（份）', 1],
];

const exported = async (format: 'xlsx' | 'docx', year = 2025) => {
  const dir = fs.mkdtempSync(path.join(outDir, `${format}-`));
  const file = path.join(dir, `report.${format}`);
  await exportReport(ledger.f.app.ctx(), { year, format, path: file });
  return file;
};

describe('the report\'s exports with the procedures\' figures', () => {
  it('XLSX: a 审查程序 sheet after 顾问 with procedures.figures as numbers, and LibreOffice opens it', async () => {
    const file = await exported('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类', '月度', '处室', '顾问', '审查程序', '明细台账']);
    const rows = xlsxCellsOf(wb.getWorksheet('审查程序')!);
    expect(rows).toEqual([['项目', '数值'], ...EXPECTED_ROWS]);
    // the same numbers as the method the report screen's card shows
    const f = await ledger.f.app.call('procedures.figures', { year: 2025 });
    expect(rows.slice(1).map((r) => r[1])).toEqual([f.returns, f.returnedItems, f.averagePausedDays, f.signedOff, f.averageSignOffDays, f.extensions, f.awaitingMaterial, f.awaitingSignOff]);
    const text = pdfPages(officeToPdf(file)).join('\n');
    expect(text).toContain('审查程序');
    expect(text).toContain('期末待补正材料（次）');
  }, 180_000);

  it('DOCX: a 审查程序 section with its sentence and table, and LibreOffice opens it', async () => {
    const file = await exported('docx');
    const { document, text } = await docxParts(file);
    expect(text).toContain('审查程序');
    expect(text).toContain(
      '本期退回补正材料3次（涉及事项3次），办理时限平均暂停7个工作日。领导签发法律意见1份，自出具至签发平均等待7天。' +
        '截至2025年12月31日，待补正材料的事项2次，待签发的意见1份。',
    );
    const table = docxTables(document).find((tb) => tb[0]?.[0] === '项目' && tb[0]?.[1] === '数值')!;
    expect(table.slice(1)).toEqual(EXPECTED_ROWS.map(([label, n]) => [label, String(n)]));
    const pdfText = pdfPages(officeToPdf(file)).join('\n').replace(/\s+/g, '');
    expect(pdfText).toContain('待补正材料的事项2次');
    expect(pdfText).toContain('出具至签发平均等待（天）');
  }, 180_000);

  it('a year without returns or 签发 says so (暂无 for the averages)', async () => {
    const file = await exported('docx', 2024);
    const { document, text } = await docxParts(file);
    expect(text).toContain('本期没有退回补正材料的事项。本期没有领导签发的意见。截至2024年12月31日，待补正材料的事项0次，待签发的意见0份。');
    const table = docxTables(document).find((tb) => tb[0]?.[0] === '项目' && tb[0]?.[1] === '数值')!;
    expect(table.find((r) => r[0] === '平均暂停（工作日）')).toEqual(['平均暂停（工作日）', '暂无']);
  });
});
