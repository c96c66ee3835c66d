/**
 * Review procedures by category (issue 20): the time limit in working days, when the
 * clock starts, whether the leader signs the opinion off (审签), the checklist and the
 * conclusion words of each kind of review. Written once here; the admin's changes are
 * stored per category (category_procedures), a category without a row follows its
 * default below. The working-day clock's rule (退回补正 pauses it, 延期 moves it) is
 * `dueAfterResume` / `runClock`; the calendar itself is electron/services/calendar.ts.
 */
import { CONCLUSIONS, type Conclusion } from './types';

export const CLOCK_STARTS = ['receipt', 'complete'] as const;
/** receipt: from 收件日期, a return pauses it; complete: from a complete file, a return restarts it when the material comes back */
export type ClockStart = (typeof CLOCK_STARTS)[number];

export const CHECK_RESULTS = ['conforms', 'nonConforming', 'notApplicable'] as const;
/** 符合 / 不符合 / 不适用 */
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const SIGN_OFF_STATES = ['pending', 'signed', 'returned'] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

/** A word the category shows for a conclusion, and the one of the four stored conclusions it counts as. */
export interface ConclusionWord { word: string; conclusion: Conclusion }

export interface ProcedureSettings {
  /** 办理时限 in working days; null: the office's defaultDueDays */
  timeLimitDays: number | null;
  clockStart: ClockStart;
  /** the opinion waits for the leader's 签发 before its outcome is recorded */
  signOff: boolean;
  /** 规范性文件: number and validity period once issued, reviewed before it expires */
  tracksValidity: boolean;
  /** the checklist's points, in order */
  checklist: string[];
  /** the words offered for the conclusion; empty: the four standard words */
  conclusionWords: ConclusionWord[];
}

export interface ProcedureDefault extends ProcedureSettings {
  /** where the default comes from, shown beside it on the settings screen */
  source: string;
}

/** Limits of the settings (the contract checks them). */
export const PROCEDURE_LIMITS = { timeLimitDays: 365, points: 30, pointLength: 200, words: 12, wordLength: 20, checkNote: 1_000, missing: 1_000 };

/** A category without its own default: the office-wide time limit from receipt, nothing else. */
export const GENERIC_PROCEDURE: ProcedureDefault = {
  timeLimitDays: null,
  clockStart: 'receipt',
  signOff: false,
  tracksValidity: false,
  checklist: [],
  conclusionWords: [],
  source: '无专门规定：适用系统设置的默认办理时限，自收件之日起算',
};

/** The defaults of the built-in categories (by code), each with its source. */
export const DEFAULT_PROCEDURES: Readonly<Record<string, ProcedureDefault>> = {
  decision: {
    timeLimitDays: 7,
    clockStart: 'complete',
    signOff: false,
    tracksValidity: false,
    checklist: ['决策事项是否符合法定权限', '决策草案的形成是否履行相关法定程序', '决策草案内容是否符合有关法律、法规、规章和国家政策的规定', '送审材料是否齐全（决策草案、法律依据、履行程序的说明）'],
    conclusionWords: [],
    source: '《重大行政决策程序暂行条例》（国务院令第713号）第二十七条：送审材料（决策草案、法律依据、履行程序的说明），审查时间一般不少于7个工作日；第二十八条：审查内容',
  },
  rules: {
    timeLimitDays: 15,
    clockStart: 'complete',
    signOff: false,
    tracksValidity: true,
    checklist: ['制定主体是否合法', '是否超越法定职权', '是否违反制定程序', '内容是否符合法律、法规、规章和国家政策', '文本形式是否规范'],
    conclusionWords: [
      { word: '同意出台', conclusion: 'approve' }, { word: '修改条款', conclusion: 'approveWithChanges' },
      { word: '补正程序', conclusion: 'approveWithChanges' }, { word: '不予出台', conclusion: 'object' },
    ],
    source: '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）：审核时间原则上不少于5个工作日、最长不超过15个工作日，材料不齐全的可退回补充；有效期一般不超过5年（各地规范性文件管理规定）',
  },
  contract: {
    timeLimitDays: 5,
    clockStart: 'receipt',
    signOff: false,
    tracksValidity: false,
    checklist: ['对方当事人主体资格与履约能力', '合同条款的合法性', '权利义务是否明确、对等', '违约责任', '争议解决方式'],
    conclusionWords: [],
    source: '各地行政机关合同合法性审查办法的通行做法（一般为5个工作日），可按本单位规定修改',
  },
  enforcementReview: {
    timeLimitDays: null,
    clockStart: 'receipt',
    signOff: true,
    tracksValidity: false,
    checklist: ['执法主体是否合法', '执法人员是否具备执法资格', '案件事实是否清楚、证据是否合法充分', '适用法律、法规、规章是否准确', '执法程序是否合法', '行政裁量是否适当'],
    conclusionWords: [
      { word: '同意', conclusion: 'approve' },
      { word: '建议修改', conclusion: 'approveWithChanges' },
      { word: '不同意', conclusion: 'object' },
    ],
    source: '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）：审核内容及同意/存在问题的书面意见，报机关负责人签发；时限按本单位规定',
  },
};

