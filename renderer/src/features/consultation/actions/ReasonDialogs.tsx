/** 办结, 撤回, 重新打开, 移入回收站, 恢复: confirmations, most with a reason for the record. */
import { Form, Input, Radio, Typography } from 'antd';
import { RATINGS, type Rating } from '#domain/engagement';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { useApiMutation, useAppInfo } from '../../../api/hooks';
import { ActionModal } from './ActionModal';
import { StepDateField } from './StepDialogs';

interface DialogProps {
  detail: ConsultationDetail;
  onClose(): void;
}

function ReasonField({ required, label }: { required: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('validation.reasonRequired') }] : []),
        { max: 1000, message: t('validation.maxLength', { max: 1000 }) },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
    </Form.Item>
  );
}

export function CloseDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const close = useApiMutation('consultations.close');
  const today = useAppInfo().data?.today ?? detail.receivedOn;
  const action = t('action.close');
  return (
    <ActionModal<{ closedOn: string; rating?: Rating; ratingNote?: string }>
      title={t('action.closeTitle')}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      warning={t('action.closeConfirm')}
      fields={['closedOn', 'rating']}
      initialValues={{ closedOn: today }}
      onClose={onClose}
      submit={(v) =>
        close.mutateAsync({
          id: detail.id,
          version: detail.version,
          closedOn: v.closedOn,
          ...(v.rating ? { rating: { rating: v.rating, note: v.ratingNote ?? '' } } : {}),
        })
      }
    >
      {() => (
        <>
          {detail.outcome ? null : <Typography.Paragraph type="warning">{t('action.closeNoOutcome')}</Typography.Paragraph>}
          <StepDateField name="closedOn" label={t('action.closedOn')} today={today} />
          {/* the registrar's rating of the service (optional); a counsel never sees it */}
          <Form.Item name="rating" label={t('engagement.rating.optional')}>
            <Radio.Group options={RATINGS.map((r) => ({ value: r, label: t(`engagement.rating.${r}`) }))} />
          </Form.Item>
          <Form.Item name="ratingNote" label={t('engagement.rating.note')} rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}

export function WithdrawDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const withdraw = useApiMutation('consultations.withdraw');
  const today = useAppInfo().data?.today ?? detail.receivedOn;
  const action = t('action.withdraw');
  return (
    <ActionModal<{ reason: string; withdrawnOn: string }>
      title={t('action.withdrawTitle')}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      danger
      warning={t('action.withdrawConfirm')}
      fields={['reason', 'withdrawnOn']}
      initialValues={{ withdrawnOn: today }}
      onClose={onClose}
      submit={(v) => withdraw.mutateAsync({ id: detail.id, version: detail.version, reason: v.reason, withdrawnOn: v.withdrawnOn })}
    >
      {() => (
        <>
          <StepDateField name="withdrawnOn" label={t('action.withdrawnOn')} today={today} />
          <ReasonField required label={t('action.reason')} />
        </>
      )}
    </ActionModal>
  );
}

export function ReopenDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const reopen = useApiMutation('consultations.reopen');
  const today = useAppInfo().data?.today ?? detail.receivedOn;
  const action = t('action.reopen');
  return (
    <ActionModal<{ reason: string; reopenedOn: string }>
      title={t('action.reopenTitle')}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      fields={['reason', 'reopenedOn']}
      initialValues={{ reopenedOn: today }}
      onClose={onClose}
      submit={(v) => reopen.mutateAsync({ id: detail.id, version: detail.version, reason: v.reason, reopenedOn: v.reopenedOn })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('action.reopenHint')}</Typography.Paragraph>
          <StepDateField name="reopenedOn" label={t('action.reopenedOn')} today={today} />
          <ReasonField required label={t('action.reason')} />
        </>
      )}
    </ActionModal>
  );
}

export function TrashDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const trash = useApiMutation('consultations.trash');
  const action = t('action.trash');
  return (
    <ActionModal<{ reason?: string }>
      title={t('action.trashTitle')}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      danger
      warning={t('action.trashConfirm')}
      fields={['reason']}
      onClose={onClose}
      submit={(v) => trash.mutateAsync({ id: detail.id, version: detail.version, reason: v.reason ?? '' })}
    >
      {() => <ReasonField required={false} label={t('action.reasonOptional')} />}
    </ActionModal>
  );
}

export function RestoreDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const restore = useApiMutation('consultations.restore');
  const action = t('action.restore');
  return (
    <ActionModal<object>
      title={action}
      okText={t('action.confirmButton', { action })}
      doneText={t('action.done', { action })}
      fields={[]}
      onClose={onClose}
      submit={() => restore.mutateAsync({ id: detail.id, version: detail.version })}
    >
      {() => <Typography.Paragraph>{t('trash.hint')}</Typography.Paragraph>}
    </ActionModal>
  );
}
