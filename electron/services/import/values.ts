/**
 * One cell's value as the field needs it, or the reason it cannot be read, in
 * Chinese. Dates: Excel date cells and serial numbers, 2025-3-1, 2025.3.1,
 * 2025/03/01, 2025年3月1日, 20250301, with full-width digits and stray spaces.
 */
import { DATE_INPUT_EXAMPLES, dateProblemZh, dayFromParts, parseDateInput } from '#domain/date-input';
import { textProblem, textProblemZh } from '#domain/text';
import { CellError, type RawCell } from './grid';
import { cleanBlock, cleanLine, matchKey, toHalfWidth } from './text';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

const pad = (n: number): string => String(n).padStart(2, '0');

/** A cell as text, for text fields and messages: dates as YYYY-MM-DD, numbers as Excel shows them. */
export function cellText(cell: RawCell, multiline = false): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return multiline ? cleanBlock(cell) : cleanLine(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  return cell.code;
}

export function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cleanLine(cell) === '');
}

/** Text of a field, or a message when the cell holds an Excel error value. */
export function parseText(cell: RawCell, max: number, multiline = false): Parsed<string> {
  if (cell instanceof CellError) return bad(`单元格是错误值 ${cell.code}，请改为实际内容`);
  const text = cellText(cell, multiline);
  const problem = textProblem(text, multiline);
  if (problem) return bad(textProblemZh(problem));
  // counted as the contract and a text box count (UTF-16 units)
  if (text.length > max) return bad(`内容过长（${text.length} 字），不能超过 ${max} 字`);
  return ok(text);
}

// Excel's day 0 is 1899-12-30 in the 1900 date system (its fictitious 1900-02-29 is serial 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial numbers taken for dates: 1950-01-01 … 2100-12-31 */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_415;

function fromSerial(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function checkDay(y: number, m: number, d: number, shown: string): Parsed<string> {
  const r = dayFromParts(y, m, d);
  return r.ok ? ok(r.day) : bad(dateProblemZh(r.problem, shown));
}

const DATE_HINT = `（可写作 ${DATE_INPUT_EXAMPLES}）`;

/** A calendar day 'YYYY-MM-DD', or why not. Empty cells are handled by the caller. Text goes through the app's one date parser. */
export function parseDay(cell: RawCell): Parsed<string> {
  if (cell instanceof CellError) return bad(`单元格是错误值 ${cell.code}，请改为日期`);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('日期无效');
    return checkDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), cellText(cell));
  }
  if (typeof cell === 'number') return dayFromNumber(cell, cellText(cell));
  if (typeof cell === 'boolean' || cell === null) return bad(`不是日期${DATE_HINT}`);
  const shown = cleanLine(cell);
  const typed = parseDateInput(cell);
  if (typed.ok) return ok(typed.day);
  // a date cell stored as its Excel serial number in text ("45000")
  const s = toHalfWidth(shown).replace(/\s+/g, '');
  if (typed.problem === 'unrecognised' && /^\d{5}(\.\d+)?$/.test(s)) return dayFromNumber(Number(s), shown);
  return bad(dateProblemZh(typed.problem, shown));
}

function dayFromNumber(n: number, shown: string): Parsed<string> {
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 21_001_231) {
    const digits = String(n);
    return checkDay(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)), shown);
  }
  if (n >= SERIAL_MIN && n < SERIAL_MAX + 1) return ok(fromSerial(n));
  return bad(`不是日期：“${shown}”${DATE_HINT}`);
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 项数: a whole number 1–999; "3项", "３", "三" are read too. */
export function parseCount(cell: RawCell): Parsed<number> {
  if (cell instanceof CellError) return bad(`单元格是错误值 ${cell.code}，请改为数字`);
  let n: number;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string') {
    const s = toHalfWidth(cleanLine(cell)).replace(/\s+/g, '').replace(/[项件个份次]$/, '');
    if (/^\d+(\.0+)?$/.test(s)) n = Number(s);
    else if (Object.hasOwn(CN_DIGITS, s)) n = CN_DIGITS[s]!;
    else return bad(`项数应为数字：“${cleanLine(cell)}”`);
  } else return bad(`项数应为数字：“${cellText(cell)}”`);
  if (!Number.isInteger(n)) return bad(`项数应为整数：“${cellText(cell)}”`);
  if (n < 1) return bad('项数至少为 1');
  if (n > 999) return bad(`项数不能超过 999：“${cellText(cell)}”`);
  return ok(n);
}

export interface SerialParts {
  prefix: string;
  year: number;
  seq: number;
}

/** 法咨〔2023〕15号, 法咨[2023]第15号, 法咨（2023）15号, 〔2023〕15号 … */
export function parseSerial(cell: RawCell): Parsed<SerialParts> {
  if (cell instanceof CellError) return bad(`单元格是错误值 ${cell.code}`);
  const shown = cellText(cell);
  const s = toHalfWidth(shown).replace(/\s+/g, '');
  const m = /^(.*?)[〔[(【〖]\s*(\d{4})\s*[〕\])】〗]第?(\d{1,6})号?$/.exec(s);
  const hint = '（应类似 法咨〔2025〕7号；留空则自动编号）';
  if (!m) {
    if (/^\d+$/.test(s)) return bad(`编号“${shown}”不是完整的编号${hint}；若这一列是序号，请将该列设为“不导入”`);
    return bad(`无法识别的编号“${shown}”${hint}`);
  }
  const prefix = m[1]!;
  if ([...prefix].length > 10) return bad(`编号“${shown}”的前缀过长（不能超过 10 个字）`);
  const seq = Number(m[3]);
  if (seq < 1) return bad(`编号“${shown}”的序号应从 1 开始`);
  return ok({ prefix, year: Number(m[2]), seq });
}

/** A value of 状态/意见结论/采纳情况 through its vocabulary; null = the value means "none". */
export function parseWord<T extends string>(cell: RawCell, words: Map<string, T | null>, what: string, allowed: string): Parsed<T | null> {
  if (cell instanceof CellError) return bad(`单元格是错误值 ${cell.code}`);
  const shown = cellText(cell);
  const hit = words.get(matchKey(shown));
  if (hit === undefined) return bad(`无法识别的${what}“${shown}”（可填：${allowed}）`);
  return ok(hit);
}
