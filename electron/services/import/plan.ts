/**
 * The dry run: everything an import would do, decided and checked without
 * writing anything. The same function runs again inside the commit's
 * transaction, so what is committed is exactly what was checked then (and a
 * change made in between, e.g. a new item taking a serial, is caught).
 */
import { shanghaiDay } from '#domain/dates';
import type { ImportField } from '#domain/import-fields';
import type { ImportBatchView, ImportCategoryEntry, ImportColumn, ImportNameEntry, ImportOptions, ImportProblem } from '#contract/import-contract';
import { IMPORT_FIELD_LABELS, MAX_IMPORT_ROWS, REQUIRED_IMPORT_FIELDS } from '#domain/import-fields';
import type { ServiceContext } from '../context';
import { readSettings } from '../settings';
import { activeBatchOf } from './batches';
import { categorySuggestions, loadCatalog, matchCategory, resolveCounsels, resolveDepartments, type Catalog, type NameUse } from './catalog';
import type { ImportSource, SheetGrid } from './grid';
import { findHeader, pickSheet, proposeMapping, sheetInfos } from './header';
import { fileError, PROBLEMS_KEPT } from './limits';
import { findDuplicates } from './duplicates';
import { readRow, type PlannedRow } from './rows';
import { assignSerials, checkSerials, type AssignedSerial } from './serials';
import { columnLetter, matchKey } from './text';
import { cellText, isBlank } from './values';

export interface ImportPlan {
  source: ImportSource;
  sheet: SheetGrid | null;
  headerRow: number | null;
  columns: ImportColumn[];
  fieldColumns: Map<ImportField, number>;
  /** data rows, in file order, each with its problems counted */
  rows: PlannedRow[];
  skipped: number;
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  blockers: string[];
  notices: string[];
  departments: ImportNameEntry[];
  counsels: ImportNameEntry[];
  categories: ImportCategoryEntry[];
  /** category text key → category id (null: unknown) */
  categoryOf: Map<string, number | null>;
  /** row number → the serial it keeps or gets */
  serials: Map<number, AssignedSerial>;
  duplicateOf: ImportBatchView | null;
  /** rows with no error and every name resolved */
  ready: number;
  canCommit: boolean;
}

const TOTAL_ROW = /^(合计|总计|小计|共计|累计)/;

function chooseSheet(source: ImportSource, name: string | undefined): SheetGrid | undefined {
  if (name === undefined) return pickSheet(source.sheets);
  const sheet = source.sheets.find((s) => s.name === name);
  if (!sheet) throw fileError(`文件中没有名为“${name}”的工作表`);
  return sheet;
}

/** The proposal with the caller's corrections; two columns for one field is a blocker. */
function applyMapping(columns: ImportColumn[], mapping: ImportOptions['mapping'], blockers: string[]): void {
  const explicit = new Map<number, ImportField | null>();
  for (const m of mapping ?? []) explicit.set(m.column, m.field);
  for (const column of explicit.keys()) {
    for (let c = columns.length; c <= column; c++) columns.push({ index: c, letter: columnLetter(c), header: '', field: null, proposed: null, samples: [] });
  }
  const chosen = new Set([...explicit.values()].filter((f): f is ImportField => f !== null));
  for (const col of columns) {
    col.field = explicit.has(col.index) ? explicit.get(col.index)! : col.proposed && !chosen.has(col.proposed) ? col.proposed : null;
  }
  const byField = new Map<ImportField, ImportColumn[]>();
  for (const col of columns) if (col.field) byField.set(col.field, [...(byField.get(col.field) ?? []), col]);
  for (const [field, cols] of byField) {
    if (cols.length > 1) blockers.push(`“${IMPORT_FIELD_LABELS[field]}”同时对应了 ${cols.map((c) => `${c.letter} 列`).join('、')}，请只保留一列`);
  }
}

function samplesOf(sheet: SheetGrid, headerIndex: number, column: number): string[] {
  const out: string[] = [];
  for (let i = headerIndex + 1; i < sheet.rows.length && out.length < 3; i++) {
    const cell = sheet.rows[i]!.cells[column] ?? null;
    if (!isBlank(cell)) out.push(cellText(cell).slice(0, 60));
  }
  return out;
}

const rowList = (rows: readonly number[]): string => `第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''} 行`;

