/**
 * The report sentence (docs/DOMAIN.md "The report sentence"): the admin's template
 * with exact numbers filled in.
 *
 * Decisions:
 * - {categories}: the categories with counted items, by 次 largest first (ties:
 *   the category list's sort order, then id), at most four, joined with 、;
 *   "等" follows only when more than four categories have items (with four or
 *   fewer the list is complete, and 等 would claim otherwise).
 * - A category's name loses its parenthetical in the sentence:
 *   制度建设（规范性文件） → 制度建设 (the parenthetical explains the category in
 *   lists; in running text it breaks the sentence).
 * - No counted items: {categories} reads 各类事项.
 * - Rates have one decimal (97.2%, 100.0%), rounded half up; 暂无 when nothing
 *   has an outcome yet.
 * - No outcome recorded yet: the clause that holds {adoptionRate} (from the
 *   punctuation before it to the punctuation after it) is left out, so the
 *   sentence never reads "意见采纳率暂无".
 * - {year}年 becomes the period's label, so a custom range reads
 *   "2025年1月1日至6月30日，……"; other placeholders: {period}, {count}, {items},
 *   {opinions}, {adoptionRate}, {withdrawn}, {office}. Unknown ones stay as typed.
 */
import type { CategoryFigure, Rate, ReportPeriod, ReportSentence, TallyFigures } from '#contract/reports-contract';
import { NO_RATE } from '#domain/labels';

export const SENTENCE_CATEGORY_LIMIT = 4;
export const NO_CATEGORIES = '各类事项';

/** 制度建设（规范性文件） → 制度建设; also ASCII brackets. A name that is all parenthetical stays whole. */
export function shortCategoryName(name: string): string {
  const short = name.replace(/\s*[（(][^（）()]*[）)]\s*$/u, '').trim();
  return short.length > 0 ? short : name;
}

/** Round half up to tenths of a percent with integer arithmetic, so 35/36 is exactly "97.2%". */
export function formatRate(numerator: number, denominator: number): Rate {
  if (denominator <= 0) return { value: null, text: NO_RATE };
  const tenths = Math.floor((numerator * 2000 + denominator) / (2 * denominator));
  return { value: numerator / denominator, text: `${Math.floor(tenths / 10)}.${tenths % 10}%` };
}

export function sentenceCategories(byCategory: readonly CategoryFigure[]): { names: string[]; more: boolean } {
  const withItems = byCategory
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.sortOrder - b.sortOrder || a.categoryId - b.categoryId);
  return {
    names: withItems.slice(0, SENTENCE_CATEGORY_LIMIT).map((c) => c.shortName),
    more: withItems.length > SENTENCE_CATEGORY_LIMIT,
  };
}

export function renderSentence(
  template: string,
  figures: Pick<TallyFigures, 'total' | 'withdrawn' | 'byCategory' | 'opinions' | 'adoption'> & { period: ReportPeriod },
  officeName = '',
): ReportSentence {
  const { names, more } = sentenceCategories(figures.byCategory);
  const categoriesText = names.length === 0 ? NO_CATEGORIES : `${names.join('、')}${more ? '等' : ''}`;
  const values: Record<string, string> = {
    year: figures.period.from.slice(0, 4),
    period: figures.period.label,
    categories: categoriesText,
    count: String(figures.total.count),
    items: String(figures.total.items),
    opinions: String(figures.opinions.documents),
    adoptionRate: figures.adoption.rate.text,
    withdrawn: String(figures.withdrawn.count),
    office: officeName,
  };
  const text = (figures.adoption.rate.value === null ? withoutClause(template, '{adoptionRate}') : template)
    .replaceAll('{year}年', figures.period.label)
    .replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
  return { text, template, categories: names, more };
}

const CLAUSE_BREAK = '，,；;';
/** The template without the clause holding `placeholder`: its leading break goes with it (or the trailing one, for a first clause). */
export function withoutClause(template: string, placeholder: string): string {
  const at = template.indexOf(placeholder);
  if (at < 0) return template;
  const isBreak = (ch: string | undefined) => ch !== undefined && CLAUSE_BREAK.includes(ch);
  const isEnd = (ch: string | undefined) => ch === undefined || isBreak(ch) || '。.！!？?\n'.includes(ch);
  let start = at;
  while (start > 0 && !isEnd(template[start - 1])) start--;
  let end = at + placeholder.length;
  while (end < template.length && !isEnd(template[end])) end++;
  if (start > 0 && isBreak(template[start - 1])) start--;
  else if (isBreak(template[end])) end++;
  return template.slice(0, start) + template.slice(end);
}
