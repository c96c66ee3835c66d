/**
 * The period a report covers: a calendar year or a custom range of local days
 * (Asia/Shanghai). A consultation counts in the period its receivedOn falls in.
 */
import type { ReportPeriod } from '#contract/reports-contract';
import { shanghaiDay } from '#domain/dates';
import type { TallyScope } from '../../../db/queries/tally';
import { visibleCounselId } from '../consultations/read';
import type { ServiceContext } from '../context';

export interface PeriodInput {
  year?: number;
  from?: string;
  to?: string;
}

function dayParts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

/** 2025年1月1日至6月30日; the year is repeated only when it changes. */
export function rangeLabel(from: string, to: string): string {
  const [fy, fm, fd] = dayParts(from);
  const [ty, tm, td] = dayParts(to);
  const start = `${fy}年${fm}月${fd}日`;
  if (from === to) return start;
  return `${start}至${ty === fy ? '' : `${ty}年`}${tm}月${td}日`;
}

/** Input already validated by the contract: exactly one of {year} or {from, to}. */
export function resolvePeriod(input: PeriodInput): ReportPeriod {
  if (input.year !== undefined) {
    return { from: `${input.year}-01-01`, to: `${input.year}-12-31`, year: input.year, label: `${input.year}年` };
  }
  const from = input.from as string;
  const to = input.to as string;
  return { from, to, year: null, label: rangeLabel(from, to) };
}

/** The same day one year earlier; 29 February becomes 28 February. */
export function yearEarlier(day: string): string {
  const [y, m, d] = dayParts(day);
  const dd = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** The year before, or the same dates a year earlier for a custom range. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  if (period.year !== null) return resolvePeriod({ year: period.year - 1 });
  return resolvePeriod({ from: yearEarlier(period.from), to: yearEarlier(period.to) });
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const months: string[] = [];
  let [y, m] = dayParts(period.from);
  const [ty, tm] = dayParts(period.to);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** What the queries need: the days, today, and the caller's visibility. */
export function scopeFor(ctx: ServiceContext, period: ReportPeriod, firmId?: number): TallyScope {
  const onlyCounselId = visibleCounselId(ctx);
  return {
    from: period.from,
    to: period.to,
    today: shanghaiDay(ctx.now()),
    ...(onlyCounselId === undefined ? {} : { onlyCounselId }),
    ...(firmId === undefined ? {} : { firmId }),
  };
}
