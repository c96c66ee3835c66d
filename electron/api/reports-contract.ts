/**
 * Methods of the annual report (年度统计), merged into the contract, and the
 * shapes they return (type-only, so the renderer may import them). The JSON
 * shape is documented for people in docs/REPORT_JSON.md.
 */
import { z } from 'zod';
import { daysBetween } from '../domain/dates';
import { day, jobId, method, type MethodDef } from './define';
import type { CarriedOverItem, Conclusion, ConsultationRow, ConsultationStatus, Outcome, Role } from '../domain/types';

const READERS: readonly Role[] = ['registrar', 'leader', 'counsel', 'admin'];

/** A custom range may span at most this many days (ten years), which bounds the month list. */
export const MAX_RANGE_DAYS = 3_660;

const periodFields = {
  year: z.number().int().min(1900).max(2999).optional(),
  from: day.optional(),
  to: day.optional(),
};

type PeriodFields = { year?: number; from?: string; to?: string };

/** Exactly one of {year} or {from, to}, with from ≤ to and a bounded span. */
function checkPeriod(v: PeriodFields, ctx: z.RefinementCtx): void {
  const hasRange = v.from !== undefined || v.to !== undefined;
  if (v.year !== undefined && hasRange) {
    ctx.addIssue({ code: 'custom', path: ['year'], message: '请选择年度，或填写起止日期，二者只能选一' });
  } else if (v.year === undefined && !hasRange) {
    ctx.addIssue({ code: 'custom', path: ['year'], message: '请选择年度或填写起止日期' });
  } else if (hasRange && (v.from === undefined || v.to === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.from === undefined ? 'from' : 'to'], message: '请同时填写开始和结束日期' });
  } else if (v.from !== undefined && v.to !== undefined) {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    else if (daysBetween(v.from, v.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: '统计期间不能超过十年' });
  }
}

export const periodInput = z.strictObject(periodFields).superRefine(checkPeriod);

/**
 * A drill-down key: one or more atoms joined by ';' (e.g. "category:3",
 * "month:2025-03;category:3"). The grammar is in docs/REPORT_JSON.md; the service
 * refuses atoms it does not know.
 */
export const drilldownKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9:;-]+$/, { message: '统计口径标识无效' });

export const drilldownInput = z
  .strictObject({ ...periodFields, key: drilldownKey, withRows: z.boolean().default(false) })
  .superRefine(checkPeriod);

