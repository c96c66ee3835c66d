/**
 * Methods of the firms, their engagements (聘用合同) and payments, the ratings and
 * the yearly assessment (年度履职考核), merged into the contract, with the shapes
 * they return (type-only, so the renderer may import them).
 */
import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import { type AssessmentTemplate, type Grade, type HeadScore, type Rating } from '../domain/engagement';
import type { Role } from '../domain/types';
import { MAX_ATTACHMENT_BASE64 } from '../domain/types';
import { block, day, method, name, required, text, type MethodDef } from './define';
import { periodInput, type Figure, type ReportPeriod } from './reports-contract';

const ALL: readonly Role[] = ['admin', 'registrar', 'counsel', 'leader'];
const ADMIN: readonly Role[] = ['admin'];
/** who sees money, ratings and the assessment: never a counsel */
export const OFFICE: readonly Role[] = ['admin', 'registrar', 'leader'];
/** who records payments */
const BOOKKEEPERS: readonly Role[] = ['admin', 'registrar'];

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.number().int().positive();
/** money in fen (分): a whole number, never a float; at most 10^12 fen */
const fen = (what: string) =>
  z.number({ message: `请填写${what}` }).int({ message: `${what}须精确到分` }).min(0, { message: `${what}不能为负数` }).max(1e12, { message: `${what}过大` });
const year = z.number().int().min(1900).max(2999);
const key = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, { message: '标识只能包含字母、数字和 -，最多 32 个字符' });

// ---- shapes ----

export interface Firm {
  id: number;
  name: string;
  contact: string;
  phone: string;
  active: boolean;
  version: number;
  /** counsel in the firm (active or not) */
  counselCount: number;
}

export interface Payment {
  id: number;
  engagementId: number;
  paidOn: string;
  amountFen: number;
  voucherNo: string;
  note: string;
  createdAt: string;
  createdByName: string;
  voidedAt: string | null;
  voidReason: string | null;
}

/** One year of an engagement: the fee agreed for the part of the term in that year, and what was paid. */
export interface EngagementYear {
  year: number;
  /** the annual fee, pro rata for the days of the term in the year (whole fen, rounded down) */
  agreedFen: number;
  paidFen: number;
}

export interface Engagement {
  id: number;
  firmId: number;
  firmName: string;
  contractNo: string;
  termFrom: string;
  termTo: string;
  annualFeeFen: number;
  paymentTerms: string;
  duties: string[];
  filedOn: string | null;
  contractFile: { fileName: string; mimeType: string; size: number } | null;
  version: number;
  payments: Payment[];
  years: EngagementYear[];
}

export interface EngagementReminder {
  engagementId: number;
  firmName: string;
  contractNo: string;
  termTo: string;
  daysLeft: number;
}

export interface ItemRating {
  rating: Rating;
  note: string;
  ratedOn: string;
  ratedByName: string;
}

/** One figure of the assessment's evidence: its value and the drill-down key of its items (over the year). */
export interface EvidenceFigure {
  label: string;
  /** as shown: "12次（15项）", "6份", "4天", "90.0%" */
  text: string;
  /** null: nothing to list (a fee) */
  key: string | null;
}

export interface Evidence {
  firmId: number;
  year: number;
  period: ReportPeriod;
  /** the figures as the annual report computes them for the firm's counsel (reports/tally.ts computeFigures) */
  total: Figure;
  documents: number;
  medianDays: number | null;
  onTime: { met: Figure; tracked: Figure; text: string };
  adoption: { adopted: Figure; withOutcome: Figure; text: string };
  /** opinion rounds per answered item, e.g. "1.25"; "暂无" when none answered */
  roundsPerItem: string;
  ratings: (Figure & { rating: Rating })[];
  paidFen: number;
  /** the rows of the 证据 table, in order, as the exports print them */
  rows: EvidenceFigure[];
}

export interface Assessment {
  id: number;
  firmId: number;
  firmName: string;
  year: number;
  template: AssessmentTemplate;
  scores: Record<string, HeadScore>;
  vetoes: string[];
  selfAssessment: string;
  remarks: string;
  status: 'draft' | 'signed';
  signedAt: string | null;
  signedByName: string | null;
  totalTenths: number;
  grade: Grade | null;
  vetoed: boolean;
  version: number;
  updatedAt: string;
}

export interface CostFigures {
  period: ReportPeriod;
  /** payments dated in the period (not voided), all firms */
  paidFen: number;
  /** counted consultations (次) of the period, as the report counts them */
  consultations: number;
  /** paid ÷ consultations, whole fen (rounded half up); null when there were none */
  perConsultationFen: number | null;
}

// ---- inputs ----

const firmFields = {
  name: name(LIMITS.firm, '律师事务所名称'),
  contact: text(LIMITS.counselName).default(''),
  phone: text(LIMITS.phone).default(''),
};

const duties = z
  .array(required(500, '服务事项'))
  .max(100, { message: '服务清单最多 100 项' });

const engagementFields = {
  contractNo: required(60, '合同编号'),
  termFrom: day,
  termTo: day,
  annualFeeFen: fen('年度服务费'),
  paymentTerms: block(2_000).default(''),
  duties: duties.default([]),
  filedOn: day.nullable().default(null),
};

const termInOrder = (v: { termFrom?: string; termTo?: string }) => !v.termFrom || !v.termTo || v.termTo >= v.termFrom;
const TERM_MESSAGE = { message: '合同期限的结束日期不能早于开始日期', path: ['termTo'] };

