/**
 * The length limits of free-text fields (UTF-16 code units, as a text box
 * counts them). The one home of each limit: the contract refuses longer text
 * with VALIDATION (never cuts it), the UI shows a counter up to the same number.
 * Pure TypeScript, so the renderer imports it without zod.
 */
import { toHalfWidth } from './text';
export const LIMITS = {
  title: 200,
  description: 20_000,
  requester: 50,
  note: 2_000,
  opinionText: 50_000,
  outcomeReason: 2_000,
  reason: 1_000,
  search: 100,
  categoryNameZh: 30,
  categoryNameEn: 60,
  departmentName: 50,
  counselName: 30,
  firm: 100,
  phone: 30,
  displayName: 30,
  officeName: 100,
  serialPrefix: 10,
  reportTemplate: 2_000,
  holidayName: 30,
} as const;

/** 项数: a whole number in this range. */
export const ITEM_COUNT = { min: 1, max: 999 } as const;

export type ItemCountResult = { ok: true; value: number } | { ok: false; problem: 'empty' | 'decimal' | 'notNumber' | 'range' };

/** 项数 as typed: half-width or full-width digits ("３"), a trailing 项; "2.5" is refused, never rounded. */
export function parseItemCount(typed: string): ItemCountResult {
  const s = toHalfWidth(typed).replace(/\s+/g, '').replace(/项$/, '');
  if (s === '') return { ok: false, problem: 'empty' };
  if (/^\d+\.\d*[1-9]\d*$/.test(s)) return { ok: false, problem: 'decimal' };
  if (!/^\d+(\.0*)?$/.test(s)) return { ok: false, problem: 'notNumber' };
  const value = Number(s);
  if (value < ITEM_COUNT.min || value > ITEM_COUNT.max) return { ok: false, problem: 'range' };
  return { ok: true, value };
}
