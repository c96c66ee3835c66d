/**
 * Which actions fit an item now: the workflow of docs/DOMAIN.md (mirrors the
 * service's ALLOWED_FROM) and the caller's roles from the contract. The service
 * enforces both anyway; this only keeps impossible buttons off the screen.
 */
import type { MethodName } from '#contract/contract';
import type { ConsultationDetail, ConsultationStatus } from '#domain/types';

export type ActionName =
  | 'edit'
  | 'assign'
  | 'addOpinion'
  | 'recordOutcome'
  | 'close'
  | 'withdraw'
  | 'reopen'
  | 'trash'
  | 'restore';

const OPEN: readonly ConsultationStatus[] = ['registered', 'assigned', 'answered'];
const ANY: readonly ConsultationStatus[] = [...OPEN, 'closed', 'withdrawn'];

export const ACTION_RULES: Record<ActionName, { method: MethodName; from: readonly ConsultationStatus[]; trashed: boolean }> = {
  edit: { method: 'consultations.update', from: OPEN, trashed: false },
  assign: { method: 'consultations.assign', from: ['registered', 'assigned'], trashed: false },
  addOpinion: { method: 'consultations.addOpinion', from: ['assigned', 'answered'], trashed: false },
  recordOutcome: { method: 'consultations.recordOutcome', from: ['answered'], trashed: false },
  close: { method: 'consultations.close', from: ['answered'], trashed: false },
  withdraw: { method: 'consultations.withdraw', from: OPEN, trashed: false },
  reopen: { method: 'consultations.reopen', from: ['closed', 'withdrawn'], trashed: false },
  trash: { method: 'consultations.trash', from: ANY, trashed: false },
  restore: { method: 'consultations.restore', from: ANY, trashed: true },
};

export const ACTION_ORDER: readonly ActionName[] = [
  'edit',
  'assign',
  'addOpinion',
  'recordOutcome',
  'close',
  'withdraw',
  'reopen',
  'trash',
  'restore',
];

export function availableActions(
  d: Pick<ConsultationDetail, 'status' | 'trashedAt'>,
  can: (method: MethodName) => boolean,
): ActionName[] {
  const trashed = d.trashedAt !== null;
  return ACTION_ORDER.filter((a) => {
    const rule = ACTION_RULES[a];
    return rule.trashed === trashed && rule.from.includes(d.status) && can(rule.method);
  });
}

/** The step that usually comes next, shown as the primary button. */
export function nextStep(d: Pick<ConsultationDetail, 'status' | 'outcome' | 'trashedAt'>): ActionName | null {
  if (d.trashedAt !== null) return 'restore';
  switch (d.status) {
    case 'registered':
      return 'assign';
    case 'assigned':
      return 'addOpinion';
    case 'answered':
      return d.outcome ? 'close' : 'recordOutcome';
    default:
      return null;
  }
}
