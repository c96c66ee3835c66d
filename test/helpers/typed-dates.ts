/**
 * Dates as they are typed, and what the one date parser (electron/domain/date-input.ts) makes of
 * them: the parser's unit test checks every row; the entry form's e2e test types TYPED_DATES.
 */
import type { DateProblem } from '#domain/date-input';

/** The Chinese ways of typing a day, all on or before 2025-06-10 (the e2e ledger's today). */
export const TYPED_DATES: readonly (readonly [typed: string, day: string])[] = [
  ['2025.3.10', '2025-03-10'],
  ['2025/3/10', '2025-03-10'],
  ['20250310', '2025-03-10'],
  ['2025-3-10', '2025-03-10'],
  ['2025年3月10日', '2025-03-10'],
  [' ２０２５－０３－１０ ', '2025-03-10'],
  ['2024.2.29', '2024-02-29'],
];

/** Typed text the parser accepts, with the day it reads. */
export const ACCEPTED_DATES: readonly (readonly [typed: string, day: string])[] = [
  ...TYPED_DATES,
  ['2026-03-10', '2026-03-10'],
  ['2026-3-10', '2026-03-10'],
  ['2026.3.10', '2026-03-10'],
  ['2026/3/10', '2026-03-10'],
  ['2026\\3\\10', '2026-03-10'],
  ['20260310', '2026-03-10'],
  ['2026年3月10日', '2026-03-10'],
  ['2026年3月10号', '2026-03-10'],
  ['2026年3月10', '2026-03-10'],
  ['2026 年 3 月 10 日', '2026-03-10'],
  ['  2026-3-10  ', '2026-03-10'],
  ['\u3000２０２６－３－１０\u3000', '2026-03-10'],
  ['２０２６．３．１０', '2026-03-10'],
  ['２０２６／０３／１０', '2026-03-10'],
  ['２０２６０３１０', '2026-03-10'],
  ['２０２６年３月１０日', '2026-03-10'],
  ['2026-03-10 09:30', '2026-03-10'],
  ['2026-03-10T09:30:00', '2026-03-10'],
  ['\u200b2026-3-10\ufeff', '2026-03-10'],
  ['2026-1-1', '2026-01-01'],
  ['2026-12-31', '2026-12-31'],
  // leap years: divisible by 4, centuries only when divisible by 400
  ['2024-2-29', '2024-02-29'],
  ['2000.2.29', '2000-02-29'],
  ['20280229', '2028-02-29'],
  ['1950-01-01', '1950-01-01'],
  ['2100-12-31', '2100-12-31'],
];

/** Typed text the parser refuses, with the reason. */
export const REFUSED_DATES: readonly (readonly [typed: string, problem: DateProblem])[] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['2026-02-30', 'noSuchDay'],
  ['2026-2-29', 'noSuchDay'],
  ['2025年2月29日', 'noSuchDay'],
  ['2100-02-29', 'noSuchDay'],
  ['1900-02-29', 'noSuchDay'],
  ['2026-13-01', 'noSuchDay'],
  ['2026-04-31', 'noSuchDay'],
  ['2026-00-10', 'noSuchDay'],
  ['2026-03-00', 'noSuchDay'],
  ['20261310', 'noSuchDay'],
  ['２０２６－０２－３０', 'noSuchDay'],
  ['1949-12-31', 'yearOutOfRange'],
  ['2101-01-01', 'yearOutOfRange'],
  ['0226-03-10', 'yearOutOfRange'],
  ['26-3-10', 'shortYear'],
  ['26年3月10日', 'shortYear'],
  ['3/10/2026', 'ambiguousOrder'],
  ['10.3.2026', 'ambiguousOrder'],
  ['today', 'unrecognised'],
  ['2026-3', 'unrecognised'],
  ['2026-03-10-', 'unrecognised'],
  ['2026310', 'unrecognised'],
  ['202603100', 'unrecognised'],
  ['2026/3-10x', 'unrecognised'],
  ['三月十日', 'unrecognised'],
  ['45000', 'unrecognised'],
];
