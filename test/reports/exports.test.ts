/**
 * Each export of the fixture year, read back with an independent reader
 * (exceljs for XLSX, a CSV parser, the DOCX zip's XML), shows the numbers of the
 * JSON tally; nothing in them runs as a formula; files appear whole or not at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { exportReport, type ExportProgress } from '../../electron/services/reports/export';
import { LEDGER_COLUMNS } from '../../electron/services/reports/export/ledger-columns';
import { docxParts, docxTables, parseCsv, readXlsx, xlsxCellsOf } from './readers';
import { useFixture } from './fixture';
import { officeToPdf } from '../helpers/office';

const fixture = useFixture();
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-exports-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const tally = () => fixture().app.call<Tally>('reports.tally', { year: 2025 });

describe('XLSX', () => {
  it('has the seven sheets with the JSON\'s numbers, real dates and numbers, frozen styled headers, no formulas', async () => {
    const file = path.join(outDir, '2025.xlsx');
    const phases: ExportProgress['phase'][] = [];
    const result = await exportReport(fixture().app.ctx(), { year: 2025, format: 'xlsx', path: file, onProgress: (p) => phases.push(p.phase) });
    expect(result).toMatchObject({ path: file, format: 'xlsx', rows: 9 });
    expect(result.bytes).toBe(fs.statSync(file).size);
    expect(phases[0]).toBe('reading');
    expect(phases.at(-1)).toBe('done');
    expect(fs.readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const wb = await readXlsx(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类', '月度', '处室', '顾问', '审查程序', '明细台账']);
    const t = await tally();

    const summary = xlsxCellsOf(wb.getWorksheet('汇总')!);
    const line = (label: string) => summary.find((r) => r[0] === label);
    expect(summary[0]).toEqual(['项目', '2025年', '上年同期（2024年）', '增减']);
    expect(line('咨询次数（次）')).toEqual(['咨询次数（次）', 9, 1, 8]);
    expect(line('咨询项数（项）')).toEqual(['咨询项数（项）', 14, 1, 13]);
    expect(line('撤回（次，不计入上述统计）')).toEqual(['撤回（次，不计入上述统计）', 2, 0, 2]);
    expect(line('出具法律意见（份）')?.[1]).toBe(t.opinions.documents);
    expect(line('意见采纳率')?.slice(0, 3)).toEqual(['意见采纳率', 0.75, '暂无']);
    expect(line('首次出具意见用时中位数（天）')?.[1]).toBe(6); // to the first opinions given in 2025 (tally.test.ts)
    expect(line('期末未办结、结转下期（次）')?.[1]).toBe(6);
    expect(line('报告句式')?.[1]).toBe(t.sentence.text);
    const rateCell = wb.getWorksheet('汇总')!.getRow(summary.indexOf(line('意见采纳率')!) + 1).getCell(2);
    expect(rateCell.numFmt).toBe('0.0%');

    const categories = xlsxCellsOf(wb.getWorksheet('分类')!);
    expect(categories[0]).toEqual(['类别', '次数', '项数', '占比（按次）', '上年同期次数', '上年同期项数']);
    expect(categories.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ...t.byCategory.map((c) => [c.name, c.count, c.items]),
      ['合计', 9, 14],
    ]);
    expect(categories[1]![3]).toBeCloseTo(3 / 9, 12);

    const months = xlsxCellsOf(wb.getWorksheet('月度')!);
    expect(months.slice(1, 13).map((r) => [r[0], r[1], r[2]])).toEqual(t.byMonth.map((m) => [`${Number(m.month.slice(5))}月`, m.count, m.items]));
    expect(xlsxCellsOf(wb.getWorksheet('处室')!).slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['综合处', 4, 7],
      ['政策法规处', 4, 6],
      ['装备处', 1, 1],
      ['合计', 9, 14],
    ]);
    const counsels = xlsxCellsOf(wb.getWorksheet('顾问')!);
    expect(counsels.find((r) => r[0] === '李律师')).toEqual(['李律师', '某某律师事务所', 3, 6, '已离任（聘期至2025-06-30）']);

    const ledgerSheet = wb.getWorksheet('明细台账')!;
    const ledger = xlsxCellsOf(ledgerSheet);
    expect(ledger[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(ledger.length - 1).toBe(t.total.count);
    const col = (header: string) => ledger[0]!.indexOf(header);
    expect(ledger.slice(1).reduce((s, r) => s + (r[col('项数')] as number), 0)).toBe(t.total.items);
    expect(ledger.slice(1).map((r) => r[col('事项名称')])).toEqual(['事项B', '事项C', '事项F', '事项G', '事项M', '事项H', '事项I', '事项J', '事项K']);
    const b = ledger[1]!;
    expect(b[col('收件日期')]).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(b[col('首次意见日期')]).toEqual(new Date(Date.UTC(2025, 0, 6)));
    expect(b[col('意见份数')]).toBe(2);
    expect(b[col('最新意见结论')]).toBe('同意/无异议');
    expect(ledger[2]![col('期末状态')]).toBe('已出具意见'); // C, open at the end of 2025 Shanghai time
    expect(ledger[2]![col('登记时间')]).toEqual(new Date(Date.UTC(2025, 1, 10, 10, 0, 0))); // 10:00 Shanghai wall clock
    expect(ledgerSheet.getRow(2).getCell(col('收件日期') + 1).numFmt).toBe('yyyy-mm-dd');

    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
    // widths fit Chinese text: 2 columns a character, plus padding
    expect(ledgerSheet.getColumn(col('最新意见结论') + 1).width).toBeGreaterThanOrEqual(2 * '不同意/存在法律风险'.length - 5);
    expect(wb.getWorksheet('分类')!.getColumn(1).width).toBeGreaterThanOrEqual(2 * '重大执法决定法制审核'.length);
  });
});

describe('CSV', () => {
  it('is the detail ledger in UTF-8 with a BOM and CRLF, and parses back to the same rows', async () => {
    const file = path.join(outDir, '2025.csv');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'csv', path: file });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBe(1 + 9 + 1); // header, 9 rows, and the final CRLF
    const rows = await parseCsv(text.slice(1));
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rows.length - 1).toBe(9);
    const col = (h: string) => rows[0]!.indexOf(h);
    expect(rows.slice(1).reduce((s, r) => s + Number(r[col('项数')]), 0)).toBe(14);
    expect(rows[1]![col('编号')]).toBe('法咨〔2025〕1号');
    expect(rows[1]![col('收件日期')]).toBe('2025-01-01');
    expect(rows[2]![col('登记时间')]).toBe('2025-02-10 10:00:00');
  });
});

describe('a counsel\'s export', () => {
  it('holds only the items assigned to them', async () => {
    const f = fixture();
    const file = path.join(outDir, 'li.csv');
    await exportReport({ ...f.app.ctx(), caller: { username: 'li', displayName: '李律师', roles: ['counsel'], counselId: f.counsel.li } }, {
      year: 2025,
      format: 'csv',
      path: file,
    });
    const rows = await parseCsv(fs.readFileSync(file, 'utf8').slice(1));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['事项B', '事项C', '事项F']);
  });
});

describe('DOCX', () => {
  it('has the title, the sentence, the tables with the JSON\'s numbers, Chinese fonts and A4 official margins', async () => {
    const file = path.join(outDir, '2025.docx');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'docx', path: file });
    const t = await tally();
    const { document, styles, fontTable, text } = await docxParts(file);
    expect(text).toContain('2025年法律顾问工作情况');
    expect(text).toContain(t.sentence.text);
    expect(text).toContain('共登记法律咨询事项9次（14项），比上年同期增加8次');
    expect(text).toContain('另有2次（4项）由提请处室撤回');
    expect(text).toContain('按时答复率66.7%'); // as at the end of 2025 (tally.test.ts)
    expect(text).toContain('截至2025年12月31日，尚未办结的事项6次（9项）');
    const tables = docxTables(document);
    const categories = tables.find((tb) => tb[0]?.[0] === '类别')!;
    expect(categories.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['制度建设（规范性文件）', '3', '6', '33.3%'],
      ['合同签订', '2', '3', '22.2%'],
      ['招标采购', '1', '2', '11.1%'],
      ['信访投诉', '1', '1', '11.1%'],
      ['重大执法决定法制审核', '0', '0', '0.0%'],
      ['行政复议与诉讼', '0', '0', '0.0%'],
      ['重大行政决策', '1', '1', '11.1%'],
      ['其他', '1', '1', '11.1%'],
      ['合计', '9', '14', '100.0%'],
    ]);
    const outcomes = tables.find((tb) => tb[0]?.[0] === '采纳情况')!;
    expect(outcomes.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['采纳', '2', '4'],
      ['部分采纳', '1', '1'],
      ['未采纳', '1', '2'],
      ['未登记', '5', '7'],
      ['合计', '9', '14'],
    ]);
    const carried = tables.find((tb) => tb[0]?.[0] === '编号')!;
    expect(carried.length - 1).toBe(6);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(document).toContain('w:eastAsia="黑体"');
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(document).toContain('w:lineRule="exact"');
  });
});

describe('text that looks like a formula, and awkward characters', () => {
  it('is neutralised in XLSX and CSV, and survives quoting and XML', async () => {
    const { app } = fixture();
    const hostile = {
      title: '=HYPERLINK("http://evil.example","点我"), 含逗号',
      requester: '+86 139',
      note: '@SUM(A1)\n第二行',
      description: '\t-1+1 控制字符',
    };
    const b = fixture();
    const c = await app.call('consultations.create', { ...hostile, receivedOn: '2025-12-30', categoryId: b.cat('other'), departmentId: b.dept.zonghe, itemCount: 1 });
    try {
      const xlsx = path.join(outDir, 'hostile.xlsx');
      const csv = path.join(outDir, 'hostile.csv');
      await exportReport(app.ctx(), { year: 2025, format: 'xlsx', path: xlsx });
      await exportReport(app.ctx(), { year: 2025, format: 'csv', path: csv });
      const wb = await readXlsx(xlsx);
      const ledger = xlsxCellsOf(wb.getWorksheet('明细台账')!);
      const row = ledger.find((r) => String(r[1]).includes('HYPERLINK'))!;
      const col = (h: string) => ledger[0]!.indexOf(h);
      expect(row[col('事项名称')]).toBe(`'${hostile.title}`);
      expect(row[col('提请人')]).toBe(`'${hostile.requester}`);
      expect(row[col('备注')]).toBe(`'${hostile.note}`);
      expect(row[col('事项说明')]).toBe(`'-1+1 控制字符`); // the form trims the tab (control characters are refused at the contract: test/services/entry-hardening.test.ts)
      const rows = await parseCsv(fs.readFileSync(csv, 'utf8').slice(1));
      const r = rows.find((x) => x[col('事项名称')]!.includes('HYPERLINK'))!;
      expect(r[col('事项名称')]).toBe(`'${hostile.title}`);
      expect(r[col('提请人')]).toBe(`'${hostile.requester}`);
      expect(r[col('备注')]).toBe(`'${hostile.note}`);
      for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    } finally {
      await app.call('consultations.trash', { id: c.id, version: c.version });
    }
  });
});

/**
 * The XLSX and DOCX open in LibreOffice, as a user's office suite would open
 * them: a headless conversion to PDF without error. By hand:
 *   soffice --headless --convert-to pdf --outdir /tmp/out 2025年法律顾问工作情况.xlsx
 */
