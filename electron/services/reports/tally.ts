/**
 * The yearly tally (年度统计) per docs/DOMAIN.md "How the yearly figures are counted".
 * The SQL is in db/queries/tally.ts: one scan of the period's items, every
 * derived fact computed once per item. Here every breakdown is folded from that
 * scan, and every figure gets the drill-down key that lists exactly the items
 * it counts (drilldown.ts turns a key back into SQL).
 */
import { carriedOverRows, tallyItems, type TallyItem, type TallyScope } from '../../../db/queries/tally';
import { formatSerialNo } from '#domain/ledger-view';
import { prepareCached } from '../../../db/queries/statements';
import type {
  CategoryFigure,
  ReportSentence,
  CounselFigure,
  DepartmentFigure,
  Figure,
  MonthFigure,
  ReportPeriod,
  Tally,
  TallyFigures,
} from '#contract/reports-contract';
import { CONCLUSIONS, OUTCOMES, type Conclusion, type ConsultationStatus, type Outcome } from '#domain/types';
import type { ServiceContext } from '../context';
import { readSettings } from '../settings';
import { monthsOf, previousPeriod, resolvePeriod, scopeFor, type PeriodInput } from './period';
import { formatRate, renderSentence, shortCategoryName } from './sentence';
import { shanghaiDay } from '#domain/dates';
import { COUNTED_STATUSES, OPEN_STATUSES } from '#domain/status';
import { visibleCounselId } from '../consultations/read';

/** The tally carries at most this many carried-over rows; the drill-down lists them all. */
export const CARRIED_OVER_ROW_LIMIT = 500;


/** A running 次/项 sum for one key. */
class Bucket {
  count = 0;
  items = 0;
  add(n: number, items: number): void {
    this.count += n;
    this.items += items;
  }
  figure(key: string): Figure {
    return { count: this.count, items: this.items, key };
  }
}

class Buckets<K> extends Map<K, Bucket> {
  at(key: K): Bucket {
    let b = this.get(key);
    if (!b) this.set(key, (b = new Bucket()));
    return b;
  }
  figure(key: K, drilldownKey: string): Figure {
    return (this.get(key) ?? new Bucket()).figure(drilldownKey);
  }
}

interface CategoryRow {
  id: number;
  code: string;
  nameZh: string;
  sortOrder: number;
  active: number;
}

function loadCategories(ctx: ServiceContext): CategoryRow[] {
  return prepareCached(
    ctx.ledger.sqlite,
    'SELECT id, code, name_zh AS nameZh, sort_order AS sortOrder, active FROM categories ORDER BY sort_order, id',
  ).all() as CategoryRow[];
}

function lookup<T extends { id: number }>(ctx: ServiceContext, sql: string, ids: readonly number[]): Map<number, T> {
  const rows = prepareCached(ctx.ledger.sqlite, sql).all(JSON.stringify(ids)) as T[];
  return new Map(rows.map((r) => [r.id, r]));
}

interface Folded {
  total: Bucket;
  withdrawn: Bucket;
  status: Buckets<string>;
  category: Buckets<number>;
  month: Buckets<string>;
  monthCategory: Buckets<string>;
  department: Buckets<number>;
  counsel: Buckets<number | null>;
  conclusion: Buckets<string>;
  outcome: Buckets<string>;
  documents: number;
  answered: Bucket;
  /** days to the first opinion → number of items */
  days: Map<number, number>;
  dueMet: Bucket;
  dueMissed: Bucket;
  carriedOver: Buckets<string>;
}

/**
 * Every figure in one pass over the period's items. Withdrawn items go to their
 * own line only; everything else counts the counted items (docs/DOMAIN.md). The SQL
 * conditions of the drill-down (db/queries/tally.ts) say the same in SQL; the
 * tests check that each figure's drill-down has the figure's length.
 */
