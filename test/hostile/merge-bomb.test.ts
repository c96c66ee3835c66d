/**
 * Issue 19, finding 1: a 6.7 KB XLSX with one `<mergeCell ref="A10:XFD1048576"/>`
 * took the process down (exceljs expands a merge cell by cell: 17 billion
 * cells). Built here with exceljs + JSZip. The file is read off the calling
 * thread (electron/services/parse/run.ts), its ranges clipped to the used
 * range (electron/services/import/sheet-bounds.ts): the process stays under a
 * memory ceiling and answers calls meanwhile; a worker that runs out of
 * memory or time is ended with a clear message and the next read works.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../electron/services/import';
import { clipSheetXml } from '../../electron/services/import/sheet-bounds';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { watchMemory } from '../helpers/memory';
import { HEADER, writeWorkbook } from '../import/fixtures';

/** The process's resident memory may grow this much while a hostile file is read (measured: about 60 MB). */
const RSS_CEILING_MB = 300;

async function withSheetXml(file: string, edit: (xml: string) => string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const name = 'xl/worksheets/sheet1.xml';
  zip.file(name, edit(await zip.file(name)!.async('string')));
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const withMerge = (xml: string, ref: string): string =>
  xml.includes('<mergeCells')
    ? xml.replace(/<mergeCells[^>]*>/, (m) => `${m}<mergeCell ref="${ref}"/>`)
    : xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`);

async function mergeBomb(dir: string, ref = 'A10:XFD1048576'): Promise<string> {
  const file = path.join(dir, '台账.xlsx');
  await writeWorkbook(file, [{ name: '2025年台账', rows: [HEADER, [1, null, '2025-01-06', '办公楼物业服务合同审查', '合同审查', '综合处', '张三', 1, null, null, null, null, null, '待办', null]] }]);
  return withSheetXml(file, (xml) => withMerge(xml, ref));
}

describe('a merge bomb (finding 1)', () => {
  it('is a small file', async () => {
    expect(fs.statSync(await mergeBomb(tempDir())).size).toBeLessThan(10_000);
  });

  it('is read within the memory ceiling, off the calling thread, which answers a router call meanwhile', async () => {
    const app = testApp();
    await seedBasics(app);
    const file = await mergeBomb(tempDir());
    let settled = false;
    const reading = readImportFile(file).finally(() => (settled = true));
    const watched = watchMemory(reading);
    // the router answers while the file is being read
    const listed = await app.call('consultations.list', {});
    expect(settled).toBe(false);
    expect(listed).toBeDefined();
    const { value: source, peakMb, ticks } = await watched;
    expect(peakMb).toBeLessThan(RSS_CEILING_MB);
    expect(ticks).toBeGreaterThan(0);
    // what the importer reads is unchanged: the header and the one row
    const rows = source.sheets[0]!.rows;
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    expect(rows[1]!.cells[3]).toBe('办公楼物业服务合同审查');
  });

  it('clips merges, validations, the dimension and columns to the used range', () => {
    const xml =
      '<worksheet><dimension ref="A1:XFD1048576"/><cols><col min="1" max="16384" width="9"/></cols><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"/></row><row r="4"><c r="B4"/></row></sheetData>' +
      '<mergeCells count="3"><mergeCell ref="A10:XFD1048576"/><mergeCell ref="A1:B1048576"/><mergeCell ref="C4:C9"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="A2:A1048576 Z1:Z9"><formula1>"a"</formula1></dataValidation></dataValidations></worksheet>';
    const out = clipSheetXml(xml, 'sheet1.xml')!;
    expect(out).toContain('<dimension ref="A1:C4"/>');
    expect(out).toContain('<col min="1" max="3" width="9"/>');
    expect(out).not.toContain('A10:XFD1048576');
    expect(out).toContain('<mergeCell ref="A1:B4"/>');
    expect(out).not.toContain('C4:C9'); // one cell after clipping: no merge at all
    expect(out).toContain('sqref="A2:A4"');
  });

  it('refuses merges that cover more than the cell limit inside the used range', async () => {
    const dir = tempDir();
    const file = await withSheetXml(await mergeBomb(dir, 'A3:Z3'), (xml) =>
      withMerge(xml.replace('</sheetData>', '<row r="100000"><c r="Z100000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'), 'A100:Z99999'),
    );
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('合并单元格共超过') });
  });

  it('a worker over its memory limit is ended with a clear message; the next read works', async () => {
    const file = await mergeBomb(tempDir());
    await expect(readImportFile(file, undefined, { heapMb: 4 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^读取导入文件“台账\.xlsx”时所需内存超过 4 MB 的上限，已停止读取，未做任何更改/),
    });
    expect((await readImportFile(file)).sheets[0]!.rows).toHaveLength(2);
  });

  it('a worker over its time limit is ended with a clear message', async () => {
    const file = await mergeBomb(tempDir());
    await expect(readImportFile(file, undefined, { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('超过 0 秒仍未读完'),
    });
  });
});
