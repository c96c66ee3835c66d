/** 分派, 出具意见, 登记采纳情况: the workflow steps that carry data. */
import { DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CONCLUSIONS, OUTCOMES, type Conclusion, type ConsultationDetail, type Outcome } from '#domain/types';
import { useApi, useApiMutation, useAppInfo } from '../../../api/hooks';
import { DAY_FORMAT, fromDay, toDay } from '../../../shared/format';
import { ActionModal } from './ActionModal';

interface DialogProps {
  detail: ConsultationDetail;
  onClose(): void;
}

export function AssignDialog({ detail, onClose, title }: DialogProps & { title: string }) {
  const { t } = useTranslation();
  const counsels = useApi('counsels.list', {});
  const suggested = useApi('calendar.dueOn', { receivedOn: detail.receivedOn }, { enabled: detail.dueOn === null });
  const assign = useApiMutation('consultations.assign');
  const due = detail.dueOn ?? suggested.data?.dueOn ?? null;
  if (detail.dueOn === null && suggested.isPending) return null;
  const noCounsel = counsels.isSuccess && counsels.data.length === 0;
  return (
    <ActionModal<{ counselId?: number; dueOn: Dayjs | null }>
      title={t('action.assignTitle')}
      okText={t('action.confirmButton', { action: title })}
      doneText={t('action.done', { action: title })}
      warning={noCounsel ? t('action.noCounsel') : undefined}
      fields={['counselId', 'dueOn']}
      initialValues={{ counselId: detail.counselId ?? undefined, dueOn: fromDay(due) }}
      onClose={onClose}
      submit={(v) => assign.mutateAsync({ id: detail.id, version: detail.version, counselId: v.counselId ?? 0, dueOn: toDay(v.dueOn) })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('action.assignHint')}</Typography.Paragraph>
          <Form.Item
            name="counselId"
            label={t('field.counsel')}
            rules={[{ required: true, message: t('validation.select', { field: t('field.counsel') }) }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={counsels.isPending}
              placeholder={t('form.selectPlaceholder')}
              options={(counsels.data ?? []).map((c) => ({ value: c.id, label: t('counsels.withFirm', { name: c.name, firm: c.firm }) }))}
            />
          </Form.Item>
          <Form.Item name="dueOn" label={t('field.dueOn')}>
            <DatePicker style={{ width: '100%' }} format={DAY_FORMAT} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}

export function OpinionDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useAppInfo().data?.today ?? detail.receivedOn;
  const add = useApiMutation('consultations.addOpinion');
  return (
    <ActionModal<{ conclusion?: Conclusion; text: string; issuedOn: Dayjs | null }>
      title={t('action.opinionTitle')}
      okText={t('action.confirmButton', { action: t('action.addOpinion') })}
      doneText={t('action.done', { action: t('action.addOpinion') })}
      fields={['conclusion', 'text', 'issuedOn']}
      initialValues={{ issuedOn: fromDay(today), text: '' }}
      onClose={onClose}
      submit={(v) =>
        add.mutateAsync({
          id: detail.id,
          version: detail.version,
          conclusion: v.conclusion ?? 'advisory',
          text: v.text,
          issuedOn: toDay(v.issuedOn) ?? today,
        })
      }
    >
      {() => <OpinionFields today={today} receivedOn={detail.receivedOn} />}
    </ActionModal>
  );
}

/** The opinion's fields: conclusion, date issued (between receipt and today), text. Shared by the dialog and the counsel's inline form. */
export function OpinionFields({ today, receivedOn }: { today: string; receivedOn: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="conclusion"
        label={t('action.conclusion')}
        rules={[{ required: true, message: t('validation.select', { field: t('action.conclusion') }) }]}
      >
        <Radio.Group options={CONCLUSIONS.map((c) => ({ value: c, label: t(`conclusion.${c}`) }))} />
      </Form.Item>
      <Form.Item
        name="issuedOn"
        label={t('action.issuedOn')}
        rules={[{ required: true, message: t('validation.select', { field: t('action.issuedOn') }) }]}
      >
        <DatePicker
          style={{ width: 200 }}
          format={DAY_FORMAT}
          disabledDate={(d) => d.isAfter(fromDay(today), 'day') || d.isBefore(fromDay(receivedOn), 'day')}
        />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('action.opinionText')}
        rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('action.opinionText') }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} />
      </Form.Item>
    </>
  );
}

export function OutcomeDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useAppInfo().data?.today ?? detail.receivedOn;
  const record = useApiMutation('consultations.recordOutcome');
  return (
    <ActionModal<{ outcome?: Outcome; reason: string; outcomeOn: Dayjs | null }>
      title={t('action.outcomeTitle')}
      okText={t('action.confirmButton', { action: t('action.recordOutcome') })}
      doneText={t('action.done', { action: t('action.recordOutcome') })}
      fields={['outcome', 'reason', 'outcomeOn']}
      initialValues={{
        outcome: detail.outcome ?? undefined,
        reason: detail.outcomeReason ?? '',
        outcomeOn: fromDay(detail.outcomeOn ?? today),
      }}
      onClose={onClose}
      submit={(v) =>
        record.mutateAsync({
          id: detail.id,
          version: detail.version,
          outcome: v.outcome ?? 'adopted',
          reason: v.reason ?? '',
          outcomeOn: toDay(v.outcomeOn) ?? today,
        })
      }
    >
      {() => (
        <>
          <Form.Item
            name="outcome"
            label={t('field.outcome')}
            rules={[{ required: true, message: t('validation.select', { field: t('field.outcome') }) }]}
          >
            <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['outcome']}>
            {({ getFieldValue }) => {
              const notAdopted = getFieldValue('outcome') === 'notAdopted';
              return (
                <Form.Item
                  name="reason"
                  label={notAdopted ? t('action.notAdoptedReason') : t('action.outcomeReason')}
                  rules={notAdopted ? [{ required: true, whitespace: true, message: t('validation.notAdoptedReason') }] : []}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item
            name="outcomeOn"
            label={t('action.outcomeOn')}
            rules={[{ required: true, message: t('validation.select', { field: t('action.outcomeOn') }) }]}
          >
            <DatePicker style={{ width: 200 }} format={DAY_FORMAT} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}
