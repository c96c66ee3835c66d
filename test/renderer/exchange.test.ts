/** Issue 23, the office's exchange screens: a fingerprint typed back as read out on the phone, and the counted words in both languages. */
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintInput } from '#contract/exchange-contract';
import { normalizeFingerprint } from '../../renderer/src/features/exchange/typed-fingerprint';
import { i18n } from '../../renderer/src/i18n';

afterAll(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('a fingerprint typed back', () => {
  it('reads groups with spaces, dashes or none, in any case, as the contract does', () => {
    for (const typed of ['ab12-cd34-ef56-gh78', 'AB12 CD34 EF56 GH78', 'ab12cd34ef56gh78', ' AB12 - CD34 - EF56 - GH78 ']) {
      expect(normalizeFingerprint(typed)).toBe('AB12-CD34-EF56-GH78');
      expect(fingerprintInput.parse(normalizeFingerprint(typed))).toBe('AB12-CD34-EF56-GH78');
    }
  });

  it('refuses what is not 16 letters or digits', () => {
    for (const typed of ['', 'AB12-CD34-EF56', 'AB12-CD34-EF56-GH789', 'AB12-CD34-EF56-GH7!', '王建国王建国王建国王建国王建国王建']) {
      expect(normalizeFingerprint(typed)).toBeNull();
    }
  });
});

describe('exchange strings', () => {
  it('English: one and many', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('exchange.pkg.selected', { count: 1 })).toBe('1 item selected');
    expect(i18n.t('exchange.pkg.selected', { count: 3 })).toBe('3 items selected');
    expect(i18n.t('exchange.pkg.workSecret', { count: 1, serials: 'A' })).toBe('1 item selected marked work secret: A');
    expect(i18n.t('exchange.pkg.doneSummary', { count: 2, size: '1.7 KB' })).toBe('2 items packaged, 1.7 KB');
    expect(i18n.t('exchange.reply.done', { count: 1 })).toBe('1 opinion imported (through a reply package)');
    expect(i18n.t('exchange.reply.doneSkipped', { count: 2, skipped: 1 })).toBe('2 opinions imported, 1 opinion left out');
    expect(i18n.t('exchange.reply.conflictCount', { count: 1 })).toMatch(/^1 conflict found:/);
    expect(i18n.t('exchange.reply.conflictCount', { count: 2 })).toMatch(/^2 conflicts found:/);
    expect(i18n.t('exchange.reply.summary', { count: 1 })).toBe('1 opinion in all');
  });

  it('Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('exchange.pkg.selected', { count: 3 })).toBe('已选 3 项');
    expect(i18n.t('exchange.pkg.workSecret', { count: 1, serials: '法咨〔2025〕2号' })).toBe('所选事项中有 1 项的密级为工作秘密：法咨〔2025〕2号');
    expect(i18n.t('exchange.reply.doneSkipped', { count: 1, skipped: 1 })).toBe('已导入 1 份意见，1 份意见未导入');
    expect(i18n.t('exchange.reply.refused.replayed')).toBe('这个回复包已经导入过');
  });
});
