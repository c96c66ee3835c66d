/**
 * The workflow of docs/DOMAIN.md, written once: registered → assigned → answered →
 * closed, withdrawn from any state before closed, reopening (admin, with a
 * reason). The service refuses anything else (services/consultations/workflow.ts);
 * the screens show only the actions this table allows.
 */
import type { ConsultationStatus } from './types';

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
  | 'correctOpinion';

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
};

/** Whether an item (its status, in the trash or not) allows the action now. */
export function allows(action: Action, item: { status: ConsultationStatus; trashedAt: string | null }): boolean {
  if (item.trashedAt !== null) return action === 'restore';
  return action !== 'restore' && ALLOWED_FROM[action].includes(item.status);
}
