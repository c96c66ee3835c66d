/** The report sentence's parts, with expected text written by hand. */
import { describe, expect, it } from 'vitest';
import type { CategoryFigure, ReportSentence } from '#contract/reports-contract';
import { formatRate, renderSentence, sentenceCategories, shortCategoryName, withoutClause } from '../../electron/services/reports/sentence';
import { register, seedBasics, testApp } from '../helpers/ledger';

const cat = (id: number, name: string, count: number, sortOrder = id * 10): CategoryFigure => ({
  categoryId: id,
  code: `c${id}`,
  name,
  shortName: shortCategoryName(name),
  sortOrder,
  active: true,
  count,
  items: count,
  key: `category:${id}`,
});

describe('pieces of the sentence', () => {
  it('rates have one decimal, rounded half up, and 暂无 without a denominator', () => {
    expect(formatRate(35, 36).text).toBe('97.2%');
    expect(formatRate(1, 8).text).toBe('12.5%');
    expect(formatRate(1, 16).text).toBe('6.3%'); // 6.25 → 6.3
    expect(formatRate(1, 80).text).toBe('1.3%'); // 1.25 → 1.3, although 0.0125 is not exact in binary
    expect(formatRate(2, 3).text).toBe('66.7%');
    expect(formatRate(1, 3).text).toBe('33.3%');
    expect(formatRate(0, 5).text).toBe('0.0%');
    expect(formatRate(5, 5).text).toBe('100.0%');
    expect(formatRate(0, 0)).toEqual({ value: null, text: '暂无' });
  });

  it('category names lose their parenthetical, full-width or not', () => {
    expect(shortCategoryName('制度建设（规范性文件）')).toBe('制度建设');
    expect(shortCategoryName('合同签订')).toBe('合同签订');
    expect(shortCategoryName('其他(杂项)')).toBe('其他');
    expect(shortCategoryName('（仅括号）')).toBe('（仅括号）');
  });

  it('names up to four categories by count, ties in list order, and says 等 only when more had items', () => {
    const four = [cat(1, '制度建设（规范性文件）', 2), cat(2, '合同签订', 5), cat(3, '招标采购', 2), cat(4, '信访投诉', 1), cat(5, '其他', 0)];
    expect(sentenceCategories(four)).toEqual({ names: ['合同签订', '制度建设', '招标采购', '信访投诉'], more: false });
    const five = [...four.slice(0, 4), cat(5, '其他', 1, 1)];
    // 其他 sorts first in the list (sortOrder 1), so among the 1s it comes before 信访投诉
    expect(sentenceCategories(five)).toEqual({ names: ['合同签订', '制度建设', '招标采购', '其他'], more: true });
  });

  it('fills the template; {year}年 becomes the period label; unknown placeholders stay', () => {
    const figures = {
      period: { from: '2025-01-01', to: '2025-06-30', year: null, label: '2025年1月1日至6月30日' },
      total: { count: 36, items: 41, key: 'total' },
      withdrawn: { count: 1, items: 1, key: 'withdrawn' },
      byCategory: [cat(1, '合同签订', 36)],
      opinions: { documents: 36, answered: { count: 36, items: 41, key: 'answered' } },
      adoption: { adopted: { count: 35, items: 40, key: 'a' }, withOutcome: { count: 36, items: 41, key: 'w' }, rate: formatRate(35, 36) },
    };
    const s: ReportSentence = renderSentence('{office}{year}年，围绕{categories}开展{count}次（{items}项），{opinions}份，{adoptionRate}，撤回{withdrawn}次，{unknown}', figures, '某办');
    expect(s.text).toBe('某办2025年1月1日至6月30日，围绕合同签订开展36次（41项），36份，97.2%，撤回1次，{unknown}');
    expect(renderSentence('{categories}', { ...figures, byCategory: [] }).text).toBe('各类事项');
  });
});

describe('without any recorded outcome (issue 21)', () => {
  it('the clause holding the adoption rate is left out, wherever it stands', () => {
    expect(withoutClause('开展咨询5次，出具意见3份，意见采纳率{adoptionRate}。', '{adoptionRate}')).toBe('开展咨询5次，出具意见3份。');
    expect(withoutClause('采纳率{adoptionRate}，开展咨询5次。', '{adoptionRate}')).toBe('开展咨询5次。');
    expect(withoutClause('开展咨询5次；采纳率{adoptionRate}；撤回1次。', '{adoptionRate}')).toBe('开展咨询5次；撤回1次。');
    expect(withoutClause('开展咨询5次。', '{adoptionRate}')).toBe('开展咨询5次。');
  });

  it('the default sentence of a year with opinions but no outcome says nothing of adoption', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    await register(app, { categoryId: b.cat('procurement'), departmentId: b.dept.id, itemCount: 2, receivedOn: '2025-05-05' });
    const s = await app.call('reports.sentence', { year: 2025 });
    expect(s.text).toBe('2025年，我办法律顾问围绕招标采购开展法律咨询1次（2项），出具法律意见0份。');
    expect(s.text).not.toContain('暂无');
  });
});

describe('the sentence follows the template in settings', () => {
  it('an admin\'s new wording is used at once', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    await register(app, { categoryId: b.cat('procurement'), departmentId: b.dept.id, itemCount: 2, receivedOn: '2025-05-05' });
    await app.call('settings.update', { reportTemplate: '{year}年共开展法律咨询{count}次（{items}项），主要涉及{categories}。' });
    const s = await app.call('reports.sentence', { year: 2025 });
    expect(s.text).toBe('2025年共开展法律咨询1次（2项），主要涉及招标采购。');
    expect(s.period).toMatchObject({ year: 2025 });
  });
});
