/**
 * A calendar day as people type it: the one parser for the date fields of the
 * UI and for date cells of an import (same rules in both).
 *
 * Accepted: 2026-03-10, 2026-3-10, 2026.3.10, 2026/3/10, 2026\3\10, 20260310,
 * 2026年3月10日 (or …10号, or without 日), full-width digits and separators
 * (２０２６－３－１０, ２０２６．３．１０), spaces around and inside, and a time of day
 * after the date (2026-03-10 09:30, as a spreadsheet writes it), which is dropped.
 * Refused with a reason: anything else, days that do not exist (2026-02-30,
 * 2025-02-29), years outside 1950–2100, two-digit years (26-3-10), and
 * day-month orders that cannot be told apart (3/10/2026).
 *
 * Pure TypeScript: no zod, no Node, no imports from electron/api or services,
 * so the renderer, the contract and the import can all use it.
 */
import { toHalfWidth, ZERO_WIDTH } from './text';

/** Why a typed date was not taken. */
export type DateProblem = 'empty' | 'unrecognised' | 'noSuchDay' | 'yearOutOfRange' | 'shortYear' | 'ambiguousOrder';

export type DateInputResult = { ok: true; day: string } | { ok: false; problem: DateProblem };

/** Years a typed date may have: a typo such as 0226 or 20226 is refused, not stored. */
export const DATE_INPUT_MIN_YEAR = 1950;
export const DATE_INPUT_MAX_YEAR = 2100;

const pad = (n: number): string => String(n).padStart(2, '0');

/** y-m-d as 'YYYY-MM-DD' when that day exists in the Gregorian calendar. */
export function calendarDay(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

/** A day from its parts, within the years a typed date may have. */
export function dayFromParts(y: number, m: number, d: number): DateInputResult {
  const day = calendarDay(y, m, d);
  if (day === null) return { ok: false, problem: 'noSuchDay' };
  if (y < DATE_INPUT_MIN_YEAR || y > DATE_INPUT_MAX_YEAR) return { ok: false, problem: 'yearOutOfRange' };
  return { ok: true, day };
}

/** The typed text made plain: half-width, no zero-width characters, a trailing time of day dropped, no spaces. */
function plain(input: string): string {
  return toHalfWidth(input.replace(ZERO_WIDTH, ''))
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ')
    .trim()
    .replace(/(?:T|\s+)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '')
    .replace(/\s+/g, '');
}

const SEPARATED = /^(\d{4})[-./\\](\d{1,2})[-./\\](\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SHORT_YEAR = /^\d{2}(?:[-./\\]\d{1,2}[-./\\]\d{1,2}|年\d{1,2}月\d{1,2}[日号]?)$/;
const DAY_FIRST = /^\d{1,2}[-./\\]\d{1,2}[-./\\]\d{4}$/;

/** A typed date → 'YYYY-MM-DD', or the reason it cannot be taken. Never guesses a day. */
export function parseDateInput(input: string): DateInputResult {
  const s = plain(input);
  if (s === '') return { ok: false, problem: 'empty' };
  const m = SEPARATED.exec(s) ?? CHINESE.exec(s) ?? COMPACT.exec(s);
  if (m) return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  if (SHORT_YEAR.test(s)) return { ok: false, problem: 'shortYear' };
  if (DAY_FIRST.test(s)) return { ok: false, problem: 'ambiguousOrder' };
  return { ok: false, problem: 'unrecognised' };
}

/** The forms one may type, for hints next to a field and in import messages. */
export const DATE_INPUT_EXAMPLES = '2026-03-10、2026/3/10、2026.3.10、20260310 或 2026年3月10日';

/** The reason in Chinese, naming what was typed (import messages and server-side refusals). */
export function dateProblemZh(problem: DateProblem, shown: string): string {
  const hint = `（可写作 ${DATE_INPUT_EXAMPLES}）`;
  switch (problem) {
    case 'empty':
      return '请填写日期';
    case 'noSuchDay':
      return `日期不存在：“${shown}”`;
    case 'yearOutOfRange':
      return `日期的年份不合理：“${shown}”（应在 ${DATE_INPUT_MIN_YEAR}–${DATE_INPUT_MAX_YEAR} 年之间）`;
    case 'shortYear':
      return `日期“${shown}”的年份请写完整的四位数字`;
    case 'ambiguousOrder':
      return `日期“${shown}”无法确定月和日的顺序，请写作 年-月-日${hint}`;
    case 'unrecognised':
      return `无法识别的日期“${shown}”${hint}`;
  }
}

/**
 * Whether a day lies after `today` (both 'YYYY-MM-DD'). Every business date
 * (收件、出具、采纳登记 …) must not; due dates (办理时限) may.
 */
export function isAfterToday(day: string, today: string): boolean {
  return day > today;
}

/** The refusal of a business date after today, in Chinese: "收件日期 2999-12-31 晚于今天（2026-12-07）". */
export function futureDayZh(what: string, day: string, today: string): string {
  return `${what} ${day} 晚于今天（${today}）`;
}
