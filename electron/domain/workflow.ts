/**
 * The workflow of docs/DOMAIN.md, written once: registered → assigned → answered →
 * closed, withdrawn from any state before closed, reopening (admin, with a
 * reason). The service refuses anything else (services/consultations/workflow.ts);
 * the screens show only the actions this table allows.
 */
import type { ConsultationStatus, StatusChange, StepKind } from './types';

export type Action =
  | 'update'
  | 'assign'
  | 'addOpinion'
  | 'recordOutcome'
  | 'close'
  | 'withdraw'
  | 'reopen'
  | 'trash'
  | 'restore'
  | 'correctStepDate'
  | 'correctOpinion'
  | 'returnForMaterial'
  | 'resume'
  | 'extend'
  | 'signOff'
  | 'setDocument';

/** The review procedure's steps (issue 20). */
export type ProcedureAction = 'returnForMaterial' | 'resume' | 'extend' | 'signOff' | 'setDocument';

/** Statuses each action may start from. */
export const ALLOWED_FROM: Record<Action, readonly ConsultationStatus[]> = {
  update: ['registered', 'assigned', 'answered'],
  assign: ['registered', 'assigned'],
  addOpinion: ['assigned', 'answered'],
  recordOutcome: ['answered'],
  close: ['answered'],
  withdraw: ['registered', 'assigned', 'answered'],
  reopen: ['closed', 'withdrawn'],
  trash: ['registered', 'assigned', 'answered', 'closed', 'withdrawn'],
  restore: ['registered', 'assigned', 'answered', 'closed', 'withdrawn'],
  correctStepDate: ['registered', 'assigned', 'answered', 'closed', 'withdrawn'],
  correctOpinion: ['answered', 'closed', 'withdrawn'],
  // issue 20 (electron/domain/procedures.ts): 退回补正 and its resumption, 延期 while waiting for an opinion;
  // 签发 of an answered item's latest opinion when its category needs it (recordOutcome and close wait for it:
  // blockedBySignOff); the 规范性文件's number and validity once it is issued
  returnForMaterial: ['registered', 'assigned'],
  resume: ['registered', 'assigned'],
  extend: ['registered', 'assigned'],
  signOff: ['answered'],
  setDocument: ['answered', 'closed'],
};

/** Whether an item (its status, in the trash or not) allows the action now. */
export function allows(action: Action, item: { status: ConsultationStatus; trashedAt: string | null }): boolean {
  if (item.trashedAt !== null) return action === 'restore';
  return action !== 'restore' && ALLOWED_FROM[action].includes(item.status);
}

const REAL: readonly string[] = ['registered', 'assigned', 'answered', 'closed', 'withdrawn'];

/** Whether a history row is a change of status (the rows the status at a date is read from). */
export function isStatusRow(h: Pick<StatusChange, 'toStatus'>): boolean {
  return REAL.includes(h.toStatus);
}

/** Which dated step a history row records; null for trash/restore and corrections. */
export function stepKindOf(h: Pick<StatusChange, 'fromStatus' | 'toStatus'>): StepKind | null {
  if (h.toStatus === 'outcome') return 'outcome';
  if (!isStatusRow(h)) return null;
  if (h.fromStatus === null) return 'received';
  if (h.fromStatus === 'closed' || h.fromStatus === 'withdrawn') return 'reopened';
  if (h.toStatus === 'assigned') return 'assigned';
  if (h.toStatus === 'answered') return 'opinion';
  return h.toStatus === 'closed' ? 'closed' : 'withdrawn';
}

/**
 * The steps whose business date a registrar corrects from the timeline (correctStepDate):
 * 分派, 采纳登记, 办结, 撤回, 重新打开 with a date. 收件日期 is corrected by editing the item,
 * 出具日期 by correcting the opinion.
 */
export function isCorrectableStep(h: Pick<StatusChange, 'fromStatus' | 'toStatus' | 'businessOn'>): boolean {
  const kind = stepKindOf(h);
  return kind !== null && kind !== 'received' && kind !== 'opinion' && h.businessOn !== null;
}
