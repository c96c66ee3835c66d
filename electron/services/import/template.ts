/**
 * The downloadable import template (导入模板.xlsx): the canonical headers, one
 * example row, drop-down lists for 类别/意见结论/采纳情况/状态 (kept on a hidden
 * sheet, so a long category list fits), and a 说明 sheet. Written to a temp
 * file next to the target and renamed over it: the target is the whole
 * template or untouched.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, MAX_IMPORT_ROWS, REQUIRED_IMPORT_FIELDS, type ImportField } from '#domain/import-fields';
import { commitFile } from '../backup/files';
import { TEMPLATE_EXAMPLE_NOTE } from './fields';
import { MAX_FILE_BYTES, megabytes } from './limits';

export const BUILT_IN_CATEGORY_NAMES = ['制度建设（规范性文件）', '合同签订', '招标采购', '信访投诉', '重大执法决定法制审核', '行政复议与诉讼', '重大行政决策', '其他'];
const CONCLUSIONS = ['同意/无异议', '修改后同意', '不同意/存在法律风险', '咨询答复(无结论)'];
const OUTCOMES = ['采纳', '部分采纳', '未采纳'];
const STATUSES = ['已登记', '已分派', '已出具意见', '已办结', '已撤回'];
/** rows of the ledger sheet that get the drop-down lists */
const VALIDATED_ROWS = 5_000;

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

const EXAMPLE: Record<ImportField, string | number | Date> = {
  serialNo: '法咨〔2025〕1号',
  title: '关于办公楼物业服务采购合同的合法性审查',
  category: '合同签订',
  department: '综合处',
  requester: '张三',
  receivedOn: day('2025-03-03'),
  dueOn: day('2025-03-12'),
  itemCount: 1,
  counsel: '王律师',
  counselFirm: '某某律师事务所',
  assignedOn: day('2025-03-04'),
  status: '已办结',
  opinionOn: day('2025-03-07'),
  conclusion: '修改后同意',
  opinionText: '建议补充违约责任和争议解决条款。',
  outcome: '采纳',
  outcomeReason: '',
  outcomeOn: day('2025-03-10'),
  closedOn: day('2025-03-10'),
  description: '',
  note: TEMPLATE_EXAMPLE_NOTE,
};

const NOTES: Record<ImportField, string> = {
  serialNo: '原台账编号，如 法咨〔2025〕7号，将原样保留；留空则按收件日期自动编号',
  title: '必填',
  category: '必填；可从下拉列表选择，也可写常见说法（如 合同审查、采购、信访、复议），导入时可再对应',
  department: '必填；名单中没有的处室，导入时可选择新建或对应到已有处室',
  requester: '',
  receivedOn: '必填；决定计入哪一年。可写 2025-03-01、2025/3/1、2025.3.1、2025年3月1日，或 Excel 日期',
  dueOn: '不得早于收件日期',
  itemCount: '留空按 1 项计；1–999 的整数',
  counsel: '名单中没有的顾问，导入时可新建（需系统管理员）或对应到已有顾问',
  counselFirm: '新建顾问时使用',
  assignedOn: '留空按收件日期计',
  status: '下拉选择；留空则按已填写的内容推定',
  opinionOn: '填写意见结论或意见内容时必填',
  conclusion: '下拉选择；留空按“咨询答复(无结论)”导入',
  opinionText: '',
  outcome: '下拉选择',
  outcomeReason: '采纳情况为“未采纳”时必填',
  outcomeOn: '留空按意见出具日期计',
  closedOn: '状态为已办结时填写',
  description: '',
  note: '',
};

const listColumn = (c: number): string => String.fromCharCode(65 + c);
/** The cell range of the c-th list on the hidden sheet (sheet names in CJK must be quoted). */
const listRange = (c: number, length: number): string => `'选项'!$${listColumn(c)}$2:$${listColumn(c)}$${Math.max(length, 1) + 1}`;

function listSheet(workbook: ExcelJS.Workbook, lists: readonly (readonly string[])[]): void {
  const sheet = workbook.addWorksheet('选项', { state: 'hidden' });
  ['类别', '意见结论', '采纳情况', '状态'].forEach((h, c) => {
    sheet.getCell(1, c + 1).value = h;
    lists[c]!.forEach((v, r) => (sheet.getCell(r + 2, c + 1).value = v));
  });
}