export function defaultProcedure(code: string): ProcedureDefault {
  return DEFAULT_PROCEDURES[code] ?? GENERIC_PROCEDURE;
}

/** The words a category offers: its own, or the four standard ones. */
export function conclusionChoices(p: Pick<ProcedureSettings, 'conclusionWords'>, standard: Readonly<Record<Conclusion, string>>): ConclusionWord[] {
  return p.conclusionWords.length > 0 ? p.conclusionWords : CONCLUSIONS.map((c) => ({ word: standard[c], conclusion: c }));
}

/** The working days of the office's calendar (electron/services/calendar.ts answers these from the holiday list). */
export interface WorkingCalendar {
  /** the day `n` working days after `from` (from itself does not count) */
  addWorkingDays(from: string, n: number): string;
  /** how many working days lie after `from` up to and including `to` (0 when to ≤ from) */
  workingDaysAfter(from: string, to: string): number;
}

/**
 * Working days a return paused the clock: the day it went back still ran, the day the
 * material came back is like a day of receipt (not counted), so the days after the return
 * up to and including the day it came back.
 */
export function pausedWorkingDays(cal: WorkingCalendar, returnedOn: string, resumedOn: string): number {
  return cal.workingDaysAfter(returnedOn, resumedOn);
}

/**
 * The due date once the material is back: from receipt, moved by the paused working days;
 * from a complete file, the full time limit again from the day it came back.
 */
export function dueAfterResume(
  cal: WorkingCalendar,
  rule: { clockStart: ClockStart; timeLimitDays: number },
  dueBefore: string | null,
  returnedOn: string,
  resumedOn: string,
): { dueOn: string | null; pausedDays: number } {
  const pausedDays = pausedWorkingDays(cal, returnedOn, resumedOn);
  if (rule.clockStart === 'complete') return { dueOn: cal.addWorkingDays(resumedOn, rule.timeLimitDays), pausedDays };
  return { dueOn: dueBefore === null ? null : cal.addWorkingDays(dueBefore, pausedDays), pausedDays };
}

export type ClockEvent =
  | { kind: 'return'; returnedOn: string; resumedOn: string | null }
  | { kind: 'extension'; grantedOn: string; newDueOn: string };

/**
 * The clock over an item's whole life: the first due date, then each return and
 * extension in date order. While a return is open the clock is stopped (paused: true).
 */
export function runClock(
  cal: WorkingCalendar,
  rule: { clockStart: ClockStart; timeLimitDays: number; receivedOn: string },
  events: readonly ClockEvent[],
): { dueOn: string; pausedDays: number; paused: boolean } {
  let dueOn = cal.addWorkingDays(rule.receivedOn, rule.timeLimitDays);
  let pausedDays = 0;
  let paused = false;
  const on = (e: ClockEvent) => (e.kind === 'return' ? e.returnedOn : e.grantedOn);
  for (const e of [...events].sort((a, b) => on(a).localeCompare(on(b)))) {
    if (e.kind === 'extension') {
      dueOn = e.newDueOn;
    } else if (e.resumedOn === null) {
      paused = true;
    } else {
      const r = dueAfterResume(cal, rule, dueOn, e.returnedOn, e.resumedOn);
      dueOn = r.dueOn ?? dueOn;
      pausedDays += r.pausedDays;
    }
  }
  return { dueOn, pausedDays, paused };
}

