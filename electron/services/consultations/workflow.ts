/**
 * The workflow of docs/DOMAIN.md: registered → assigned → answered → closed, withdrawn
 * from any state before closed, reopening (admin, with a reason). Anything else is
 * refused with INVALID_TRANSITION.
 */
import type { ConsultationStatus } from '#domain/types';
import { AppError } from '../errors';

export type Action =
  | 'update'
  | 'assign'
  | 'addOpinion'
  | 'recordOutcome'
  | 'close'
  | 'withdraw'
  | 'reopen'
  | 'trash'
  | 'restore';

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
};

const STATUS_ZH: Record<ConsultationStatus, string> = {
  registered: '已登记',
  assigned: '已分派',
  answered: '已出具意见',
  closed: '已办结',
  withdrawn: '已撤回',
};

const ACTION_ZH: Record<Action, string> = {
  update: '修改',
  assign: '分派',
  addOpinion: '出具意见',
  recordOutcome: '登记采纳情况',
  close: '办结',
  withdraw: '撤回',
  reopen: '重新打开',
  trash: '移入回收站',
  restore: '恢复',
};

export function assertTransition(action: Action, status: ConsultationStatus, trashed: boolean): void {
  if (action === 'restore') {
    if (!trashed) throw new AppError('INVALID_TRANSITION', '该事项不在回收站中，无需恢复');
    return;
  }
  if (trashed) throw new AppError('INVALID_TRANSITION', `该事项在回收站中，不能${ACTION_ZH[action]}；请先恢复`);
  if (!ALLOWED_FROM[action].includes(status)) {
    throw new AppError('INVALID_TRANSITION', `状态为“${STATUS_ZH[status]}”的事项不能${ACTION_ZH[action]}`);
  }
}
