/** English counts read right for one and for many (i18next plurals, nested where a sentence has two counts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en';
import { i18n } from '../../renderer/src/i18n';

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterAll(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('English plurals', () => {
  it('say "1 consultation is past its due date" and "2 consultations are"', () => {
    expect(i18n.t('reminders.summary', { overdue: 1, soon: 0 })).toBe('Reminder: 1 consultation is past its due date, 0 are due within 2 days.');
    expect(i18n.t('reminders.summary', { overdue: 2, soon: 1 })).toBe('Reminder: 2 consultations are past their due date, 1 is due within 2 days.');
    expect(i18n.t('reminders.atSignIn', { overdue: 1, soon: 3 })).toBe('Of the consultations you can see: 1 is past its due date, 3 are due within 2 days.');
  });

  it('say "1 item", "1 day", "1 row", "1 attachment"', () => {
    expect(i18n.t('reports.values.timesItems', { count: 1, items: 1 })).toBe('1 (1 item)');
    expect(i18n.t('reports.values.timesItems', { count: 3, items: 5 })).toBe('3 (5 items)');
    expect(i18n.t('reports.subs.withdrawn', { items: 1 })).toBe('1 item, not counted');
    expect(i18n.t('queue.dueSoon', { days: 1 })).toBe('Due in 1 day');
    expect(i18n.t('import.preview.title', { count: 1 })).toBe('Preview (first 1 row)');
    expect(i18n.t('attachments.addedCount', { count: 1 })).toBe('1 attachment added');
    expect(i18n.t('audit.verifyOk', { count: 1 })).toBe('Verified: 1 audit record is intact, none changed, deleted or inserted.');
    expect(i18n.t('audit.verifyOk', { count: 7 })).toBe('Verified: all 7 audit records are intact, none changed, deleted or inserted.');
  });

  it('leave no count in front of a plural noun without a plural form', () => {
    // "{{n}} items" reads "1 items": such a count must go through $t(units.…)
    const bare = flatten(en as unknown as Tree).filter(
      ([key, text]) => !key.startsWith('units.') && /\{\{\w+\}\}\)?\s+(consultations|items|rows|days|attachments|records|serials|problems)\b/.test(text),
    );
    expect(bare).toEqual([]);
  });

  it('keep the Chinese wording as it was', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('reminders.summary', { overdue: 1, soon: 0 })).toBe('提醒：1 件咨询事项已超过办理时限，0 件将在 2 天内到期。');
    await i18n.changeLanguage('en');
  });
});
