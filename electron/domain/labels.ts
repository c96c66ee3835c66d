/** The domain's Chinese words (docs/DOMAIN.md, "Words") for messages, the text output and the exports. */
import type { Conclusion, ConsultationStatus, HistoryEvent, Outcome, StepKind } from './types';
import type { Action } from './workflow';
import type { CheckResult, SignOffState } from './procedures';

export const STATUS_ZH: Record<ConsultationStatus, string> = {
  registered: '已登记',
  assigned: '已分派',
  answered: '已出具意见',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** History rows that are not statuses (types.ts HISTORY_EVENTS), as the case file's history names them. */
export const HISTORY_EVENT_ZH: Record<HistoryEvent, string> = {
  trashed: '移入回收站',
  restored: '从回收站恢复',
  outcome: '登记采纳情况',
  dateCorrected: '更正日期',
  opinionCorrected: '更正法律意见',
  returned: '退回补正',
  resumed: '收到补正材料',
  extended: '延期',
  signedOff: '领导签发',
  signOffReturned: '领导退回意见',
  documentSet: '登记文件有效期',
};

export const CONCLUSION_ZH: Record<Conclusion | 'none', string> = {
  approve: '同意/无异议',
  approveWithChanges: '修改后同意',
  object: '不同意/存在法律风险',
  advisory: '咨询答复(无结论)',
  none: '尚未出具意见',
};

export const OUTCOME_ZH: Record<Outcome | 'none', string> = {
  adopted: '采纳',
  partiallyAdopted: '部分采纳',
  notAdopted: '未采纳',
  none: '未登记',
};

/** 审查要点的判断 (issue 20) */
export const CHECK_RESULT_ZH: Record<CheckResult, string> = {
  conforms: '符合',
  nonConforming: '不符合',
  notApplicable: '不适用',
};

/** 审签 states (issue 20) */
export const SIGN_OFF_ZH: Record<SignOffState, string> = {
  pending: '待签发',
  signed: '已签发',
  returned: '已退回',
};

export const DUE_ZH: Record<'met' | 'missed' | 'pending' | 'none', string> = {
  met: '按时',
  missed: '超期',
  pending: '未到期',
  none: '未设时限',
};

/** Each workflow action's name, as messages ("不能分派") and the UI's buttons say it. */
export const ACTION_ZH: Record<Action, string> = {
  update: '修改',
  assign: '分派',
  addOpinion: '出具意见',
  recordOutcome: '登记采纳情况',
  close: '办结',
  withdraw: '撤回',
  reopen: '重新打开',
  trash: '移入回收站',
  restore: '恢复',
  correctStepDate: '更正日期',
  correctOpinion: '更正意见',
  returnForMaterial: '退回补正',
  resume: '登记补正材料',
  extend: '延期',
  signOff: '签发',
  setDocument: '登记文件有效期',
};

/** The name of each step's business date, as messages and the UI's date fields say it. */
export const STEP_DATE_ZH: Record<StepKind, string> = {
  received: '收件日期',
  assigned: '分派日期',
  opinion: '出具日期',
  outcome: '采纳登记日期',
  closed: '办结日期',
  withdrawn: '撤回日期',
  reopened: '重新打开日期',
};

/** Shown for a rate whose denominator is zero (no outcome recorded yet, nothing due yet). */
export const NO_RATE = '暂无';

/** 2025-03 → 3月 (within one year) or 2025年3月 (a range across years). */
export function monthLabel(month: string, withYear: boolean): string {
  const [y, m] = month.split('-');
  return withYear ? `${y}年${Number(m)}月` : `${Number(m)}月`;
}

export function zh<K extends string>(table: Record<K, string>, key: string | null | undefined, fallback = ''): string {
  if (key === null || key === undefined) return fallback;
  return Object.hasOwn(table, key) ? table[key as K] : key;
}