describe('LibreOffice opens the exports', () => {
  for (const format of ['xlsx', 'docx'] as const) {
    it(`converts the ${format.toUpperCase()} to PDF`, async () => {
      const dir = fs.mkdtempSync(path.join(outDir, `soffice-${format}-`));
      const file = path.join(dir, `report.${format}`);
      await exportReport(fixture().app.ctx(), { year: 2025, format, path: file });
      const pdf = officeToPdf(file);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }, 180_000);
  }
});

describe('the audit chain\'s anchor in each export (issue 19: anchors outside the database)', () => {
  /** read straight from the audit log, not through the code that writes the anchor */
  const chainEnd = () => {
    const sqlite = fixture().app.ledger.sqlite;
    const count = sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    return { count, lastId: last.id, head: last.hash };
  };
  const anchorIn = (text: string) => {
    const m = /审计记录共 (\d+) 条，最后一条（第 (\d+) 号）的哈希：([0-9a-f]{64})/.exec(text);
    if (!m) throw new Error(`no anchor in: ${text}`);
    return { count: Number(m[1]), lastId: Number(m[2]), head: m[3] };
  };

  it('XLSX: the last line of 汇总 names the count and head hash of the audit log at the export', async () => {
    const end = chainEnd();
    expect(end.count).toBeGreaterThan(10);
    const file = path.join(outDir, 'anchor.xlsx');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'xlsx', path: file });
    const wb = await readXlsx(file);
    const summary = xlsxCellsOf(wb.getWorksheet('汇总')!);
    expect(summary.at(-1)![0]).toBe('审计链锚点');
    expect(anchorIn(String(summary.at(-1)![1]))).toEqual(end);
  });

  it('DOCX: the document properties (备注) carry it, the printed text does not', async () => {
    const file = path.join(outDir, 'anchor.docx');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'docx', path: file });
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const core = await zip.file('docProps/core.xml')!.async('string');
    const description = /<dc:description>([^<]*)<\/dc:description>/.exec(core)?.[1] ?? '';
    expect(description.startsWith('审计链锚点：')).toBe(true);
    expect(anchorIn(description)).toEqual(chainEnd());
    expect((await docxParts(file)).text).not.toContain('审计链锚点');
  });

  it('an audited write afterwards moves the chain past the anchor an earlier export carries', async () => {
    const file = path.join(outDir, 'anchor-before.xlsx');
    await exportReport(fixture().app.ctx(), { year: 2025, format: 'xlsx', path: file });
    const before = chainEnd();
    await fixture().app.call('departments.create', { name: `锚点之后的处室${before.count}` });
    const after = chainEnd();
    expect(after.count).toBe(before.count + 1);
    const wb = await readXlsx(file);
    expect(anchorIn(String(xlsxCellsOf(wb.getWorksheet('汇总')!).at(-1)![1]))).toEqual(before);
  });
});
