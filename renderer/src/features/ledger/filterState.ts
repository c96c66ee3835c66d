/**
 * The ledger's filters live in the URL hash ("#/ledger?year=2025&status=closed"),
 * so Back, reload and the sidebar (which reopens the last query) keep them.
 */
import type { InputOf } from '#contract/contract';
import { DEFAULT_PAGE_SIZE, pageSizeOrDefault, SORT_FIELDS, type SortField } from '#domain/ledger-view';
import { STATUSES, type ConsultationStatus } from '#domain/types';
import { toSearchParams } from '../../router/hash';


export interface LedgerFilter {
  /** 'all' = every year */
  year: number | 'all';
  categoryId?: number;
  departmentId?: number;
  counselId?: number;
  status?: ConsultationStatus;
  overdue: boolean;
  text: string;
  sort: SortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function positiveInt(v: string | null): number | undefined {
  if (v === null || !/^\d{1,15}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}

function oneOf<T extends string>(v: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === v);
}

export function readFilter(query: URLSearchParams, currentYear: number): LedgerFilter {
  const yearParam = query.get('year');
  const year = yearParam === 'all' ? 'all' : (positiveInt(yearParam) ?? currentYear);
  const pageSize = Number(query.get('size'));
  return {
    year: typeof year === 'number' && (year < 1900 || year > 2999) ? currentYear : year,
    categoryId: positiveInt(query.get('category')),
    departmentId: positiveInt(query.get('department')),
    counselId: positiveInt(query.get('counsel')),
    status: oneOf(query.get('status'), STATUSES),
    overdue: query.get('overdue') === '1',
    text: (query.get('q') ?? '').slice(0, 100),
    sort: oneOf(query.get('sort'), SORT_FIELDS) ?? 'receivedOn',
    order: query.get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.min(positiveInt(query.get('page')) ?? 1, 1_000_000),
    pageSize: pageSizeOrDefault(pageSize),
  };
}

/** The query string of a filter; defaults are left out so URLs stay short. */
export function filterToQuery(f: LedgerFilter, currentYear: number): URLSearchParams {
  return toSearchParams({
    year: f.year === currentYear ? undefined : f.year,
    category: f.categoryId,
    department: f.departmentId,
    counsel: f.counselId,
    status: f.status,
    overdue: f.overdue ? 1 : undefined,
    q: f.text.trim() || undefined,
    sort: f.sort === 'receivedOn' ? undefined : f.sort,
    order: f.order === 'desc' ? undefined : f.order,
    page: f.page === 1 ? undefined : f.page,
    size: f.pageSize === DEFAULT_PAGE_SIZE ? undefined : f.pageSize,
  });
}

export function filterToInput(f: LedgerFilter): InputOf<'consultations.list'> {
  const text = f.text.trim();
  return {
    ...(f.year === 'all' ? {} : { year: f.year }),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(f.departmentId ? { departmentId: f.departmentId } : {}),
    ...(f.counselId ? { counselId: f.counselId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(text ? { text } : {}),
    sort: f.sort,
    order: f.order,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export function isFiltered(f: LedgerFilter): boolean {
  return Boolean(f.categoryId || f.departmentId || f.counselId || f.status || f.overdue || f.text.trim());
}

const STORAGE_KEY = 'counsel-ledger.ledger-query';
let last: string | null = null;

/** Remembered for the sidebar link, and for this window's session across reloads. */
export function rememberLedgerQuery(query: URLSearchParams): void {
  last = query.toString();
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, last);
  } catch {
    /* storage unavailable: memory only */
  }
}

export function lastLedgerQuery(): URLSearchParams {
  if (last === null) {
    try {
      last = globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? '';
    } catch {
      last = '';
    }
  }
  return new URLSearchParams(last);
}