/** exceljs has range validations (written as one sqref) but its typings only declare the per-cell ones. */
type WithRangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function ledgerSheet(workbook: ExcelJS.Workbook, ranges: string[]): void {
  const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const validations = (sheet as unknown as WithRangeValidations).dataValidations;
  sheet.columns = IMPORT_FIELDS.map((f) => ({ width: f === 'title' || f === 'opinionText' || f === 'description' ? 36 : f === 'serialNo' ? 18 : 14 }));
  const header = sheet.getRow(1);
  IMPORT_FIELDS.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    cell.value = IMPORT_FIELD_LABELS[f];
    const required = REQUIRED_IMPORT_FIELDS.includes(f);
    cell.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required ? 'FFFCE4D6' : 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    if (NOTES[f]) cell.note = NOTES[f];
  });
  const example = sheet.getRow(2);
  IMPORT_FIELDS.forEach((f, i) => {
    const value = EXAMPLE[f];
    const cell = example.getCell(i + 1);
    cell.value = value === '' ? null : value;
    if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
  });
  const last = VALIDATED_ROWS + 1;
  const letter = (f: ImportField): string => String.fromCharCode(65 + IMPORT_FIELDS.indexOf(f));
  const list = (f: ImportField, formula: string, what: string): void =>
    validations.add(`${letter(f)}2:${letter(f)}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: what,
      error: `建议从下拉列表中选择${what}`,
    });
  list('category', ranges[0]!, '类别');
  list('conclusion', ranges[1]!, '意见结论');
  list('outcome', ranges[2]!, '采纳情况');
  list('status', ranges[3]!, '状态');
  validations.add(`${letter('itemCount')}2:${letter('itemCount')}${last}`, {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [1, 999],
    showErrorMessage: true,
    errorStyle: 'stop',
    error: '项数应为 1–999 的整数',
  });
  for (const f of IMPORT_FIELDS) {
    if (['receivedOn', 'dueOn', 'assignedOn', 'opinionOn', 'outcomeOn', 'closedOn'].includes(f)) sheet.getColumn(IMPORT_FIELDS.indexOf(f) + 1).numFmt = 'yyyy-mm-dd';
  }
}

function notesSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('说明');
  sheet.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  sheet.addRow(['法律顾问咨询台账 导入模板 使用说明']).font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const line of [
    '1. 在“台账”工作表中每行填写一件咨询事项（一次咨询），第 1 行为表头，请勿修改表头文字。',
    '2. 第 2 行是示例，导入前请删除；红色表头为必填列。',
    `3. 一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，文件不超过 ${megabytes(MAX_FILE_BYTES)}；多年的台账可以放在一个工作表中。`,
    '4. 导入前会先试运行并逐行列出问题（行号、列、原因），全部无误才会导入；导入的批次可以整批撤销。',
    '5. 也可以直接导入原有的 Excel 台账：表头的常见写法（如 登记日期、承办律师、送审科室）会自动识别。',
  ]) sheet.addRow([line]);
  sheet.addRow([]);
  const head = sheet.addRow(['列', '必填', '说明']);
  head.font = { bold: true };
  for (const f of IMPORT_FIELDS) sheet.addRow([IMPORT_FIELD_LABELS[f], REQUIRED_IMPORT_FIELDS.includes(f) ? '是' : '', NOTES[f]]);
}

export interface TemplateOptions {
  /** the ledger's active category names for the drop-down (default: the built-in ones) */
  categories?: readonly string[];
}

/** Write the template to `target` atomically. Returns its size in bytes. */
export async function writeImportTemplate(target: string, options: TemplateOptions = {}): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '法律顾问咨询台账';
  const lists = [[...(options.categories ?? BUILT_IN_CATEGORY_NAMES)], CONCLUSIONS, OUTCOMES, STATUSES];
  // the ledger sheet comes first (it opens first); the lists sheet is created after and referenced by name
  ledgerSheet(workbook, lists.map((l, c) => listRange(c, l.length)));
  notesSheet(workbook);
  listSheet(workbook, lists);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const dir = path.dirname(path.resolve(target));
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new Error(`不能写入“${target}”：这是一个文件夹`);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    commitFile(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return bytes.length;
}
