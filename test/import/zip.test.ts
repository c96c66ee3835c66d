/**
 * Broken and hostile XLSX files: a truncated or malformed file, an old .xls, an
 * encrypted one, a ZIP that is not a workbook, and zip bombs (an entry that
 * declares a huge size, one that lies about its size, many entries that add up,
 * overlapping entries) all get a clear Chinese error within seconds, in bounded
 * memory, before exceljs inflates anything.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readImportBytes } from '../../electron/services/import';
import { MAX_FILE_BYTES } from '../../electron/services/import/limits';
import { tempDir } from '../helpers/ledger';
import { repeatedDeflate, zip, type Entry } from '../helpers/zip';
import { realLedger } from './fixtures';

const deflate = (text: string): Buffer => zlib.deflateRawSync(Buffer.from(text));
const stored = (text: string): Pick<Entry, 'data' | 'declaredSize'> => ({ data: deflate(text), declaredSize: Buffer.byteLength(text) });
const WORKBOOK = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>';

/** `megabytes` of zeros as one raw deflate stream, cheaply (test/helpers/zip.ts). */
const deflatedZeros = (megabytes: number): Buffer => repeatedDeflate(Buffer.alloc(1024 * 1024), megabytes);

/** Runs `fn`, which must reject with a VALIDATION AppError; returns the message, the time taken and the memory it grew by. */
async function refusal(fn: () => Promise<unknown>): Promise<{ message: string; ms: number; grownMb: number }> {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const error = await fn().then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  const ms = performance.now() - start;
  expect(error).toMatchObject({ name: 'AppError', code: 'VALIDATION' });
  return { message: (error as Error).message, ms, grownMb: (process.memoryUsage().rss - rss) / 1024 / 1024 };
}

describe('broken XLSX files', () => {
  it('a truncated file: clear error, quickly', async () => {
    const bytes = fs.readFileSync(await realLedger());
    for (const cut of [0.5, 0.9, 0.99]) {
      const r = await refusal(() => readImportBytes(bytes.subarray(0, Math.floor(bytes.length * cut)), '台账.xlsx'));
      expect(r.message).toContain('文件不完整或已损坏');
      expect(r.ms).toBeLessThan(2_000);
    }
  });

  it('malformed files: random bytes named .xlsx, a ZIP that is not a workbook, a workbook with broken XML, corrupt deflate data', async () => {
    expect((await refusal(() => readImportBytes(Buffer.from('这不是表格'.repeat(100)), '台账.xlsx'))).message).toContain('不是有效的 Excel 工作簿');
    const notWorkbook = zip([{ name: 'readme.txt', data: deflate('hello'), declaredSize: 5 }]);
    expect((await refusal(() => readImportBytes(notWorkbook, '台账.xlsx'))).message).toContain('不是 Excel 工作簿');
    const brokenXml = zip([
      { name: '[Content_Types].xml', ...stored('<Types') },
      { name: 'xl/workbook.xml', ...stored('<workbook><sheets><sheet name=') },
    ]);
    const broken = await refusal(() => readImportBytes(brokenXml, '台账.xlsx'));
    expect(broken.message).toContain('无法读取该 Excel 文件');
    expect(broken.ms).toBeLessThan(5_000);
    const bytes = Buffer.from(fs.readFileSync(await realLedger()));
    // flip bytes in the middle of the file: some entry's deflate data no longer inflates to its size
    for (let i = Math.floor(bytes.length / 3); i < Math.floor(bytes.length / 3) + 64; i++) bytes[i] = bytes[i]! ^ 0x5a;
    expect((await refusal(() => readImportBytes(bytes, '台账.xlsx'))).message).toMatch(/文件不完整或已损坏|无法读取该 Excel 文件/);
  });

  it('an old .xls or a password-protected workbook (OLE files), and an entry flagged encrypted', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await refusal(() => readImportBytes(ole, '台账.xls'))).message).toContain('另存为 .xlsx');
    expect((await refusal(() => readImportBytes(ole, '台账.xlsx'))).message).toContain('设置了打开密码');
    const encrypted = zip([{ name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length, flags: 1 }]);
    expect((await refusal(() => readImportBytes(encrypted, '台账.xlsx'))).message).toContain('已加密');
  });
});

