/**
 * The report's period and drill-down live in the URL hash, so Back, reload and
 * a link all reopen the same view:
 *   #/reports?year=2025                        the calendar year
 *   #/reports?from=2025-01-01&to=2025-06-30     a custom range
 *   …&key=category:3[&prev=1]                  the consultations behind one figure
 *                                               (prev: of the previous period)
 */
import type { InputOf } from '#contract/contract';
import { isCalendarDay } from '#domain/dates';
import { toSearchParams } from '../../router/hash';
import { pageSizeOrDefault, SORT_FIELDS, type SortField } from '#domain/ledger-view';

export type Period = { kind: 'year'; year: number } | { kind: 'range'; from: string; to: string };

export type PeriodInput = InputOf<'reports.tally'>;

const DRILL_KEY = /^[A-Za-z0-9:;-]{1,200}$/;

export function readPeriod(query: URLSearchParams, currentYear: number): Period {
  const from = query.get('from');
  const to = query.get('to');
  if (from && to && isCalendarDay(from) && isCalendarDay(to) && from <= to) return { kind: 'range', from, to };
  const y = query.get('year');
  const year = y !== null && /^\d{4}$/.test(y) ? Number(y) : currentYear;
  return { kind: 'year', year: year >= 1900 && year <= 2999 ? year : currentYear };
}

export function periodToInput(p: Period): PeriodInput {
  return p.kind === 'year' ? { year: p.year } : { from: p.from, to: p.to };
}

/** The service's own description of a period (the tally's `period`) as our Period. */
export function fromReportPeriod(p: { from: string; to: string; year: number | null }): Period {
  return p.year !== null ? { kind: 'year', year: p.year } : { kind: 'range', from: p.from, to: p.to };
}

export function periodQuery(p: Period): Record<string, string | number> {
  return p.kind === 'year' ? { year: p.year } : { from: p.from, to: p.to };
}

export interface DrillState {
  key: string;
  /** the figure belongs to the previous period (the comparison column) */
  prev: boolean;
  sort: SortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function readDrill(query: URLSearchParams): DrillState | null {
  const key = query.get('key');
  if (!key || !DRILL_KEY.test(key)) return null;
  const page = Number(query.get('page'));
  const size = Number(query.get('size'));
  return {
    key,
    prev: query.get('prev') === '1',
    // oldest first, as the drill-down lists them: the figure's story in order
    sort: SORT_FIELDS.find((f) => f === query.get('sort')) ?? 'receivedOn',
    order: query.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    pageSize: pageSizeOrDefault(size),
  };
}

export function drillQuery(period: Period, d: Partial<DrillState> & { key: string }): URLSearchParams {
  return toSearchParams({
    ...periodQuery(period),
    key: d.key,
    prev: d.prev ? 1 : undefined,
    sort: d.sort && d.sort !== 'receivedOn' ? d.sort : undefined,
    order: d.order === 'desc' ? 'desc' : undefined,
    page: d.page && d.page > 1 ? d.page : undefined,
    size: d.pageSize && d.pageSize !== 20 ? d.pageSize : undefined,
  });
}

