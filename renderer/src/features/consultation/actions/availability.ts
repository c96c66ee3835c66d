/**
 * Which actions fit an item now: the workflow table of the domain
 * (#domain/workflow, the one the service enforces) and the caller's roles from
 * the contract. The service enforces both anyway; this only keeps impossible
 * buttons off the screen.
 */
import type { MethodName } from '#contract/contract';
import type { ConsultationDetail, ConsultationStatus } from '#domain/types';
import { ALLOWED_FROM, allows, type Action, type ProcedureAction } from '#domain/workflow';
import { blockedBySignOff } from '#domain/procedures';

/** The buttons: the workflow's actions, with 'update' shown as 'edit'; the procedure's steps have their own panel (features/procedures). */
export type ActionName = Exclude<Action, 'update' | 'correctStepDate' | 'correctOpinion' | ProcedureAction> | 'edit';

const actionOf = (name: ActionName): Action => (name === 'edit' ? 'update' : name);

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

export const ACTION_RULES = Object.fromEntries(
  ACTION_ORDER.map((name) => {
    const action = actionOf(name);
    return [name, { method: `consultations.${action}` as MethodName, from: ALLOWED_FROM[action], trashed: action === 'restore' }];
  }),
) as Record<ActionName, { method: MethodName; from: readonly ConsultationStatus[]; trashed: boolean }>;

export function availableActions(
  d: Pick<ConsultationDetail, 'status' | 'trashedAt'> & { opinions?: ConsultationDetail['opinions'] },
  can: (method: MethodName) => boolean,
): ActionName[] {
  // an outcome and closing wait for the latest opinion's 签发 (issue 20; the service refuses them too)
  const signOff = d.opinions?.at(-1)?.signOffStatus;
  return ACTION_ORDER.filter((a) => allows(actionOf(a), d) && !blockedBySignOff(actionOf(a), signOff) && can(ACTION_RULES[a].method));
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
