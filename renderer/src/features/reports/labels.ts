/**
 * How the report's figures are named and written: periods, months, changes
 * against the previous period, and the name of a drill-down key ("2025年 · 合同签订").
 */
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Category } from '#domain/types';
import { RATINGS } from '#domain/engagement';
import type { Rate, Tally, TallyFigures } from '#contract/reports-contract';
import type { Period } from './period';

export function formatDate(day: string, t: TFunction): string {
  return dayjs(day).format(t('reports.dateFormat'));
}

export function periodLabel(p: Period, t: TFunction): string {
  return p.kind === 'year'
    ? t('reports.yearLabel', { year: p.year })
    : t('reports.rangeLabel', { from: formatDate(p.from, t), to: formatDate(p.to, t) });
}

/** "3月" within one year, "2025年3月" when the period spans years. */
export function monthLabel(month: string, withYear: boolean, t: TFunction): string {
  return dayjs(`${month}-01`).format(t(withYear ? 'reports.monthYearFormat' : 'reports.monthFormat'));
}

export function spansYears(figures: TallyFigures): boolean {
  return figures.period.from.slice(0, 4) !== figures.period.to.slice(0, 4);
}

/** Names of the office's categories, divisions and counsel in the UI language. */
export interface NameBook {
  /** the category's full name ("制度建设（规范性文件）"; English name in English) */
  category(id: number): string;
  /** the short name for chart axes ("制度建设") */
  categoryShort(id: number): string;
  department(id: number): string;
  counsel(id: number | null): string;
  /** the firm of the yearly assessment's drill-down (firm:N) */
  firm(id: number): string;
}

export function nameBook(tally: Tally, categories: Category[] | undefined, lang: string, t: TFunction, firms: readonly { id: number; name: string }[] = []): NameBook {
  const en = lang === 'en';
  const english = new Map((categories ?? []).map((c) => [c.id, c.nameEn]));
  const all = [...tally.byCategory, ...tally.previous.byCategory];
  const find = (id: number) => all.find((c) => c.categoryId === id);
  const departments = new Map([...tally.previous.byDepartment, ...tally.byDepartment].map((d) => [d.departmentId, d.name]));
  const counsels = new Map([...tally.previous.byCounsel, ...tally.byCounsel].map((c) => [c.counselId, c.name]));
  return {
    category: (id) => (en && english.get(id)) || find(id)?.name || `#${id}`,
    categoryShort: (id) => (en && english.get(id)) || find(id)?.shortName || `#${id}`,
    department: (id) => departments.get(id) ?? `#${id}`,
    counsel: (id) => (id === null ? t('ledger.notAssigned') : (counsels.get(id) ?? `#${id}`)),
    firm: (id) => firms.find((f) => f.id === id)?.name ?? `#${id}`,
  };
}

const STATUSES = ['registered', 'assigned', 'answered', 'closed', 'withdrawn'] as const;
const CONCLUSIONS = ['approve', 'approveWithChanges', 'object', 'advisory'] as const;
const OUTCOMES = ['adopted', 'partiallyAdopted', 'notAdopted'] as const;

function oneOf<T extends string>(v: string, list: readonly T[]): T | undefined {
  return list.find((x) => x === v);
}

export function conclusionLabel(c: string, t: TFunction): string {
  const known = oneOf(c, CONCLUSIONS);
  return known ? t(`conclusion.${known}`) : t('reports.keys.noOpinion');
}

export function outcomeLabel(o: string, t: TFunction): string {
  const known = oneOf(o, OUTCOMES);
  return known ? t(`outcome.${known}`) : t('reports.keys.noOutcome');
}

function statusLabel(s: string, t: TFunction): string {
  const known = oneOf(s, STATUSES);
  return known ? t(`status.${known}`) : s;
}

/** One atom of a drill-down key in words. */
function atomLabel(atom: string, names: NameBook, withYear: boolean, t: TFunction): string {
  const [kind = '', value = ''] = atom.split(/:(.*)/s);
  switch (kind) {
    case 'total':
      return t('reports.keys.total');
    case 'withdrawn':
      return t('reports.keys.withdrawn');
    case 'answered':
      return t('reports.keys.answered');
    case 'category':
      return names.category(Number(value));
    case 'department':
      return names.department(Number(value));
    case 'counsel':
      return names.counsel(value === 'none' ? null : Number(value));
    case 'month':
      return monthLabel(value, withYear, t);
    case 'status':
      return t('reports.keys.status', { label: statusLabel(value, t) });
    case 'conclusion':
      return t('reports.keys.conclusion', { label: conclusionLabel(value, t) });
    case 'outcome':
      return t('reports.keys.outcome', { label: outcomeLabel(value, t) });
    case 'adoption':
      return value === 'adopted' ? t('reports.keys.adopted') : t('reports.keys.withOutcome');
    case 'due':
      return value === 'met' ? t('reports.keys.dueMet') : value === 'missed' ? t('reports.keys.dueMissed') : t('reports.keys.dueTracked');
    case 'firm':
      return names.firm(Number(value));
    case 'rating': {
      const known = oneOf(value, RATINGS);
      return known ? t('engagement.rating.history', { rating: t(`engagement.rating.${known}`) }) : t('reports.keys.unknown', { atom });
    }
    case 'carriedOver':
      return value ? t('reports.keys.carriedOverStatus', { status: statusLabel(value, t) }) : t('reports.keys.carriedOver');
    default:
      return t('reports.keys.unknown', { atom });
  }
}

/** "合同签订", "3月 · 合同签订": what a drill-down key counts, in words. */
export function describeKey(key: string, names: NameBook, withYear: boolean, t: TFunction): string {
  return key
    .split(';')
    .map((atom) => atomLabel(atom, names, withYear, t))
    .join(t('reports.keys.separator'));
}

/** A whole or fractional number as the report writes it: 5, 5.5. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}

/** The change of a count: +7, −2 (a real minus sign), or null for none. */
export function signed(n: number, digits = 0): string {
  const text = Math.abs(n).toFixed(digits);
  return `${n < 0 ? '\u2212' : '+'}${text}`;
}

export type Delta = { kind: 'none' } | { kind: 'same' } | { kind: 'change'; up: boolean; text: string };

export function countDelta(now: number, before: number): Delta {
  const d = now - before;
  return d === 0 ? { kind: 'same' } : { kind: 'change', up: d > 0, text: signed(d) };
}

/** The change of a share in percentage points, from the exact fractions, one decimal. */
export function rateDelta(now: Rate, before: Rate, t: TFunction): Delta {
  if (now.value === null || before.value === null) return { kind: 'none' };
  const points = Math.round((now.value - before.value) * 1000) / 10;
  if (points === 0) return { kind: 'same' };
  return { kind: 'change', up: points > 0, text: t('reports.change.points', { value: signed(points, 1) }) };
}

export function daysDelta(now: number | null, before: number | null, t: TFunction): Delta {
  if (now === null || before === null) return { kind: 'none' };
  const d = Math.round((now - before) * 10) / 10;
  if (d === 0) return { kind: 'same' };
  return { kind: 'change', up: d > 0, text: t('reports.change.days', { value: signed(d, Number.isInteger(d) ? 0 : 1) }) };
}
