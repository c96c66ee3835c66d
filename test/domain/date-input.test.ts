import { describe, expect, it } from 'vitest';
import { dateProblemZh, parseDateInput, type DateProblem } from '#domain/date-input';

describe('parseDateInput: the one date parser of the UI and the import', () => {
  const accepted: [string, string][] = [
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
  it.each(accepted)('%j → %s', (typed, day) => {
    expect(parseDateInput(typed)).toEqual({ ok: true, day });
  });

  const refused: [string, DateProblem][] = [
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
  it.each(refused)('%j is refused: %s', (typed, problem) => {
    expect(parseDateInput(typed)).toEqual({ ok: false, problem });
  });

  it('names what was typed in its Chinese reason', () => {
    expect(dateProblemZh('noSuchDay', '2026-02-30')).toBe('日期不存在：“2026-02-30”');
    expect(dateProblemZh('unrecognised', 'abc')).toContain('2026年3月10日');
  });
});