const headScore = z.strictObject({
  tenths: z.number().int({ message: '分值最多一位小数' }).min(0, { message: '分值不能为负数' }).max(10_000),
  remark: block(2_000).default(''),
});

const template = z.strictObject({
  name: required(100, '考核表名称'),
  source: block(1_000).default(''),
  heads: z
    .array(
      z.strictObject({
        key,
        name: required(50, '考核项目名称'),
        weight: z.number().int({ message: '分值须为整数' }).min(1, { message: '分值至少为 1' }).max(100, { message: '分值不能超过 100' }),
        guidance: block(2_000).default(''),
        bonus: z.boolean().default(false),
      }),
    )
    .min(1, { message: '请至少设置一个考核项目' })
    .max(30)
    .refine((h) => new Set(h.map((x) => x.key)).size === h.length, { message: '考核项目标识重复' }),
  thresholds: z
    .strictObject({ excellent: z.number().int().min(0).max(200), competent: z.number().int().min(0).max(200), basic: z.number().int().min(0).max(200) })
    .refine((t) => t.excellent > t.competent && t.competent > t.basic, { message: '等次分数线应为 优秀 > 称职 > 基本称职' }),
  vetoes: z
    .array(z.strictObject({ key, text: required(300, '一票否决情形') }))
    .max(30)
    .refine((v) => new Set(v.map((x) => x.key)).size === v.length, { message: '一票否决项标识重复' }),
});

export const engagementContract = {
  'firms.list': method<Firm[]>()(z.strictObject({ includeInactive: z.boolean().optional() }), ALL),
  'firms.create': method<Firm>()(z.strictObject(firmFields), ADMIN),
  'firms.update': method<Firm>()(
    z.strictObject({
      id,
      version,
      name: firmFields.name.optional(),
      contact: text(LIMITS.counselName).optional(),
      phone: text(LIMITS.phone).optional(),
      active: z.boolean().optional(),
    }),
    ADMIN,
  ),

  'engagements.list': method<Engagement[]>()(z.strictObject({ firmId: id.optional() }), OFFICE),
  'engagements.create': method<Engagement>()(z.strictObject({ firmId: id, ...engagementFields }).refine(termInOrder, TERM_MESSAGE), ADMIN),
  'engagements.update': method<Engagement>()(
    z
      .strictObject({
        id,
        version,
        contractNo: engagementFields.contractNo.optional(),
        termFrom: day.optional(),
        termTo: day.optional(),
        annualFeeFen: fen('年度服务费').optional(),
        paymentTerms: block(2_000).optional(),
        duties: duties.optional(),
        filedOn: day.nullable().optional(),
      })
      .refine(termInOrder, TERM_MESSAGE),
    ADMIN,
  ),
  /** the signed contract file, read by the page (a sandboxed page never sees paths) */
  'engagements.uploadContract': method<Engagement>()(
    z.strictObject({
      id,
      version,
      fileName: required(255, '文件名'),
      dataBase64: z.string().max(MAX_ATTACHMENT_BASE64, { message: '文件过大' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容无效' }),
    }),
    ADMIN,
  ),
  'engagements.saveContractAs': method<{ saved: boolean }>()(z.strictObject({ id }), OFFICE),
  'engagements.reminders': method<EngagementReminder[]>()(z.strictObject({}), OFFICE),

  'payments.add': method<Engagement>()(
    z.strictObject({
      engagementId: id,
      paidOn: day,
      amountFen: fen('付款金额').min(1, { message: '付款金额须大于 0' }),
      voucherNo: text(60).default(''),
      note: block(1_000).default(''),
    }),
    BOOKKEEPERS,
  ),
  'payments.void': method<Engagement>()(z.strictObject({ id, reason: required(LIMITS.reason, '作废原因', true) }), BOOKKEEPERS),

  'ratings.get': method<ItemRating | null>()(z.strictObject({ consultationId: id }), OFFICE),
  'ratings.list': method<(ItemRating & { consultationId: number })[]>()(z.strictObject({ ids: z.array(id).max(10_000) }), OFFICE),

  'assessments.template': method<AssessmentTemplate>()(z.strictObject({}), OFFICE),
  'assessments.setTemplate': method<AssessmentTemplate>()(z.strictObject({ template }), ADMIN),
  'assessments.get': method<Assessment | null>()(z.strictObject({ firmId: id, year }), OFFICE),
  /** opens (creates) the draft of a firm's year on the current template; the existing one when there is one */
  'assessments.open': method<Assessment>()(z.strictObject({ firmId: id, year }), OFFICE),
  'assessments.save': method<Assessment>()(
    z.strictObject({
      id,
      version,
      scores: z.record(key, headScore),
      vetoes: z.array(key).max(30),
      selfAssessment: block(20_000).default(''),
      remarks: block(5_000).default(''),
    }),
    OFFICE,
  ),
  'assessments.sign': method<Assessment>()(z.strictObject({ id, version }), OFFICE),
  'assessments.reopen': method<Assessment>()(z.strictObject({ id, version, reason: required(LIMITS.reason, '重新打开的原因', true) }), ADMIN),
  'assessments.evidence': method<Evidence>()(z.strictObject({ firmId: id, year }), OFFICE),
  'assessments.export': method<{ path: string; bytes: number } | null>()(z.strictObject({ id, format: z.enum(['docx', 'xlsx']) }), OFFICE),

  /** the annual report's cost figures: never for a counsel */
  'reports.cost': method<CostFigures>()(periodInput, OFFICE),
} as const satisfies Record<string, MethodDef>;