export const EXPORT_FORMATS = ['xlsx', 'csv', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Input of `reports.export` (the period and the format; the path comes from the
 * save dialog; progress is readable through `jobs.progress` with the jobId).
 */
export const exportInput = z
  .strictObject({ ...periodFields, format: z.enum(EXPORT_FORMATS), jobId: jobId.optional() })
  .superRefine(checkPeriod);

// ---- what the methods return ----

/** One number of the report: 次 (count), 项 (items), and the drill-down key behind it. */
export interface Figure {
  count: number;
  items: number;
  key: string;
}

export interface ReportPeriod {
  from: string;
  to: string;
  /** set when the period is a calendar year */
  year: number | null;
  /** e.g. "2025年" or "2025年1月1日至6月30日" */
  label: string;
}

export interface CategoryFigure extends Figure {
  categoryId: number;
  code: string;
  name: string;
  /** the name without its parenthetical, as used in the report sentence: 制度建设（规范性文件） → 制度建设 */
  shortName: string;
  sortOrder: number;
  active: boolean;
}

export interface MonthFigure extends Figure {
  /** 'YYYY-MM' */
  month: string;
  /** the month split by category (categories with items only), for the stacked chart */
  byCategory: (Figure & { categoryId: number })[];
}

export interface DepartmentFigure extends Figure {
  departmentId: number;
  name: string;
}

export interface CounselFigure extends Figure {
  /** null: not assigned to any counsel */
  counselId: number | null;
  name: string;
  firm: string;
  active: boolean;
  engagedTo: string | null;
}

export interface Rate {
  /** the share as a fraction 0..1, null when the denominator is 0 */
  value: number | null;
  /** e.g. "97.2%", or "暂无" */
  text: string;
}

export interface CarriedOverRow extends CarriedOverItem {
  serialNo: string;
  /** the status today */
  status: ConsultationStatus;
}

export interface TallyFigures {
  period: ReportPeriod;
  /** counted consultations: 次 and 项 (not withdrawn, not trashed) */
  total: Figure;
  /** withdrawn consultations of the period, on their own line, not in total */
  withdrawn: Figure;
  byStatus: (Figure & { status: Exclude<ConsultationStatus, 'withdrawn'> })[];
  byCategory: CategoryFigure[];
  byMonth: MonthFigure[];
  byDepartment: DepartmentFigure[];
  byCounsel: CounselFigure[];
  /** by the conclusion of each item's LATEST opinion round; 'none' = no opinion yet */
  byConclusion: (Figure & { conclusion: Conclusion | 'none' })[];
  byOutcome: (Figure & { outcome: Outcome | 'none' })[];
  opinions: {
    /** 出具法律意见N份: every opinion round of the counted consultations */
    documents: number;
    /** counted consultations with at least one opinion */
    answered: Figure;
  };
  adoption: {
    /** adopted + partiallyAdopted */
    adopted: Figure;
    /** items with any outcome recorded (the denominator) */
    withOutcome: Figure;
    rate: Rate;
  };
  turnaround: {
    /** items with a first opinion (the population of the median) */
    answered: Figure;
    /** median whole days from receivedOn to the first opinion; null when none answered */
    medianDays: number | null;
    /** items with a dueOn that were answered or are past due */
    dueTracked: Figure;
    /** first opinion on or before dueOn */
    dueMet: Figure;
    /** answered after dueOn, or not answered and past due */
    dueMissed: Figure;
    onTimeRate: Rate;
  };
  carriedOver: {
    /** the last day looked at: the period's end, or today when the period has not ended */
    asOf: string;
    total: Figure;
    byStatus: (Figure & { status: 'registered' | 'assigned' | 'answered' })[];
    /** at most 500 rows (none in `previous`); the drill-down of total.key lists all */
    rows: CarriedOverRow[];
    truncated: boolean;
  };
}

export interface ReportSentence {
  text: string;
  template: string;
  /** the category names put into {categories}, in order */
  categories: string[];
  /** true when more categories had items than were named (the sentence says 等) */
  more: boolean;
}

export interface Tally extends TallyFigures {
  generatedAt: string;
  /** 'own': a counsel's view, restricted to the items assigned to them */
  scope: 'all' | 'own';
  sentence: ReportSentence;
  /** the same figures for the year before (or the same dates a year earlier); its carriedOver.rows is empty */
  previous: TallyFigures;
}

export interface Drilldown {
  key: string;
  period: ReportPeriod;
  count: number;
  items: number;
  /** ids of exactly the consultations counted in the figure, oldest receivedOn first */
  ids: number[];
  /** the same consultations as ledger rows, when withRows was asked for */
  rows?: ConsultationRow[];
}

export interface ExportResult {
  path: string;
  format: ExportFormat;
  bytes: number;
  /** rows written to the detail ledger */
  rows: number;
}

export const reportsContract = {
  'reports.tally': method<Tally>()(periodInput, READERS),
  'reports.drilldown': method<Drilldown>()(drilldownInput, READERS),
  'reports.sentence': method<ReportSentence & { period: ReportPeriod }>()(periodInput, READERS),
  'reports.export': method<ExportResult | null>()(exportInput, READERS),
  /** the report view printed to PDF by the desktop, saved where the user chooses; null: cancelled */
  'reports.pdf': method<{ path: string; bytes: number } | null>()(periodInput, READERS),
} as const satisfies Record<string, MethodDef>;
