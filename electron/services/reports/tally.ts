/**
 * The yearly tally (年度统计) per DOMAIN.md "How the yearly figures are counted".
 * The SQL is in db/queries/tally.ts; here the breakdowns are folded from its
 * grouped rows, and every figure gets the drill-down key that lists exactly
 * the items it counts (drilldown.ts turns a key back into SQL).
 */
import {
  carriedOverRows,
  tallyCarriedOver,
  tallyCombos,
  tallyOpinionFacts,
  type ComboRow,
  type OpinionFactRow,
} from '../../../db/queries/tally';
import { formatSerialNo, prepareCached } from '../../../db/queries/consultations';
import type {
  CategoryFigure,
  CounselFigure,
  DepartmentFigure,
  Figure,
  MonthFigure,
  ReportPeriod,
  Tally,
  TallyFigures,
} from '../../api/reports-contract';
import { CONCLUSIONS, OUTCOMES, type Conclusion, type ConsultationStatus, type Outcome } from '../../api/types';
import type { ServiceContext } from '../context';
import { readSettings } from '../settings';
import { monthsOf, previousPeriod, resolvePeriod, scopeFor, type PeriodInput } from './period';
import { formatRate, renderSentence, shortCategoryName } from './sentence';
import { shanghaiDay } from '../../api/dates';
import { visibleCounselId } from '../consultations/read';

/** The tally carries at most this many carried-over rows; the drill-down lists them all. */
export const CARRIED_OVER_ROW_LIMIT = 500;

const COUNTED_STATUSES = ['registered', 'assigned', 'answered', 'closed'] as const;
const OPEN_STATUSES = ['registered', 'assigned', 'answered'] as const;

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
}

/** Every breakdown at once, from the grouped combinations. Withdrawn items go to their own line only. */
function fold(combos: readonly ComboRow[]): Folded {
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
  };
  for (const r of combos) {
    if (r.status === 'withdrawn') {
      f.withdrawn.add(r.n, r.items);
      continue;
    }
    f.total.add(r.n, r.items);
    f.status.at(r.status).add(r.n, r.items);
    f.category.at(r.categoryId).add(r.n, r.items);
    f.month.at(r.month).add(r.n, r.items);
    f.monthCategory.at(`${r.month}|${r.categoryId}`).add(r.n, r.items);
    f.department.at(r.departmentId).add(r.n, r.items);
    f.counsel.at(r.counselId).add(r.n, r.items);
    f.conclusion.at(r.conclusion ?? 'none').add(r.n, r.items);
    f.outcome.at(r.outcome ?? 'none').add(r.n, r.items);
  }
  return f;
}

/** Median of a histogram of whole days; halfway between the middle two for an even count. */
export function medianOfHistogram(histogram: readonly { days: number; n: number }[]): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (index < seen) return h.days;
    }
    throw new Error('median index out of range');
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

function turnaround(rows: readonly OpinionFactRow[]): { documents: number; t: TallyFigures['turnaround'] } {
  const answered = new Bucket();
  const met = new Bucket();
  const missed = new Bucket();
  let documents = 0;
  const histogram: { days: number; n: number }[] = [];
  for (const r of rows) {
    documents += r.documents;
    if (r.days !== null) {
      answered.add(r.n, r.items);
      histogram.push({ days: r.days, n: r.n });
    }
    if (r.due === 'met') met.add(r.n, r.items);
    if (r.due === 'missed') missed.add(r.n, r.items);
  }
  const tracked = { count: met.count + missed.count, items: met.items + missed.items, key: 'due:tracked' };
  return {
    documents,
    t: {
      answered: answered.figure('answered'),
      medianDays: medianOfHistogram(histogram),
      dueTracked: tracked,
      dueMet: met.figure('due:met'),
      dueMissed: missed.figure('due:missed'),
      onTimeRate: formatRate(met.count, tracked.count),
    },
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

function carriedOver(ctx: ServiceContext, period: ReportPeriod): TallyFigures['carriedOver'] {
  const scope = scopeFor(ctx, period);
  const groups = tallyCarriedOver(ctx.ledger.sqlite, scope);
  const by = new Buckets<string>();
  for (const g of groups) by.at(g.statusAtEnd).add(g.n, g.items);
  const total = new Bucket();
  for (const g of groups) total.add(g.n, g.items);
  const rows = carriedOverRows(ctx.ledger.sqlite, scope, CARRIED_OVER_ROW_LIMIT).map(({ serialPrefix, serialYear, serialSeq, status, ...r }) => ({
    ...r,
    serialNo: formatSerialNo(serialPrefix, serialYear, serialSeq),
    status: status as ConsultationStatus,
  }));
  const today = shanghaiDay(ctx.now());
  return {
    asOf: period.to < today ? period.to : today,
    total: total.figure('carriedOver'),
    byStatus: OPEN_STATUSES.map((status) => ({ ...by.figure(status, `carriedOver:${status}`), status })),
    rows,
    truncated: total.count > rows.length,
  };
}

/** All figures of one period, as the caller may see them. */
export function computeFigures(ctx: ServiceContext, period: ReportPeriod): TallyFigures {
  const scope = scopeFor(ctx, period);
  const f = fold(tallyCombos(ctx.ledger.sqlite, scope));
  const { documents, t } = turnaround(tallyOpinionFacts(ctx.ledger.sqlite, scope));
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
    opinions: { documents, answered: t.answered },
    adoption: {
      adopted: adopted.figure('adoption:adopted'),
      withOutcome: withOutcome.figure('adoption:withOutcome'),
      rate: formatRate(adopted.count, withOutcome.count),
    },
    turnaround: t,
    carriedOver: carriedOver(ctx, period),
  };
}

export function buildSentence(ctx: ServiceContext, figures: TallyFigures) {
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
      previous: computeFigures(ctx, previousPeriod(period)),
    };
  }).deferred();
}
