/**
 * The report's tables, built once from the tally and laid out by each export
 * (XLSX sheets, DOCX tables), so every file shows the same numbers as the JSON.
 */
import type { Figure, Tally, TallyFigures } from '#contract/reports-contract';
import type { ProcedureFigures } from '#domain/procedures';
import { CONCLUSION_ZH, NO_RATE, OUTCOME_ZH, STATUS_ZH, monthLabel } from '#domain/labels';
import { formatRate } from '../sentence';

export type CellKind = 'text' | 'number' | 'percent' | 'day';
/** A share, kept as its two counts so that every export rounds it exactly like the JSON's rates. */
export interface Ratio {
  num: number;
  den: number;
}
export type CellValue = string | number | null | Ratio;

export const isRatio = (v: CellValue): v is Ratio => typeof v === 'object' && v !== null;
export const ratioValue = (r: Ratio): number | null => (r.den > 0 ? r.num / r.den : null);
/** 97.2%, or 暂无 — the same rounding as the JSON's rates. */
export const ratioText = (r: Ratio): string => formatRate(r.num, r.den).text;

export interface Column {
  header: string;
  kind: CellKind;
}
/** A column; most of the report's are counts. */
export const column = (header: string, kind: CellKind = 'number'): Column => ({ header, kind });
export const textColumns = (...headers: string[]): Column[] => headers.map((header) => column(header, 'text'));

export interface Table {
  /** sheet name, and the caption unless `caption` says otherwise */
  title: string;
  /** the caption in documents */
  caption?: string;
  columns: Column[];
  rows: CellValue[][];
}

/** Said where a comparison with the year before would compare with nothing (issue 21). */
export const NO_PREVIOUS = '上年无记录';
/** The app holds records of the period before: something was registered in it (counted or withdrawn). */
export const hasPrevious = (t: Tally): boolean => t.previous.total.count > 0 || t.previous.withdrawn.count > 0;

const share = (num: number, den: number): Ratio => ({ num, den });
const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** 汇总: the headline figures, this period against the one before. */
export function summaryTable(t: Tally): Table {
  const p = t.previous;
  const known = hasPrevious(t);
  const line = (label: string, now: number | null, before: number | null): CellValue[] =>
    known ? [label, now, before, diff(now, before)] : [label, now, NO_PREVIOUS, null];
  // Rates: this period's and last period's as shares; the change in percentage points is left to the reader.
  const rate = (label: string, now: Ratio, before: Ratio): CellValue[] => [label, now, known ? before : NO_PREVIOUS, null];
  const rows: CellValue[][] = [
    line('咨询次数（次）', t.total.count, p.total.count),
    line('咨询项数（项）', t.total.items, p.total.items),
    line('撤回（次，不计入上述统计）', t.withdrawn.count, p.withdrawn.count),
    line('撤回（项）', t.withdrawn.items, p.withdrawn.items),
    line('出具法律意见（份）', t.opinions.documents, p.opinions.documents),
    line('已出具意见的事项（次）', t.opinions.answered.count, p.opinions.answered.count),
    line('已登记采纳情况（次）', t.adoption.withOutcome.count, p.adoption.withOutcome.count),
    line('采纳及部分采纳（次）', t.adoption.adopted.count, p.adoption.adopted.count),
    rate('意见采纳率', share(t.adoption.adopted.count, t.adoption.withOutcome.count), share(p.adoption.adopted.count, p.adoption.withOutcome.count)),
    line('首次出具意见用时中位数（天）', t.turnaround.medianDays, p.turnaround.medianDays),
    line('应在办理时限内答复（次）', t.turnaround.dueTracked.count, p.turnaround.dueTracked.count),
    line('按时答复（次）', t.turnaround.dueMet.count, p.turnaround.dueMet.count),
    rate('按时答复率', share(t.turnaround.dueMet.count, t.turnaround.dueTracked.count), share(p.turnaround.dueMet.count, p.turnaround.dueTracked.count)),
    line('期末未办结、结转下期（次）', t.carriedOver.total.count, p.carriedOver.total.count),
    line('期末未办结、结转下期（项）', t.carriedOver.total.items, p.carriedOver.total.items),
    ...t.byConclusion.map((c, i) => line(`最新意见结论：${CONCLUSION_ZH[c.conclusion]}（次）`, c.count, p.byConclusion[i]?.count ?? 0)),
    ...t.byOutcome.map((o, i) => line(`采纳情况：${OUTCOME_ZH[o.outcome]}（次）`, o.count, p.byOutcome[i]?.count ?? 0)),
  ];
  return { title: '汇总', columns: [column('项目', 'text'), column(t.period.label), column(`上年同期（${p.period.label}）`), column('增减')], rows };
}

function withTotal(rows: CellValue[][], total: CellValue[]): CellValue[][] {
  return [...rows, total];
}

function figureRows<T extends Figure>(figures: readonly T[], label: (f: T) => string, total: Figure): CellValue[][] {
  return withTotal(
    figures.map((f) => [label(f), f.count, f.items, share(f.count, total.count)]),
    ['合计', total.count, total.items, share(total.count, total.count)],
  );
}

