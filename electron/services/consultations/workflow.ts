/**
 * The workflow of docs/DOMAIN.md enforced: the table is electron/domain/workflow.ts;
 * anything it does not allow is refused with INVALID_TRANSITION.
 */
import { ALLOWED_FROM, type Action } from '#domain/workflow';
export { isStatusRow, stepKindOf } from '#domain/workflow';
import type { ConsultationStatus } from '#domain/types';
import { AppError } from '../errors';
import { ACTION_ZH, STATUS_ZH } from '#domain/labels';
export { STEP_DATE_ZH } from '#domain/labels';

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
