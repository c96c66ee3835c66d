/** 办结, 撤回, 重新打开, 移入回收站, 恢复: confirmations, most with a reason for the record. */
import { Form, Input, Radio, Typography } from 'antd';
import { RATINGS, type Rating } from '#domain/engagement';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/hooks';
import { StepModal, useToday, type DialogProps } from './ActionModal';
import { StepDateField } from './StepDialogs';

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
  const today = useToday(detail);
  return (
    <StepModal<{ closedOn: string; rating?: Rating; ratingNote?: string }>
      detail={detail}
      action={t('action.close')}
      title={t('action.closeTitle')}
      warning={t('action.closeConfirm')}
      fields={['closedOn', 'rating']}
      initialValues={{ closedOn: today }}
      onClose={onClose}
      submit={(v, item) => close.mutateAsync({ ...item, closedOn: v.closedOn, ...(v.rating ? { rating: { rating: v.rating, note: v.ratingNote ?? '' } } : {}) })}
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
    </StepModal>
  );
}

export function WithdrawDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const withdraw = useApiMutation('consultations.withdraw');
  const today = useToday(detail);
  return (
    <StepModal<{ reason: string; withdrawnOn: string }>
      detail={detail}
      action={t('action.withdraw')}
      title={t('action.withdrawTitle')}
      danger
      warning={t('action.withdrawConfirm')}
      fields={['reason', 'withdrawnOn']}
      initialValues={{ withdrawnOn: today }}
      onClose={onClose}
      submit={(v, item) => withdraw.mutateAsync({ ...item, reason: v.reason, withdrawnOn: v.withdrawnOn })}
    >
      {() => (
        <>
          <StepDateField name="withdrawnOn" label={t('action.withdrawnOn')} today={today} />
          <ReasonField required label={t('action.reason')} />
        </>
      )}
    </StepModal>
  );
}

export function ReopenDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const reopen = useApiMutation('consultations.reopen');
  const today = useToday(detail);
  return (
    <StepModal<{ reason: string; reopenedOn: string }>
      detail={detail}
      action={t('action.reopen')}
      title={t('action.reopenTitle')}
      fields={['reason', 'reopenedOn']}
      initialValues={{ reopenedOn: today }}
      onClose={onClose}
      submit={(v, item) => reopen.mutateAsync({ ...item, reason: v.reason, reopenedOn: v.reopenedOn })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('action.reopenHint')}</Typography.Paragraph>
          <StepDateField name="reopenedOn" label={t('action.reopenedOn')} today={today} />
          <ReasonField required label={t('action.reason')} />
        </>
      )}
    </StepModal>
  );
}

export function TrashDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const trash = useApiMutation('consultations.trash');
  return (
    <StepModal<{ reason?: string }>
      detail={detail}
      action={t('action.trash')}
      title={t('action.trashTitle')}
      danger
      warning={t('action.trashConfirm')}
      fields={['reason']}
      onClose={onClose}
      submit={(v, item) => trash.mutateAsync({ ...item, reason: v.reason ?? '' })}
    >
      {() => <ReasonField required={false} label={t('action.reasonOptional')} />}
    </StepModal>
  );
}

export function RestoreDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const restore = useApiMutation('consultations.restore');
  return (
    <StepModal<object> detail={detail} action={t('action.restore')} fields={[]} onClose={onClose} submit={(_, item) => restore.mutateAsync(item)}>
      {() => <Typography.Paragraph>{t('trash.hint')}</Typography.Paragraph>}
    </StepModal>
  );
}
