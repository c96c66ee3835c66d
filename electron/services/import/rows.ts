/**
 * One data row of the ledger → the consultation it becomes, with every problem
 * named by row and column in Chinese. The rules are the app's own (the
 * contract's limits, the workflow, the outcome CHECK), so nothing imported
 * could not have been entered by hand; the dates of an imported item are its
 * own (an item answered in 2023 is answered in 2023), never the import's.
 */
import { IMPORT_FIELD_LABELS, type ImportField } from '#domain/import-fields';
import { STATUSES, type Conclusion, type ConsultationStatus, type Outcome } from '#domain/types';
import { CONCLUSION_WORDS, OUTCOME_WORDS, STATUS_WORDS, TEMPLATE_EXAMPLE_NOTE } from './fields';
import type { GridRow, RawCell } from './grid';
import { matchKey } from './text';
import { isBlank, parseCount, parseDay, parseSerial, parseText, parseWord, type SerialParts } from './values';
import { futureDayZh, isAfterToday } from '#domain/date-input';
import { LIMITS } from '#domain/limits';
import { STATUS_ZH } from '#domain/labels';

export interface PlannedOpinion {
  issuedOn: string;
  conclusion: Conclusion;
  text: string;
}

export interface PlannedRow {
  row: number;
  /** the number in the file, kept as it is */
  serial: SerialParts | null;
  title: string;
  description: string;
  category: string;
  department: string;
  departmentKey: string;
  requester: string;
  receivedOn: string | null;
  dueOn: string | null;
  itemCount: number;
  counsel: string | null;
  counselKey: string | null;
  counselFirm: string | null;
  assignedOn: string | null;
  status: ConsultationStatus;
  opinion: PlannedOpinion | null;
  outcome: Outcome | null;
  outcomeReason: string | null;
  outcomeOn: string | null;
  closedOn: string | null;
  note: string;
  errors: number;
  warnings: number;
}

export interface RowContext {
  /** where each mapped field is */
  columns: ReadonlyMap<ImportField, number>;
  /** today in Asia/Shanghai */
  today: string;
  report(row: number, field: ImportField | null, severity: 'error' | 'warning', message: string): void;
}

const STATUS_ALLOWED = STATUSES.map((s) => STATUS_ZH[s]).join('、');
const CONCLUSION_ALLOWED = '同意、修改后同意、不同意、咨询答复';
const OUTCOME_ALLOWED = '采纳、部分采纳、未采纳';
const label = (f: ImportField): string => IMPORT_FIELD_LABELS[f];

/** The contract's limits on the same fields (electron/domain/limits.ts); a category is matched by up to 100 characters. */
const MAX = { ...LIMITS, department: LIMITS.departmentName, counsel: LIMITS.counselName, counselFirm: LIMITS.firm, category: 100 };