function fold(rows: Iterable<TallyItem>): Folded {
  const f: Folded = {
    total: new Bucket(),
    withdrawn: new Bucket(),
    status: new Buckets(),
    category: new Buckets(),
    month: new Buckets(),
    monthCategory: new Buckets(),
    department: new Buckets(),
    counsel: new Buckets(),
    conclusion: new Buckets(),
    outcome: new Buckets(),
    documents: 0,
    answered: new Bucket(),
    days: new Map(),
    dueMet: new Bucket(),
    dueMissed: new Bucket(),
    carriedOver: new Buckets(),
  };
  for (const row of rows) {
    // status: at the end of the period, from the steps' business dates (db/queries/tally.ts)
    const [categoryId, month, departmentId, counselId, status, outcome, items, conclusion, firstDays, dueDays, dueByDays, opinionCount] = row;
    if (status === 'withdrawn') {
      f.withdrawn.add(1, items);
      continue;
    }
    f.total.add(1, items);
    f.status.at(status).add(1, items);
    f.category.at(categoryId).add(1, items);
    f.month.at(month).add(1, items);
    f.monthCategory.at(`${month}|${categoryId}`).add(1, items);
    f.department.at(departmentId).add(1, items);
    f.counsel.at(counselId).add(1, items);
    f.conclusion.at(conclusion ?? 'none').add(1, items);
    f.outcome.at(outcome ?? 'none').add(1, items);
    f.documents += opinionCount;
    if (firstDays !== null) {
      f.answered.add(1, items);
      f.days.set(firstDays, (f.days.get(firstDays) ?? 0) + 1);
    }
    // Due (DUE_STATE_SQL's rule, on the due date in force at the period's end): answered by it is met; answered later,
    // or unanswered and past it at the period's end (its clock not paused by a return then: dueByDays null), is missed.
    if (dueDays !== null) {
      if (firstDays !== null) (firstDays <= dueDays ? f.dueMet : f.dueMissed).add(1, items);
      else if (dueByDays !== null && dueDays < dueByDays) f.dueMissed.add(1, items);
    }
    if (status === 'registered' || status === 'assigned' || status === 'answered') f.carriedOver.at(status).add(1, items);
  }
  return f;
}

/** Median of a histogram of whole days; halfway between the middle two for an even count. */
export function medianOfHistogram(histogram: ReadonlyMap<number, number>): number | null {
  const sorted = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (index < seen) return days;
    }
    throw new Error('median index out of range');
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

function turnaround(f: Folded): TallyFigures['turnaround'] {
  const tracked = { count: f.dueMet.count + f.dueMissed.count, items: f.dueMet.items + f.dueMissed.items, key: 'due:tracked' };
  return {
    answered: f.answered.figure('answered'),
    medianDays: medianOfHistogram(f.days),
    dueTracked: tracked,
    dueMet: f.dueMet.figure('due:met'),
    dueMissed: f.dueMissed.figure('due:missed'),
    onTimeRate: formatRate(f.dueMet.count, tracked.count),
  };
}

function byCategory(ctx: ServiceContext, f: Folded): CategoryFigure[] {
  // Every active category (so the table is the same every year), plus retired ones that have items.
  return loadCategories(ctx)
    .filter((c) => c.active || f.category.has(c.id))
    .map((c) => ({
      ...f.category.figure(c.id, `category:${c.id}`),
      categoryId: c.id,
      code: c.code,
      name: c.nameZh,
      shortName: shortCategoryName(c.nameZh),
      sortOrder: c.sortOrder,
      active: Boolean(c.active),
    }));
}

function byMonth(period: ReportPeriod, f: Folded, categoryOrder: readonly number[]): MonthFigure[] {
  return monthsOf(period).map((month) => ({
    ...f.month.figure(month, `month:${month}`),
    month,
    byCategory: categoryOrder
      .filter((id) => f.monthCategory.has(`${month}|${id}`))
      .map((id) => ({ ...f.monthCategory.figure(`${month}|${id}`, `month:${month};category:${id}`), categoryId: id })),
  }));
}

function byDepartment(ctx: ServiceContext, f: Folded): DepartmentFigure[] {
  const ids = [...f.department.keys()];
  const rows = lookup<{ id: number; name: string; sortOrder: number }>(
    ctx,
    'SELECT id, name, sort_order AS sortOrder FROM departments WHERE id IN (SELECT value FROM json_each(?))',
    ids,
  );
  return ids
    .map((id) => ({ ...f.department.figure(id, `department:${id}`), departmentId: id, name: rows.get(id)?.name ?? '', order: rows.get(id)?.sortOrder ?? 0 }))
    .sort((a, b) => b.count - a.count || a.order - b.order || a.departmentId - b.departmentId)
    .map(({ order: _order, ...d }) => d);
}

function byCounsel(ctx: ServiceContext, f: Folded): CounselFigure[] {
  const ids = [...f.counsel.keys()].filter((id): id is number => id !== null);
  const rows = lookup<{ id: number; name: string; firm: string; active: number; engagedTo: string | null }>(
    ctx,
    'SELECT id, name, firm, active, engaged_to AS engagedTo FROM counsels WHERE id IN (SELECT value FROM json_each(?))',
    ids,
  );
  const named: CounselFigure[] = ids
    .map((id) => {
      const r = rows.get(id);
      return { ...f.counsel.figure(id, `counsel:${id}`), counselId: id, name: r?.name ?? '', firm: r?.firm ?? '', active: Boolean(r?.active), engagedTo: r?.engagedTo ?? null };
    })
    .sort((a, b) => b.count - a.count || a.counselId - b.counselId);
  if (!f.counsel.has(null)) return named;
  // Not yet assigned to anyone: last, whatever its size.
  return [...named, { ...f.counsel.figure(null, 'counsel:none'), counselId: null, name: '未分派', firm: '', active: true, engagedTo: null }];
}

