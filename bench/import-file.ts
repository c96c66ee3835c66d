/**
 * A deterministic old ledger to import: an office's XLSX kept before the
 * application (the two years before the generated ledger begins), the way the
 * import tests build theirs (exceljs, a merged title row above the header, date
 * cells, the headers of the import template), with the bench's vocabulary.
 * Every name exists in the bench database, every serial is free there, so the
 * plan has no error and the whole file is committed.
 */
import ExcelJS from 'exceljs';
import { IMPORT_FIELD_LABELS, type ImportField } from '#domain/import-fields';
import { addDays } from '#domain/dates';
import { CATEGORY_WEIGHTS, COUNSELS, DEPARTMENTS, KINDS, rng, SUBJECTS } from './generate';

/** How the category is written in old ledgers: the built-in name or a usual variant. */
const CATEGORY_TEXT: Record<string, string[]> = {
  rules: ['制度建设（规范性文件）', '规范性文件'],
  contract: ['合同签订', '合同审查', '合同'],
  procurement: ['招标采购', '政府采购'],
  complaint: ['信访投诉', '信访'],
  enforcementReview: ['重大执法决定法制审核', '执法审核'],
  litigation: ['行政复议与诉讼', '行政复议'],
  decision: ['重大行政决策'],
  other: ['其他'],
};

const COLUMNS: ImportField[] = [
  'serialNo', 'title', 'category', 'department', 'requester', 'receivedOn', 'dueOn', 'itemCount', 'counsel', 'status',
  'opinionOn', 'conclusion', 'outcome', 'outcomeReason', 'closedOn', 'description', 'note',
];

export interface ImportFileOptions {
  rows: number;
  seed: number;
  /** the first year of the file; rows are spread evenly over `years` years from it */
  firstYear: number;
  years: number;
}

export async function writeImportLedger(file: string, opts: ImportFileOptions): Promise<number> {
  const random = rng(opts.seed ^ 0x1f2e3d);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const totalWeight = CATEGORY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickCategory = () => {
    let x = random() * totalWeight;
    for (const [code, w] of CATEGORY_WEIGHTS) if ((x -= w) < 0) return code;
    return 'other';
  };
  const lastYear = opts.firstYear + opts.years - 1;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${opts.firstYear}-${lastYear}年台账`);
  ws.addRow([`市国防动员办公室${opts.firstYear}—${lastYear}年法律顾问咨询台账`]);
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.addRow(COLUMNS.map((f) => IMPORT_FIELD_LABELS[f]));
  const dateColumns = ['receivedOn', 'dueOn', 'opinionOn', 'closedOn'].map((f) => COLUMNS.indexOf(f as ImportField) + 1);
  for (const c of dateColumns) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
  const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

  const perYear = Math.floor(opts.rows / opts.years);
  for (let y = 0; y < opts.years; y++) {
    const year = opts.firstYear + y;
    const count = y === opts.years - 1 ? opts.rows - perYear * (opts.years - 1) : perYear;
    const days = Array.from({ length: count }, () => Math.floor(random() * 365)).sort((a, b) => a - b);
    for (let i = 0; i < count; i++) {
      const receivedOn = addDays(`${year}-01-01`, days[i]!);
      const code = pickCategory();
      const withdrawn = random() < 0.03;
      const opinionOn = withdrawn ? null : addDays(receivedOn, 1 + Math.floor(random() * 12));
      const outcome = withdrawn ? null : random() < 0.85 ? '采纳' : random() < 0.6 ? '部分采纳' : '未采纳';
      const title = `关于${pick(SUBJECTS)}${pick(KINDS[code]!)}的请示`;
      const values: Record<ImportField, string | number | Date | null> = {
        serialNo: random() < 0.9 ? `法咨〔${year}〕${i + 1}号` : null, // some rows were never numbered: they get the next free one
        title,
        category: pick(CATEGORY_TEXT[code]!),
        department: pick(DEPARTMENTS),
        requester: pick(['张科长', '李主任', '王处长', '赵干事', '刘科员', '陈副处长']),
        receivedOn: asDate(receivedOn),
        dueOn: asDate(addDays(receivedOn, 10)),
        itemCount: random() < 0.8 ? 1 : 2 + Math.floor(random() * 3),
        counsel: pick(COUNSELS),
        status: withdrawn ? '已撤回' : '已办结',
        opinionOn: asDate(opinionOn),
        conclusion: withdrawn ? null : pick(['同意', '修改后同意', '不同意', '咨询答复']),
        outcome,
        outcomeReason: outcome === '未采纳' ? '经研究决定暂缓实施' : null,
        closedOn: asDate(opinionOn && addDays(opinionOn, 5)),
        description: `${pick(DEPARTMENTS)}提请对${pick(SUBJECTS)}事项进行法律审查，涉及金额约${Math.floor(random() * 500)}万元。`,
        note: withdrawn ? '处室撤回' : null,
        assignedOn: null,
        counselFirm: null,
        opinionText: null,
        outcomeOn: null,
      };
      ws.addRow(COLUMNS.map((f) => values[f]));
    }
  }
  await wb.xlsx.writeFile(file);
  return opts.rows;
}