/** Steps that wait for the leader's 签发 when the latest opinion needs it and has not been signed. */
const AFTER_SIGN_OFF = ['recordOutcome', 'close'] as const;

/** Whether the latest opinion's sign-off state stops this action (an outcome or closing before 签发). */
export function blockedBySignOff(action: string, latest: SignOffState | null | undefined): boolean {
  return (AFTER_SIGN_OFF as readonly string[]).includes(action) && (latest === 'pending' || latest === 'returned');
}

/** 规范性文件: valid for at most this many years, reviewed (清理) from this many months before it expires. */
export const DOCUMENT_VALIDITY = { maxYears: 5, reviewMonthsAhead: 6 };

/** The same day `months` later (the month's last day when it has fewer days). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// ---- the shapes the procedure methods return (electron/api/procedures-contract.ts) ----

/** One category's procedure as the settings screen shows it. */
export interface CategoryProcedure {
  categoryId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  /** in force: the admin's, or the default */
  settings: ProcedureSettings;
  /** the time limit in force in working days (the office's default filled in) */
  effectiveDays: number;
  defaults: ProcedureDefault;
  /** the admin has saved settings of their own */
  custom: boolean;
  /** 0 while the default applies; otherwise the saved row's version */
  version: number;
}

export interface CheckMark {
  point: string;
  result: CheckResult;
  note: string;
}

export interface ReturnRecord {
  id: number;
  returnedOn: string;
  missing: string;
  resumedOn: string | null;
  pausedDays: number | null;
  dueBefore: string | null;
  dueAfter: string | null;
  createdByName: string;
}

export interface ExtensionRecord {
  id: number;
  grantedOn: string;
  reason: string;
  previousDueOn: string | null;
  newDueOn: string;
  createdByName: string;
}

export interface NormativeDocument {
  docNumber: string;
  issuedOn: string;
  validUntil: string;
}

/** The procedure side of one item: its category's rule, returns, extensions, the document's validity. */
export interface ItemProcedure {
  consultationId: number;
  procedure: ProcedureSettings;
  effectiveDays: number;
  pausedSince: string | null;
  returns: ReturnRecord[];
  extensions: ExtensionRecord[];
  document: NormativeDocument | null;
}

/** An opinion waiting for the leader's 签发. */
export interface SignOffQueueRow {
  consultationId: number;
  version: number;
  serialNo: string;
  title: string;
  categoryName: string;
  departmentName: string;
  opinionId: number;
  round: number;
  counselName: string | null;
  conclusion: Conclusion;
  conclusionWord: string | null;
  issuedOn: string;
  state: SignOffState;
  remark: string | null;
}

export interface ExpiringDocument {
  consultationId: number;
  serialNo: string;
  title: string;
  departmentName: string;
  docNumber: string;
  issuedOn: string;
  validUntil: string;
  /** already past its validity on today's date */
  expired: boolean;
}

/** The annual report's procedure figures (issue 20). */
export interface ProcedureFigures {
  /** returns made in the period (by returnedOn), and on how many items */
  returns: number;
  returnedItems: number;
  /** average working days paused over the returns that came back in the period; null when none */
  averagePausedDays: number | null;
  /** 签发 in the period and the average calendar days from 出具 to 签发; null when none */
  signedOff: number;
  averageSignOffDays: number | null;
  extensions: number;
  /** of the period's items, at its end (a running period: now): returned for material and not answered */
  awaitingMaterial: number;
  /** of the period's items, at its end: the latest opinion given by then needs 签发 and was not signed or returned by then */
  awaitingSignOff: number;
}

/** The reminders of issue 20, added to reminders.summary. */
export interface ProcedureReminders {
  awaitingMaterial: number;
  awaitingSignOff: number;
  /** 规范性文件 expiring within six months or expired (清理) */
  documentsDue: number;
}

/** What the printed opinion (issue 21) needs of an opinion: its checklist and the sign-off block. */
export interface OpinionDocumentData {
  opinionId: number;
  round: number;
  conclusionWord: string;
  checklist: { point: string; result: CheckResult; resultZh: string; note: string }[];
  signOff: { required: boolean; state: SignOffState | null; stateZh: string; on: string | null; byName: string | null; remark: string | null };
}