export function buildPlan(ctx: ServiceContext, source: ImportSource, options: ImportOptions = {}): ImportPlan {
  const { sqlite } = ctx.ledger;
  const blockers: string[] = [];
  const notices: string[] = [];
  const problems: ImportProblem[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const sheet = chooseSheet(source, options.sheet) ?? null;
  const plan: ImportPlan = {
    source,
    sheet,
    headerRow: null,
    columns: [],
    fieldColumns: new Map(),
    rows: [],
    skipped: 0,
    problems,
    errorCount: 0,
    warningCount: 0,
    blockers,
    notices,
    departments: [],
    counsels: [],
    categories: [],
    categoryOf: new Map(),
    serials: new Map(),
    duplicateOf: activeBatchOf(sqlite, source.sha256),
    ready: 0,
    canCommit: false,
  };
  if (plan.duplicateOf) {
    const d = plan.duplicateOf;
    notices.push(
      `该文件已于 ${d.importedAt.slice(0, 10)} 由 ${d.importedBy} 导入过（批次 #${d.id}，${d.rowCount} 条）；再次导入会重复登记，如确需再次导入，请选择“允许重复导入”`,
    );
  }
  if (!sheet || sheet.rows.length === 0) {
    blockers.push('文件中没有内容');
    return finish();
  }
  let headerIndex: number;
  if (options.headerRow !== undefined) {
    headerIndex = sheet.rows.findIndex((r) => r.number === options.headerRow);
    if (headerIndex < 0) {
      blockers.push(`第 ${options.headerRow} 行是空行，不能作为表头`);
      return finish();
    }
  } else {
    const guess = findHeader(sheet);
    if (!guess) {
      blockers.push('未能识别表头行（如“收件日期”“事项名称”“类别”“提请处室”）：请指定表头所在的行，或使用导入模板整理后再导入');
      return finish();
    }
    headerIndex = guess.index;
  }
  const header = sheet.rows[headerIndex]!;
  plan.headerRow = header.number;
  if (headerIndex > 0) notices.push(`表头在第 ${header.number} 行；其上方的 ${headerIndex} 行（标题等）不导入`);
  const proposal = proposeMapping(sheet, headerIndex);
  notices.push(...proposal.notices);
  plan.columns = proposal.columns.map((c) => ({ ...c, letter: columnLetter(c.index), field: null, samples: samplesOf(sheet, headerIndex, c.index) }));
  applyMapping(plan.columns, options.mapping, blockers);
  for (const col of plan.columns) if (col.field && !plan.fieldColumns.has(col.field)) plan.fieldColumns.set(col.field, col.index);
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !plan.fieldColumns.has(f));
  if (missing.length) blockers.push(`缺少必需的列：${missing.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}（请在列对应中指定）`);
  if (!plan.fieldColumns.has('status')) notices.push('文件中没有“状态”列：状态按已填写的内容推定（有办结日期或采纳情况为已办结，有意见为已出具意见，有顾问为已分派，否则为已登记）');
  const others = sheetInfos(source.sheets).filter((s) => s.name !== sheet.name && !s.hidden && s.score > 0);
  if (others.length) notices.push(`另有工作表 ${others.map((s) => `“${s.name}”`).join('、')} 也像是台账；本次只导入“${sheet.name}”，其他工作表请另行导入`);

  const byRow = new Map<number, PlannedRow>();
  const report = (row: number | null, field: ImportField | null, severity: 'error' | 'warning', message: string): void => {
    if (severity === 'error') errorCount++;
    else warningCount++;
    if (row !== null) {
      const planned = byRow.get(row);
      if (planned && severity === 'error') planned.errors++;
    }
    if (problems.length >= PROBLEMS_KEPT) return;
    const column = field === null ? undefined : plan.columns[plan.fieldColumns.get(field) ?? -1];
    problems.push({ row, column: column ? column.header || IMPORT_FIELD_LABELS[field!] : null, letter: column?.letter ?? null, severity, message });
  };

  readRows(sheet, headerIndex, plan, shanghaiDay(ctx.now()), report, byRow);
  if (plan.rows.length > MAX_IMPORT_ROWS) {
    throw fileError(`数据行过多（${plan.rows.length} 行）：一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请按年度拆分后分批导入`);
  }
  if (plan.rows.length === 0 && missing.length === 0) blockers.push('表头下方没有可导入的数据行');

  const catalog = loadCatalog(sqlite);
  resolveNames(ctx, plan, catalog, options, report);
  checkSerials(sqlite, plan.rows, (row, message) => report(row, 'serialNo', 'error', message));
  for (const d of findDuplicates(sqlite, plan.rows)) report(d.row, 'title', 'warning', d.message);
  plan.serials = assignSerials(sqlite, plan.rows, readSettings(ctx.ledger.db).serialPrefix);
  return finish();

  function finish(): ImportPlan {
    plan.errorCount = errorCount;
    plan.warningCount = warningCount;
    const resolved = nameResolutions(plan);
    plan.ready = plan.rows.filter((r) => r.errors === 0 && resolved(r)).length;
    const rowErrors = plan.rows.length - plan.ready;
    if (rowErrors > 0) blockers.push(`有 ${rowErrors} 行存在错误或未确认的名称，请修正后再导入（全部行无误才会导入，不会只导入一部分）`);
    plan.canCommit = blockers.length === 0 && errorCount === 0 && plan.rows.length > 0;
    return plan;
  }
}

/** Each row after the header: blank, total and repeated-header rows are skipped; the rest are read. */
type Report = Parameters<typeof readRow>[1]['report'];

