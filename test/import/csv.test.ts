/**
 * The CSV path: RFC 4180 quoting, BOM or not, the separators Excel writes, a
 * clear refusal of GBK; and fast-check: arbitrary files (headers like
 * __proto__ included) never crash it, never import part of a file, and never
 * pollute a prototype.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, commitImport, planView, readImportBytes, readImportFile } from '../../electron/services/import';
import { decodeCsv, detectDelimiter, parseCsv } from '../../electron/services/import/csv';
import { AppError } from '../../electron/services/errors';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { counts, csvText, writeText } from './fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const LEDGER = csvText([
  ['序号', '登记日期', '事项名称', '类别', '承办处室', '项数', '指派顾问', '备注'],
  [1, '2025/3/1', '采购合同审查', '采购', '综合处', 1, '王律师', ''],
  [2, '2025年3月5日', '关于"信访"答复口径, 含逗号', '信访投诉', '政策法规处', '２', '', '第一行\n第二行'],
  [3, '2025.4.1', '制度草案审查', '制度', '综合处', 1, '', ''],
]);

describe('parsing CSV', () => {
  it('handles quotes, doubled quotes, separators and line breaks inside quotes; row numbers are record numbers', () => {
    const rows = parseCsv('a,"b ""x"", c",d\r\n"line1\nline2",2,3\n\nlast,"",\r');
    expect(rows).toEqual([
      { number: 1, cells: ['a', 'b "x", c', 'd'] },
      { number: 2, cells: ['line1\nline2', '2', '3'] },
      { number: 4, cells: ['last', '', ''] },
    ]);
  });

  it('detects tab and semicolon separated files', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a;b;"c;d"\n')).toBe(';');
    expect(parseCsv('收件日期\t事项名称\n2025-3-1\t某事\n')[1]!.cells).toEqual(['2025-3-1', '某事']);
  });

  it('refuses an unclosed quote with the row it starts on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow('第 2 行开始的引号没有闭合');
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 with one; refuses GBK with how to save as UTF-8', () => {
    const text = '收件日期,事项名称\n';
    expect(decodeCsv(Buffer.from(text))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    // 收件日期 in GBK
    const gbk = Buffer.from([0xca, 0xd5, 0xbc, 0xfe, 0xc8, 0xd5, 0xc6, 0xda, 0x0a]);
    expect(() => decodeCsv(gbk)).toThrow('请将文件另存为 UTF-8 编码的 CSV');
  });
});

describe('importing a CSV ledger', () => {
  it('imports the same rows with or without a BOM', async () => {
    for (const bom of [true, false]) {
      const app = testApp();
      await seedBasics(app);
      const file = writeText(path.join(tempDir(), bom ? 'bom.csv' : 'plain.csv'), LEDGER, bom);
      const source = await readImportFile(file);
      expect(source.format).toBe('csv');
      const view = planView(buildPlan(app.ctx(), source));
      expect(view.headerRow).toBe(1);
      expect(view.canCommit).toBe(true);
      expect(view.preview.map((r) => [r.row, r.receivedOn, r.title, r.category, r.department, r.itemCount, r.status])).toEqual([
        [2, '2025-03-01', '采购合同审查', '招标采购', '综合处', 1, 'assigned'],
        [3, '2025-03-05', '关于"信访"答复口径, 含逗号', '信访投诉', '政策法规处', 2, 'registered'],
        // record 4 starts on line 5 of the file (a quoted line break above): Excel calls it row 4
        [4, '2025-04-01', '制度草案审查', '制度建设（规范性文件）', '综合处', 1, 'registered'],
      ]);
      const result = await commitImport(app.ctx(), source);
      expect(result.rowCount).toBe(3);
      const note = app.ledger.sqlite.prepare("SELECT note FROM consultations WHERE title LIKE '关于%'").pluck().get();
      expect(note).toBe('第一行\n第二行');
    }
  });

  it('a GBK file is refused with the way to fix it', async () => {
    const file = path.join(tempDir(), 'gbk.csv');
    const bytes = Buffer.from([0xca, 0xd5, 0xbc, 0xfe, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xca, 0xc2, 0x0a]);
    await expect(readImportBytes(bytes, file)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('请将文件另存为 UTF-8 编码的 CSV'),
    });
  });

  it('a __proto__ or constructor header pollutes nothing and is simply not imported', async () => {
    const app = testApp();
    await seedBasics(app);
    const text = csvText([
      ['__proto__', 'constructor', '收件日期', '事项名称', '类别', '提请处室', 'prototype', 'hasOwnProperty'],
      ['{"polluted":1}', 'x', '2025-3-1', '某事', '合同', '综合处', 'p', 'h'],
    ]);
    const source = await readImportBytes(Buffer.from(text), 'proto.csv');
    const view = planView(buildPlan(app.ctx(), source, { categories: [{ name: '__proto__', categoryId: 1 }], departments: [{ name: 'constructor', action: 'create' }] }));
    expect(view.canCommit).toBe(true);
    expect(view.columns.filter((c) => c.field).map((c) => c.header)).toEqual(['收件日期', '事项名称', '类别', '提请处室']);
    await commitImport(app.ctx(), source);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  });
});

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

const HEADERS = ['收件日期', '登记日期', '事项名称', '类别', '提请处室', '项数', '法律顾问', '状态', '意见出具日期', '意见结论', '采纳情况', '未采纳理由', '编号', '备注',
  '__proto__', 'constructor', 'prototype', 'toString', '', '序号', '合计'];
const VALUES = fc.oneof(
  fc.constantFrom('2025-3-1', '2025.3.1', '2025/03/01', '2025年3月1日', '２０２５年３月１日', '2025-02-30', '45717', '合同审查', '采购', '综合处', '新处室',
    '王律师', '已办结', '已登记', '同意', '未采纳', '采纳', '法咨〔2025〕7号', '法咨〔2025〕7号', '1', '0', '３', '__proto__', '{"__proto__":{"polluted":1}}', '合计', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const CSV_FILE = fc
  .tuple(
    fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 10 }),
    fc.array(fc.array(VALUES, { maxLength: 10 }), { maxLength: 12 }),
    fc.constantFrom(',', '\t', ';'),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.boolean(),
  )
  .map(([header, rows, sep, eol, bom]) => {
    const quote = (s: string) => (/[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const text = [header, ...rows].map((r) => r.map(quote).join(sep)).join(eol);
    return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]);
  });

/** Files with the required columns and mostly sensible values, so many of them do import. */
const REQUIRED = ['收件日期', '事项名称', '类别', '提请处室'] as const;
const MOSTLY_GOOD_FILE = fc
  .tuple(
    fc.shuffledSubarray([...REQUIRED], { minLength: 4, maxLength: 4 }),
    fc.array(fc.constantFrom(...HEADERS.filter((h) => !(REQUIRED as readonly string[]).includes(h))), { maxLength: 4 }),
    fc.array(
      fc.record({
        收件日期: fc.constantFrom('2025-3-1', '2025.3.2', '2025/03/03', '2025年3月4日', '２０２５年３月５日', '45720', '20250301', '2025-02-30'),
        事项名称: fc.oneof(fc.constantFrom('合同审查', '采购文件审查', '信访答复'), fc.string({ minLength: 1, maxLength: 20 })),
        类别: fc.constantFrom('合同审查', '采购', '信访', '制度', '复议', '决策', '其他', '法律咨询'),
        提请处室: fc.constantFrom('综合处', '政策法规处', '新处室', '\u3000综合处'),
        extra: fc.array(VALUES, { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([required, extra, rows]) => {
    const header = [...required, ...extra];
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [header, ...rows.map((r) => [...required.map((h) => r[h]), ...extra.map((_, i) => r.extra[i]!)])];
    return Buffer.from(lines.map((l) => l.map(quote).join(',')).join('\r\n'));
  });

describe('fuzzing the CSV path (fast-check)', () => {
  it(`${RUNS} arbitrary ledgers: no crash, all rows or none, no prototype pollution`, async () => {
    const app = testApp();
    await seedBasics(app);
    const ctx = app.ctx();
    let committed = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(CSV_FILE, MOSTLY_GOOD_FILE), fc.boolean(), async (bytes, createMissing) => {
        const before = counts(app.ledger.sqlite);
        let planned = -1;
        try {
          const source = await readImportBytes(bytes, 'fuzz.csv');
          const plan = buildPlan(ctx, source, { createMissing });
          planView(plan);
          planned = plan.canCommit ? plan.rows.length : -1;
          await commitImport(ctx, source, { createMissing, allowDuplicate: true });
          const after = counts(app.ledger.sqlite);
          expect(after.consultations - before.consultations).toBe(planned);
          expect(after.import_batches - before.import_batches).toBe(1);
          committed++;
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(counts(app.ledger.sqlite)).toEqual(before);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
      }),
      { numRuns: RUNS, seed: 20250610 },
    );
    // the property is about imports that happen too, not only refusals
    expect(committed).toBeGreaterThan(RUNS / 20);
    expect(app.ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);

  it(`${RUNS} arbitrary byte strings: a file is read or refused with a clear AppError, never a crash`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.txt', 'x.xls'), async (bytes, name) => {
        try {
          await readImportBytes(Buffer.from(bytes), name);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