/** The first column, 次数, 项数 and the share by 次. */
const FIGURE_COLUMNS = (first: string): Column[] => [column(first, 'text'), column('次数'), column('项数'), column('占比（按次）', 'percent')];

/** Without records of the year before, its two columns say so instead of showing zeros. */
export function categoryTable(t: Tally): Table {
  const prev = new Map(t.previous.byCategory.map((c) => [c.categoryId, c]));
  const known = hasPrevious(t);
  const before = (count: number, items: number): CellValue[] => (known ? [count, items] : [NO_PREVIOUS, NO_PREVIOUS]);
  return {
    title: '分类',
    caption: '按类别统计',
    columns: [...FIGURE_COLUMNS('类别'), column('上年同期次数'), column('上年同期项数')],
    rows: withTotal(
      t.byCategory.map((c) => [c.name, c.count, c.items, share(c.count, t.total.count), ...before(prev.get(c.categoryId)?.count ?? 0, prev.get(c.categoryId)?.items ?? 0)]),
      ['合计', t.total.count, t.total.items, share(t.total.count, t.total.count), ...before(t.previous.total.count, t.previous.total.items)],
    ),
  };
}

/** With a column per category (the sheet); without, it fits a portrait page (the document). */
export function monthTable(t: Tally, byCategory = true): Table {
  const acrossYears = t.period.from.slice(0, 4) !== t.period.to.slice(0, 4);
  const categories = byCategory ? t.byCategory.filter((c) => c.count > 0) : [];
  return {
    title: '月度',
    caption: '按月份统计',
    columns: [column('月份', 'text'), column('次数'), column('项数'), ...categories.map((c) => column(`${c.shortName}（次）`))],
    rows: withTotal(
      t.byMonth.map((m) => [
        monthLabel(m.month, acrossYears),
        m.count,
        m.items,
        ...categories.map((c) => m.byCategory.find((x) => x.categoryId === c.categoryId)?.count ?? 0),
      ]),
      ['合计', t.total.count, t.total.items, ...categories.map((c) => c.count)],
    ),
  };
}

export function departmentTable(t: Tally): Table {
  return { title: '处室', caption: '按提请处室统计', columns: FIGURE_COLUMNS('提请处室'), rows: figureRows(t.byDepartment, (d) => d.name, t.total) };
}

export function counselTable(t: Tally): Table {
  return {
    title: '顾问',
    caption: '按法律顾问统计',
    columns: [column('法律顾问', 'text'), column('律师事务所', 'text'), column('次数'), column('项数'), column('聘任情况', 'text')],
    rows: withTotal(
      t.byCounsel.map((c) => [
        c.name,
        c.firm,
        c.count,
        c.items,
        c.counselId === null ? '' : c.active ? '在聘' : `已离任${c.engagedTo ? `（聘期至${c.engagedTo}）` : ''}`,
      ]),
      ['合计', '', t.total.count, t.total.items, ''],
    ),
  };
}

export function conclusionTable(f: TallyFigures): Table {
  return { title: '意见结论（以最新一轮意见为准）', columns: FIGURE_COLUMNS('意见结论'), rows: figureRows(f.byConclusion, (c) => CONCLUSION_ZH[c.conclusion], f.total) };
}

export function outcomeTable(f: TallyFigures): Table {
  return { title: '采纳情况', columns: FIGURE_COLUMNS('采纳情况'), rows: figureRows(f.byOutcome, (o) => OUTCOME_ZH[o.outcome], f.total) };
}

export function carriedOverTable(f: TallyFigures): Table {
  return {
    title: '期末未办结事项',
    columns: [column('编号', 'text'), column('事项名称', 'text'), column('收件日期', 'day'), column('项数'), column('期末状态', 'text'), column('当前状态', 'text')],
    rows: f.carriedOver.rows.map((r) => [r.serialNo, r.title, r.receivedOn, r.itemCount, STATUS_ZH[r.statusAtEnd], STATUS_ZH[r.status]]),
  };
}

/**
 * 审查程序 (issue 20): the period's returns for material, pauses, 签发 and extensions, and its
 * items still awaiting material or 签发 at its end: procedures.figures, the report screen's card.
 */
export function procedureTable(f: ProcedureFigures): Table {
  return {
    title: '审查程序',
    caption: '审查程序情况',
    columns: [column('项目', 'text'), column('数值')],
    rows: [
      ['退回补正（次）', f.returns],
      ['退回补正的事项（次）', f.returnedItems],
      ['平均暂停（工作日）', f.averagePausedDays ?? NO_RATE],
      ['领导签发意见（份）', f.signedOff],
      ['出具至签发平均等待（天）', f.averageSignOffDays ?? NO_RATE],
      ['延期（次）', f.extensions],
      ['期末待补正材料（次）', f.awaitingMaterial],
      ['期末待签发意见（份）', f.awaitingSignOff],
    ],
  };
}