describe('zip bombs', () => {
  it('an entry that declares a huge size is refused before anything is inflated', async () => {
    const bomb = zip([
      { name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length },
      { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(64), declaredSize: 0xfffffffe },
    ]);
    const r = await refusal(() => readImportBytes(bomb, 'bomb.xlsx'));
    expect(r.message).toContain('压缩炸弹');
    expect(r.ms).toBeLessThan(1_000);
  });

  it('an entry that lies about its size (declares 1 KB, inflates to 1 GB) is stopped at the declared size', async () => {
    const data = deflatedZeros(1024);
    // small enough to pass the file size limit: the bomb gets as far as the inflation
    expect(data.length).toBeLessThan(MAX_FILE_BYTES / 4);
    const bomb = zip([
      { name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length },
      { name: 'xl/worksheets/sheet1.xml', data, declaredSize: 1024 },
    ]);
    const r = await refusal(() => readImportBytes(bomb, 'bomb.xlsx'));
    expect(r.message).toContain('超过其声明的大小');
    expect(r.ms).toBeLessThan(3_000);
    expect(r.grownMb).toBeLessThan(100);
  }, 60_000);

  it('many entries that each look small but add up', async () => {
    const data = deflatedZeros(1);
    const entries = Array.from({ length: 200 }, (_, i) => ({ name: `xl/media/image${i}.png`, data, declaredSize: 1024 * 1024 }));
    const bomb = zip([{ name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length }, ...entries]);
    const r = await refusal(() => readImportBytes(bomb, 'bomb.xlsx'));
    expect(r.message).toContain('解压后超过');
    expect(r.ms).toBeLessThan(1_000);
  });

  it('overlapping entries (every file pointing at the same data)', async () => {
    const data = deflatedZeros(8);
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: i === 0 ? 'xl/workbook.xml' : `xl/worksheets/sheet${i}.xml`, data, declaredSize: 8 * 1024 * 1024 }));
    const r = await refusal(() => readImportBytes(zip(entries, { shareData: true }), 'bomb.xlsx'));
    expect(r.message).toContain('重叠');
    expect(r.ms).toBeLessThan(1_000);
  });

  it('a sheet of a million empty formatted rows is refused while being counted', async () => {
    const rows = '<row r="1" s="1" customFormat="1"/>'.repeat(120_000);
    const sheet = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const bomb = zip([
      { name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length },
      { name: 'xl/worksheets/sheet1.xml', data: deflate(sheet), declaredSize: sheet.length },
    ]);
    const r = await refusal(() => readImportBytes(bomb, 'rows.xlsx'));
    expect(r.message).toContain('工作表的行数超过');
  });

  it('the file size limit comes first', async () => {
    const file = `${tempDir()}/big.csv`;
    fs.writeFileSync(file, Buffer.alloc(21 * 1024 * 1024, 0x41));
    const { readImportFile } = await import('../../electron/services/import');
    expect((await refusal(() => readImportFile(file))).message).toContain('导入文件不能超过 20.0 MB');
  });
});

describe('the cell count guard', () => {
  it('a sheet with more cells than exceljs should hold is refused while being counted', async () => {
    const row = `<row>${'<c r="A1" t="n"><v>1</v></c>'.repeat(100)}</row>`;
    const sheet = `<worksheet><sheetData>${row.repeat(13_000)}</sheetData></worksheet>`;
    const bomb = zip([
      { name: 'xl/workbook.xml', data: deflate(WORKBOOK), declaredSize: WORKBOOK.length },
      { name: 'xl/worksheets/sheet1.xml', data: deflate(sheet), declaredSize: Buffer.byteLength(sheet) },
    ]);
    const r = await refusal(() => readImportBytes(bomb, 'cells.xlsx'));
    expect(r.message).toContain('单元格超过 1,200,000 个');
  });
});