function readRows(sheet: SheetGrid, headerIndex: number, plan: ImportPlan, today: string, report: Report, byRow: Map<number, PlannedRow>): void {
  const mapped = [...plan.fieldColumns.values()];
  const headerTexts = mapped.map((c) => matchKey(cellText(sheet.rows[headerIndex]!.cells[c] ?? null)));
  const totals: number[] = [];
  const headers: number[] = [];
  let emptyMapped = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const grid = sheet.rows[i]!;
    if (mapped.every((c) => isBlank(grid.cells[c] ?? null))) {
      emptyMapped++;
      continue;
    }
    const first = grid.cells.find((c) => !isBlank(c));
    if (first !== undefined && TOTAL_ROW.test(cellText(first).replace(/\s+/g, ''))) {
      totals.push(grid.number);
      continue;
    }
    if (mapped.every((c, k) => matchKey(cellText(grid.cells[c] ?? null)) === headerTexts[k])) {
      headers.push(grid.number);
      continue;
    }
    // problems found later (serials, names) are counted on the row through byRow
    const planned = readRow(grid, { columns: plan.fieldColumns, today, report });
    byRow.set(grid.number, planned);
    plan.rows.push(planned);
  }
  plan.skipped = totals.length + headers.length + emptyMapped;
  if (totals.length) plan.notices.push(`${rowList(totals)}是合计行，不导入`);
  if (headers.length) plan.notices.push(`${rowList(headers)}是重复的表头，不导入`);
  if (emptyMapped) plan.notices.push(`${emptyMapped} 行只在不导入的列（如序号）中有内容，已跳过`);
}

/** Whether a row's division, counsel and category are all decided. */
function nameResolutions(plan: ImportPlan): (r: PlannedRow) => boolean {
  const unresolved = (entries: readonly ImportNameEntry[]): Set<string> =>
    new Set(entries.filter((e) => e.resolution === 'unresolved').map((e) => matchKey(e.name)));
  const depts = unresolved(plan.departments);
  const counsels = unresolved(plan.counsels);
  return (r) =>
    !(r.department && depts.has(r.departmentKey)) &&
    !(r.counselKey && counsels.has(r.counselKey)) &&
    (!r.category || plan.categoryOf.get(matchKey(r.category)) != null);
}

function resolveNames(ctx: ServiceContext, plan: ImportPlan, catalog: Catalog, options: ImportOptions, report: (row: null, field: ImportField, severity: 'error', message: string) => void): void {
  const depts = new Map<string, NameUse>();
  const counsels = new Map<string, NameUse>();
  const cats = new Map<string, { name: string; rows: number[] }>();
  for (const r of plan.rows) {
    if (r.department) use(depts, r.departmentKey, r.department, r.row, null);
    if (r.counsel && r.counselKey) use(counsels, r.counselKey, r.counsel, r.row, r.counselFirm);
    if (r.category) {
      const key = matchKey(r.category);
      const entry = cats.get(key) ?? { name: r.category, rows: [] };
      entry.rows.push(r.row);
      cats.set(key, entry);
    }
  }
  const createMissing = options.createMissing ?? false;
  const d = resolveDepartments(catalog, [...depts.values()], options.departments, createMissing);
  const c = resolveCounsels(catalog, [...counsels.values()], options.counsels, createMissing);
  plan.departments = d.entries;
  plan.counsels = c.entries;
  for (const message of [...d.problems, ...c.problems]) {
    plan.blockers.push(message);
  }
  for (const e of d.entries.filter((x) => x.resolution === 'unresolved')) {
    report(null, 'department', 'error', `处室“${e.name}”不在处室名单中（${rowList(depts.get(matchKey(e.name))!.rows)}）：请选择新建该处室，或对应到已有处室`);
  }
  for (const e of c.entries.filter((x) => x.resolution === 'unresolved')) {
    report(null, 'counsel', 'error', `法律顾问“${e.name}”不在顾问名单中（${rowList(counsels.get(matchKey(e.name))!.rows)}）：请选择新建该顾问，或对应到已有顾问`);
  }
  const creating = c.entries.filter((x) => x.resolution === 'create');
  if (creating.length && !ctx.caller.roles.includes('admin')) {
    const names = creating.map((x) => `“${x.name}”`).join('、');
    plan.blockers.push(`新建法律顾问（${names}）需要系统管理员权限：请由管理员在顾问名单中添加，或将其对应到已有顾问`);
  }
  const choices = new Map((options.categories ?? []).map((x) => [matchKey(x.name), x.categoryId] as const));
  for (const [key, { name, rows }] of cats) {
    const match = matchCategory(catalog, name, choices);
    plan.categoryOf.set(key, match?.id ?? null);
    plan.categories.push({ name, rows: rows.length, sampleRows: rows.slice(0, 5), match, suggestions: match ? [] : categorySuggestions(catalog, name) });
    if (!match) {
      const chosen = choices.has(key) ? '（所选类别不存在）' : '';
      report(null, 'category', 'error', `类别“${name}”无法识别${chosen}（${rowList(rows)}）：请将其对应到已有类别`);
    }
  }
}

function use(map: Map<string, NameUse>, key: string, name: string, row: number, firm: string | null): void {
  const entry = map.get(key) ?? { name, key, firm: null, rows: [] };
  entry.rows.push(row);
  entry.firm ??= firm;
  map.set(key, entry);
}
