/**
 * Ledgers that look like the ones offices really keep, generated with exceljs
 * (no binary fixtures in the repository): a merged title row, a blank row and a
 * unit line above the header, the headers people use, every date form, full-width
 * digits, category variants, merged division cells, a total row at the bottom.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../helpers/ledger';

export type Cell = string | number | Date | null | { formula: string; result: unknown } | { richText: { text: string }[] };

export const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

export interface SheetSpec {
  name?: string;
  /** rows as Excel shows them from row 1; null = a blank row */
  rows: (Cell[] | null)[];
  merges?: string[];
  /** column number (1-based) → number format for Date cells */
  dateFormat?: string;
  hidden?: boolean;
}

export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name ?? 'Sheet1', spec.hidden ? { state: 'hidden' } : {});
    spec.rows.forEach((row, i) => {
      if (!row) return;
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = ws.getCell(i + 1, c + 1);
        cell.value = value as ExcelJS.CellValue;
        if (value instanceof Date) cell.numFmt = spec.dateFormat ?? 'yyyy"年"m"月"d"日"';
      });
    });
    for (const m of spec.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

export const HEADER = ['序号', '编号', '收文日期', '事项名称', '咨询类别', '送审科室', '提请人', '件数', '承办律师', '意见出具日期', '意见结论', '采纳情况', '未采纳理由', '状态', '备注'];

/**
 * The 2025 ledger of the office: 12 consultations, rows 5–16, a total row 17.
 * Rows 9–10 share a merged division cell. The division 法制办 is not in the database.
 */
export function realLedgerRows(): (Cell[] | null)[] {
  return [
    ['市国防动员办公室2025年法律顾问咨询台账', null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    null,
    ['填报单位：综合处', null, null, null, null, null, null, null, null, null, null, null, null, '单位：件', null],
    HEADER,
    [1, '法咨〔2025〕3号', day('2025-01-06'), '办公楼物业服务合同审查', '合同审查', '综合处', '张三', 1, '王律师', day('2025-01-09'), '修改后同意', '采纳', null, '已办结', null],
    [2, null, 45702, '人防工程维护采购项目招标文件审查', '政府采购', '综合处', '李四', 2, '王律师', '2025-2-20', '同意', '部分采纳', null, '已办结', 'Excel 序列号日期'],
    [3, null, '2025-3-1', '关于群众来信反映事项的答复意见', '信访', '政策法规处', '赵六', 1, '王律师', '2025.3.5', '咨询答复', null, null, '已出具意见', null],
    [4, null, '2025.3.10', '行政规范性文件合法性审查', '规范性文件', '政策法规处', null, '３', '王律师', '2025/03/15', '不同意', '未采纳', '上级已有明确规定', '已办结', null],
    [5, null, '2025/03/12', '重大行政处罚决定法制审核', '执法审核', '法制办', null, 1, '王律师', null, null, null, null, '已分派', null],
    [6, null, '2025年3月20日', '行政复议答复书审查', '复议', null, '孙七', 1, null, null, null, null, null, '已登记', '合并单元格的处室'],
    [7, null, '２０２５年４月２日', '人防警报设施采购合同审查', '合同审查', '综合处', '张三', '２项', '王律师', '２０２５年４月８日', '同意/无异议', '采纳', null, '', '全角数字'],
    [8, null, '\u30002025-04-15\u3000', '应急疏散基地建设重大决策合法性审查', '决策', '\u3000综合处 ', null, 1, '王律师', '2025-04-18', '同意', '采纳', null, '已办结', '全角空格'],
    [9, null, { formula: 'DATE(2025,5,6)', result: day('2025-05-06') }, { richText: [{ text: '应诉' }, { text: '案件' }] }, '应诉', '政策法规处', null, 1, '王律师', null, null, null, null, '已撤回', '公式和富文本'],
    [10, null, day('2025-05-20'), '廉洁协议文本审查', '合同', '综合处', '张三', 1, null, null, null, null, null, null, null],
    [11, null, '20250603', '政府采购意向公开内容审查', '采购', '综合处', null, 1, '王律师', day('2025-06-05'), null, null, null, null, '无状态列值'],
    [12, '法咨〔2025〕15号', day('2025-06-09'), '信访投诉处理程序咨询', '投诉', '综合处', null, 1, '王律师', day('2025-06-09'), '咨询答复', null, null, '已出具意见', null],
    ['合计', null, null, null, null, null, null, 15, null, null, null, null, null, null, null],
  ];
}

export async function realLedger(dir = tempDir(), name = '2025年法律顾问咨询台账.xlsx'): Promise<string> {
  return writeWorkbook(path.join(dir, name), [
    { name: '2025年台账', rows: realLedgerRows(), merges: ['A1:O1', 'F9:F10'] },
    { name: '说明', rows: [['本表由综合处维护'], ['每季度更新']] },
  ]);
}

export function writeText(file: string, text: string, bom = false): string {
  fs.writeFileSync(file, Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]));
  return file;
}

/**
 * Every row of every table, for "nothing was written" comparisons. `logical`:
 * the search index by its content (rowid and text) instead of its FTS5 storage
 * pages, which keep tombstones after a delete.
 */
export function dumpTables(
  sqlite: import('better-sqlite3').Database,
  except: readonly string[] = [],
  options: { logical?: boolean } = {},
): Record<string, unknown[]> {
  const tables = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string | null }[];
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    if (options.logical && virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const rowid = options.logical && virtual.includes(name) ? 'rowid, ' : '';
    // some FTS shadow tables are WITHOUT ROWID: order in JS
    const rows = sqlite.prepare(`SELECT ${rowid}* FROM "${name.replace(/"/g, '""')}"`).all();
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** One CSV record, quoted as Excel does when a field needs it. */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  return cells
    .map((c) => {
      const s = c === null ? '' : String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

export function csvText(rows: readonly (readonly (string | number | null)[])[], eol = '\r\n'): string {
  return rows.map(csvRecord).join(eol) + eol;
}

/** Counts of what an import writes, for "all or nothing" checks. */
export function counts(sqlite: import('better-sqlite3').Database) {
  const n = (t: string) => sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return {
    consultations: n('consultations'),
    opinions: n('opinions'),
    status_history: n('status_history'),
    audit_log: n('audit_log'),
    import_batches: n('import_batches'),
    departments: n('departments'),
    counsels: n('counsels'),
    fts: n('consultations_fts'),
  };
}