function carriedOver(ctx: ServiceContext, scope: TallyScope, period: ReportPeriod, f: Folded, withRows: boolean): TallyFigures['carriedOver'] {
  const listed = withRows ? carriedOverRows(ctx.ledger.sqlite, scope, CARRIED_OVER_ROW_LIMIT) : [];
  const rows = listed.map(
    ({ serialPrefix, serialYear, serialSeq, status, ...r }) => ({
      ...r,
      serialNo: formatSerialNo(serialPrefix, serialYear, serialSeq),
      status: status as ConsultationStatus,
    }),
  );
  const total = new Bucket();
  for (const b of f.carriedOver.values()) total.add(b.count, b.items);
  const today = shanghaiDay(ctx.now());
  return {
    asOf: period.to < today ? period.to : today,
    total: total.figure('carriedOver'),
    byStatus: OPEN_STATUSES.map((status) => ({ ...f.carriedOver.figure(status, `carriedOver:${status}`), status })),
    rows,
    truncated: total.count > rows.length,
  };
}

/**
 * All figures of one period, as the caller may see them. `withRows: false`
 * leaves the carried-over list empty (its count stays; the drill-down lists it):
 * the comparison year needs the numbers only.
 */
export function computeFigures(
  ctx: ServiceContext,
  period: ReportPeriod,
  { withRows = true, firmId }: { withRows?: boolean; firmId?: number } = {},
): TallyFigures {
  const scope = scopeFor(ctx, period, firmId);
  const f = fold(tallyItems(ctx.ledger.sqlite, scope));
  const t = turnaround(f);
  const categories = byCategory(ctx, f);
  const adopted = new Bucket();
  const withOutcome = new Bucket();
  for (const o of OUTCOMES) {
    const b = f.outcome.get(o);
    if (!b) continue;
    withOutcome.add(b.count, b.items);
    if (o === 'adopted' || o === 'partiallyAdopted') adopted.add(b.count, b.items);
  }
  return {
    period,
    total: f.total.figure('total'),
    withdrawn: f.withdrawn.figure('withdrawn'),
    byStatus: COUNTED_STATUSES.map((status) => ({ ...f.status.figure(status, `status:${status}`), status })),
    byCategory: categories,
    byMonth: byMonth(period, f, categories.map((c) => c.categoryId)),
    byDepartment: byDepartment(ctx, f),
    byCounsel: byCounsel(ctx, f),
    byConclusion: [...CONCLUSIONS, 'none' as const].map((conclusion: Conclusion | 'none') => ({
      ...f.conclusion.figure(conclusion, `conclusion:${conclusion}`),
      conclusion,
    })),
    byOutcome: [...OUTCOMES, 'none' as const].map((outcome: Outcome | 'none') => ({ ...f.outcome.figure(outcome, `outcome:${outcome}`), outcome })),
    opinions: { documents: f.documents, answered: t.answered },
    adoption: {
      adopted: adopted.figure('adoption:adopted'),
      withOutcome: withOutcome.figure('adoption:withOutcome'),
      rate: formatRate(adopted.count, withOutcome.count),
    },
    turnaround: t,
    carriedOver: carriedOver(ctx, scope, period, f, withRows),
  };
}

export function buildSentence(ctx: ServiceContext, figures: TallyFigures): ReportSentence {
  const settings = readSettings(ctx.ledger.db);
  return renderSentence(settings.reportTemplate, figures, settings.officeName);
}

/** reports.tally: the period's figures, the sentence, and the year before for comparison. */
export function buildTally(ctx: ServiceContext, input: PeriodInput): Tally {
  const period = resolvePeriod(input);
  // One read transaction: the figures, the sentence and the comparison see the same snapshot.
  return ctx.ledger.sqlite.transaction(() => {
    const figures = computeFigures(ctx, period);
    return {
      ...figures,
      generatedAt: ctx.now().toISOString(),
      scope: visibleCounselId(ctx) === undefined ? ('all' as const) : ('own' as const),
      sentence: buildSentence(ctx, figures),
      previous: computeFigures(ctx, previousPeriod(period), { withRows: false }),
    };
  }).deferred();
}
