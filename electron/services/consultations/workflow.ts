/**
 * The workflow of docs/DOMAIN.md enforced: the table is electron/domain/workflow.ts;
 * anything it does not allow is refused with INVALID_TRANSITION.
 */
import { ALLOWED_FROM, type Action } from '#domain/workflow';
import type { ConsultationStatus } from '#domain/types';
import { AppError } from '../errors';
import { STATUS_ZH } from '#domain/labels';

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
