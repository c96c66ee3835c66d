/** The review procedures' counted words (issue 20) read right in English for one and for many, and in Chinese. */
import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';

afterAll(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('review procedure strings', () => {
  it('English: one and many', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('procedures.remindMaterial', { count: 1 })).toBe('1 item awaiting material');
    expect(i18n.t('procedures.remindMaterial', { count: 3 })).toBe('3 items awaiting material');
    expect(i18n.t('procedures.remindSignOff', { count: 1 })).toBe('1 opinion awaiting sign-off');
    expect(i18n.t('procedures.pausedDaysValue', { count: 1 })).toBe('1 day');
    expect(i18n.t('procedures.pausedDaysValue', { count: 3 })).toBe('3 days');
    expect(i18n.t('procedures.figureReturnsValue', { count: 1, items: 1 })).toBe('1 return (items returned: 1)');
    expect(i18n.t('procedures.figureReturnsValue', { count: 3, items: 2 })).toBe('3 returns (items returned: 2)');
    expect(i18n.t('procedures.days', { count: 5 })).toBe('5 working days');
    // the average wait is its own count: never "1 days"
    expect(i18n.t('procedures.figureSignOffValue', { count: 2, days: 1 })).toBe('2 opinions, average wait 1 day');
    expect(i18n.t('procedures.figureSignOffValue', { count: 1, days: 4 })).toBe('1 opinion, average wait 4 days');
  });

  it('Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('procedures.remindMaterial', { count: 3 })).toBe('待补正材料 3 件');
    expect(i18n.t('procedures.figureSignOffValue', { count: 2, days: 4 })).toBe('2 份，平均等待 4 天');
  });
});
