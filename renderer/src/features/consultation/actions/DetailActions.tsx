/** The action buttons of 事项详情 (only those that fit the status and the user's roles) and their dialogs. */
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { useCan } from '../../../api/hooks';
import { navigate, paths } from '../../../router/hash';
import { availableActions, nextStep, type ActionName } from './availability';
import { AssignDialog, OpinionDialog, OutcomeDialog } from './StepDialogs';
import { CloseDialog, ReopenDialog, RestoreDialog, TrashDialog, WithdrawDialog } from './ReasonDialogs';

const LABEL = {
  edit: 'action.edit',
  assign: 'action.assign',
  addOpinion: 'action.addOpinion',
  recordOutcome: 'action.recordOutcome',
  close: 'action.close',
  withdraw: 'action.withdraw',
  reopen: 'action.reopen',
  trash: 'action.trash',
  restore: 'action.restore',
} as const satisfies Record<ActionName, string>;

const DANGER = new Set<ActionName>(['withdraw', 'trash']);

/** `inlineOpinion`: the page shows the opinion form itself, so no button for it. */
export function DetailActions({ detail, inlineOpinion = false }: { detail: ConsultationDetail; inlineOpinion?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<ActionName | null>(null);
  const actions = availableActions(detail, can).filter((a) => !(inlineOpinion && a === 'addOpinion'));
  const primary = nextStep(detail);
  const close = () => setOpen(null);

  const label = (a: ActionName) =>
    a === 'assign' && detail.status === 'assigned' ? t('action.reassign') : t(LABEL[a]);

  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === primary ? 'primary' : 'default'}
            danger={DANGER.has(a)}
            onClick={() => (a === 'edit' ? navigate(paths.edit(detail.id)) : setOpen(a))}
          >
            {label(a)}
          </Button>
        ))}
      </Space>
      {open === 'assign' ? <AssignDialog detail={detail} onClose={close} title={label('assign')} /> : null}
      {open === 'addOpinion' ? <OpinionDialog detail={detail} onClose={close} /> : null}
      {open === 'recordOutcome' ? <OutcomeDialog detail={detail} onClose={close} /> : null}
      {open === 'close' ? <CloseDialog detail={detail} onClose={close} /> : null}
      {open === 'withdraw' ? <WithdrawDialog detail={detail} onClose={close} /> : null}
      {open === 'reopen' ? <ReopenDialog detail={detail} onClose={close} /> : null}
      {open === 'trash' ? <TrashDialog detail={detail} onClose={close} /> : null}
      {open === 'restore' ? <RestoreDialog detail={detail} onClose={close} /> : null}
    </>
  );
}
