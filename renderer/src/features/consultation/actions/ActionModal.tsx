/**
 * The frame of a workflow step's dialog: a FormModal that, on a stale version, closes and says the
 * item was reloaded (ActionModal), the props every step's dialog gets, the day its date starts at,
 * and StepModal, which names the buttons and messages after the step and sends the item's version.
 */
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { useAppInfo } from '../../../api/hooks';
import { FormModal } from '../../../shared/FormModal';

type ActionModalProps<V extends object> = Omit<ComponentProps<typeof FormModal<V>>, 'staleText'>;

function ActionModal<V extends object>(props: ActionModalProps<V>) {
  const { t } = useTranslation();
  return <FormModal<V> {...props} staleText={t('action.refreshed')} />;
}

/** The props every step's dialog gets: the item, and how to close. */
export interface DialogProps {
  detail: ConsultationDetail;
  onClose(): void;
}

/** The day a step's date starts at: today (app.info), the item's receipt day until that is known. */
export function useToday(detail: ConsultationDetail): string {
  return useAppInfo().data?.today ?? detail.receivedOn;
}

/** The item a step is sent for: its id, and the version the dialog was opened on. */
interface StepItem {
  id: number;
  version: number;
}

type StepModalProps<V extends object> = Omit<ActionModalProps<V>, 'title' | 'okText' | 'doneText' | 'submit'> & {
  detail: ConsultationDetail;
  /** the step's name: the button says 确认<action>, the success message <action>完成 */
  action: string;
  /** the action's name when not given */
  title?: string;
  submit(values: V, item: StepItem): Promise<unknown>;
};

/** A dialog for one step on one item: the texts from the step's name, `submit` given the item's id and version. */
export function StepModal<V extends object>({ detail, action, title, submit, ...props }: StepModalProps<V>) {
  const { t } = useTranslation();
  return (
    <ActionModal<V>
      {...props}
      title={title ?? action}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      submit={(values) => submit(values, { id: detail.id, version: detail.version })}
    />
  );
}
