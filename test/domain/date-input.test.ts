import { describe, expect, it } from 'vitest';
import { dateProblemZh, parseDateInput } from '#domain/date-input';
import { ACCEPTED_DATES, REFUSED_DATES } from '../helpers/typed-dates';

describe('parseDateInput: the one date parser of the UI and the import', () => {
  it.each(ACCEPTED_DATES)('%j → %s', (typed, day) => {
    expect(parseDateInput(typed)).toEqual({ ok: true, day });
  });

  it.each(REFUSED_DATES)('%j is refused: %s', (typed, problem) => {
    expect(parseDateInput(typed)).toEqual({ ok: false, problem });
  });

  it('names what was typed in its Chinese reason', () => {
    expect(dateProblemZh('noSuchDay', '2026-02-30')).toBe('日期不存在：“2026-02-30”');
    expect(dateProblemZh('unrecognised', 'abc')).toContain('2026年3月10日');
  });
});