export function readRow(grid: GridRow, ctx: RowContext): PlannedRow {
  let errors = 0;
  let warnings = 0;
  const has = (f: ImportField): boolean => ctx.columns.has(f);
  const cell = (f: ImportField): RawCell => {
    const c = ctx.columns.get(f);
    return c === undefined ? null : (grid.cells[c] ?? null);
  };
  const error = (f: ImportField | null, message: string): void => {
    errors++;
    ctx.report(grid.number, f, 'error', message);
  };
  const warning = (f: ImportField | null, message: string): void => {
    warnings++;
    ctx.report(grid.number, f, 'warning', message);
  };
  const text = (f: ImportField, max: number, multiline = false): string => {
    const r = parseText(cell(f), max, multiline);
    if (r.ok) return r.value;
    error(f, r.message);
    return '';
  };
  /** business dates are not after today; due dates may be */
  const notFuture = (f: ImportField, what: string, d: string | null): void => {
    if (d !== null && isAfterToday(d, ctx.today)) error(f, futureDayZh(what, d, ctx.today));
  };
  /** undefined: the cell is there but unreadable (already reported) */
  const day = (f: ImportField): string | null | undefined => {
    const c = cell(f);
    if (isBlank(c)) return null;
    const r = parseDay(c);
    if (r.ok) return r.value;
    error(f, r.message);
    return undefined;
  };
  const required = (f: ImportField, value: string): void => {
    if (has(f) && value === '') error(f, `缺少${label(f)}`);
  };
  const word = <T extends string>(f: ImportField, words: Map<string, T | null>, allowed: string): T | null | undefined => {
    const c = cell(f);
    if (isBlank(c)) return null;
    const r = parseWord(c, words, label(f), allowed);
    if (r.ok) return r.value;
    error(f, r.message);
    return undefined;
  };

  const title = text('title', MAX.title);
  required('title', title);
  const category = text('category', MAX.category);
  required('category', category);
  const department = text('department', MAX.department);
  required('department', department);
  const receivedOnRaw = day('receivedOn');
  if (receivedOnRaw === null && has('receivedOn')) error('receivedOn', `缺少${label('receivedOn')}`);
  const receivedOn = receivedOnRaw ?? null;
  notFuture('receivedOn', '收件日期', receivedOn);

  let serial: SerialParts | null = null;
  if (!isBlank(cell('serialNo'))) {
    const r = parseSerial(cell('serialNo'));
    if (!r.ok) error('serialNo', r.message);
    else if (receivedOn && r.value.year !== Number(receivedOn.slice(0, 4))) {
      error('serialNo', `编号的年份（${r.value.year}）与收件日期的年份（${receivedOn.slice(0, 4)}）不一致：编号按收件年度编排，请核对收件日期，或清空编号以自动编号`);
    } else serial = r.value;
  }

  let itemCount = 1;
  if (!isBlank(cell('itemCount'))) {
    const r = parseCount(cell('itemCount'));
    if (r.ok) itemCount = r.value;
    else error('itemCount', r.message);
  }

  const dueOn = day('dueOn') ?? null;
  if (dueOn && receivedOn && dueOn < receivedOn) error('dueOn', `办理时限 ${dueOn} 早于收件日期 ${receivedOn}`);

  const counselText = text('counsel', MAX.counsel);
  const counsel = counselText || null;
  const firm = text('counselFirm', MAX.counselFirm) || null;
  const assignedOn = day('assignedOn') ?? null;
  notFuture('assignedOn', '分派日期', assignedOn);
  if (assignedOn && receivedOn && assignedOn < receivedOn) error('assignedOn', `分派日期 ${assignedOn} 早于收件日期 ${receivedOn}`);

  const opinion = readOpinion();
  const outcome = word('outcome', OUTCOME_WORDS, OUTCOME_ALLOWED);
  const outcomeReason = text('outcomeReason', MAX.outcomeReason, true) || null;
  const outcomeOnRaw = day('outcomeOn');
  const closedOn = day('closedOn') ?? null;
  if (outcome === 'notAdopted' && !outcomeReason) error('outcomeReason', '采纳情况为“未采纳”的，须填写未采纳理由');
  if (outcome === null && outcomeReason) error('outcomeReason', '填写了未采纳理由，但没有填写采纳情况');
  notFuture('outcomeOn', '采纳登记日期', outcomeOnRaw ?? null);
  notFuture('closedOn', '办结日期', closedOn);
  if (outcome === null && outcomeOnRaw) error('outcomeOn', '填写了采纳登记日期，但没有填写采纳情况');
  if (outcomeOnRaw && opinion && outcomeOnRaw < opinion.issuedOn) error('outcomeOn', `采纳登记日期 ${outcomeOnRaw} 早于意见出具日期 ${opinion.issuedOn}`);
  if (closedOn && receivedOn && closedOn < receivedOn) error('closedOn', `办结日期 ${closedOn} 早于收件日期 ${receivedOn}`);
  if (closedOn && opinion && closedOn < opinion.issuedOn) error('closedOn', `办结日期 ${closedOn} 早于意见出具日期 ${opinion.issuedOn}`);

  const status = readStatus();
  const note = text('note', MAX.note, true);
  if (note === TEMPLATE_EXAMPLE_NOTE) error('note', '这是导入模板中的示例行，请删除后再导入');

  return {
    row: grid.number,
    serial,
    title,
    description: text('description', MAX.description, true),
    category,
    department,
    departmentKey: matchKey(department),
    requester: text('requester', MAX.requester),
    receivedOn,
    dueOn,
    itemCount,
    counsel,
    counselKey: counsel ? matchKey(counsel) : null,
    counselFirm: firm,
    assignedOn: assignedOn ?? (counsel && status !== 'registered' ? receivedOn : null),
    status,
    opinion,
    outcome: outcome ?? null,
    outcomeReason: outcome ? outcomeReason : null,
    outcomeOn: outcome ? (outcomeOnRaw ?? opinion?.issuedOn ?? closedOn ?? null) : null,
    closedOn: status === 'closed' ? closedOn : null,
    note,
    errors,
    warnings,
  };

  function readOpinion(): PlannedOpinion | null {
    const issuedOn = day('opinionOn');
    const conclusion = word('conclusion', CONCLUSION_WORDS, CONCLUSION_ALLOWED);
    const body = text('opinionText', MAX.opinionText, true);
    if (issuedOn === undefined || conclusion === undefined) return null;
    if (issuedOn === null) {
      if (conclusion) error('opinionOn', `填写了意见结论“${cellTextOf('conclusion')}”，但缺少意见出具日期`);
      else if (body) error('opinionOn', '填写了意见内容，但缺少意见出具日期');
      return null;
    }
    if (receivedOn && issuedOn < receivedOn) error('opinionOn', `意见出具日期 ${issuedOn} 早于收件日期 ${receivedOn}`);
    notFuture('opinionOn', '意见出具日期', issuedOn);
    if (!conclusion) warning('conclusion', '未填写意见结论，按“咨询答复(无结论)”导入');
    return { issuedOn, conclusion: conclusion ?? 'advisory', text: body };
  }

  function cellTextOf(f: ImportField): string {
    const r = parseText(cell(f), 100);
    return r.ok ? r.value : '';
  }

  /** The status in the file, checked against the rest of the row; or derived from it when not given. */
  function readStatus(): ConsultationStatus {
    const given = word('status', STATUS_WORDS, STATUS_ALLOWED);
    const answeredData = opinion !== null || outcome != null;
    if (!given) {
      if (closedOn || outcome) return 'closed';
      if (opinion) return 'answered';
      return counsel ? 'assigned' : 'registered';
    }
    const zh = STATUS_ZH[given];
    if (given === 'registered' && (counsel || answeredData || closedOn)) {
      error('status', `状态为“${zh}”，但已填写${[counsel && '法律顾问', opinion && '意见', outcome && '采纳情况', closedOn && '办结日期'].filter(Boolean).join('、')}：请核对状态`);
    } else if (given === 'assigned' && (answeredData || closedOn)) {
      error('status', `状态为“${zh}”，但已填写${[opinion && '意见', outcome && '采纳情况', closedOn && '办结日期'].filter(Boolean).join('、')}：请核对状态`);
    } else if ((given === 'answered' || given === 'withdrawn') && closedOn) {
      error('closedOn', `状态为“${zh}”的事项不应有办结日期`);
    }
    if ((given === 'answered' || given === 'closed') && !opinion) {
      warning('opinionOn', `状态为“${zh}”，但没有意见出具日期：将按${zh}导入，不计入“出具法律意见”份数和办理用时`);
    }
    return given;
  }
}
