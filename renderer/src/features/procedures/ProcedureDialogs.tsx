/** The dialogs of the procedure's steps (issue 20): 退回补正, 收到补正材料, 延期, 文件有效期, 签发. */
import { Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROCEDURE_LIMITS, type NormativeDocument } from '#domain/procedures';
import { useApiMutation } from '../../api/hooks';
import { DateInput, dateRules } from '../../shared/DateInput';
import { textRules } from '../../shared/limits';
import { StepModal, useToday, type DialogProps } from '../consultation/actions/ActionModal';
import { StepDateField } from '../consultation/actions/StepDialogs';

function TextField({ name, label, max, required }: { name: string; label: string; max: number; required: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={textRules(t, max, required ? label : undefined)}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
    </Form.Item>
  );
}

export function ReturnDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const run = useApiMutation('consultations.returnForMaterial');
  return (
    <StepModal<{ returnedOn: string; missing: string }>
      detail={detail}
      action={t('procedures.returnAction')}
      fields={['returnedOn', 'missing']}
      initialValues={{ returnedOn: today }}
      onClose={onClose}
      submit={(v, item) => run.mutateAsync({ ...item, returnedOn: v.returnedOn, missing: v.missing })}
    >
      {() => (
        <>
          <StepDateField name="returnedOn" label={t('procedures.returnedOn')} today={today} />
          <TextField name="missing" label={t('procedures.missing')} max={PROCEDURE_LIMITS.missing} required />
        </>
      )}
    </StepModal>
  );
}

export function ResumeDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const run = useApiMutation('consultations.resume');
  return (
    <StepModal<{ resumedOn: string; note?: string }>
      detail={detail}
      action={t('procedures.resumeAction')}
      fields={['resumedOn', 'note']}
      initialValues={{ resumedOn: today }}
      onClose={onClose}
      submit={(v, item) => run.mutateAsync({ ...item, resumedOn: v.resumedOn, note: v.note ?? '' })}
    >
      {() => (
        <>
          <StepDateField name="resumedOn" label={t('procedures.resumedOn')} today={today} />
          <TextField name="note" label={t('procedures.resumeNote')} max={PROCEDURE_LIMITS.missing} required={false} />
        </>
      )}
    </StepModal>
  );
}

export function ExtendDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const run = useApiMutation('consultations.extend');
  return (
    <StepModal<{ grantedOn: string; newDueOn: string; reason: string }>
      detail={detail}
      action={t('procedures.extendAction')}
      fields={['grantedOn', 'newDueOn', 'reason']}
      initialValues={{ grantedOn: today }}
      onClose={onClose}
      submit={(v, item) => run.mutateAsync({ ...item, grantedOn: v.grantedOn, newDueOn: v.newDueOn, reason: v.reason })}
    >
      {() => (
        <>
          <StepDateField name="grantedOn" label={t('procedures.grantedOn')} today={today} />
          <Form.Item name="newDueOn" label={t('procedures.newDueOn')} rules={dateRules(t, { required: t('procedures.newDueOn') })}>
            <DateInput style={{ width: 200 }} />
          </Form.Item>
          <TextField name="reason" label={t('procedures.reason')} max={1_000} required />
        </>
      )}
    </StepModal>
  );
}

export function DocumentDialog({ detail, current, onClose }: DialogProps & { current: NormativeDocument | null }) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const run = useApiMutation('consultations.setDocument');
  return (
    <StepModal<{ docNumber: string; issuedOn: string; validUntil: string }>
      detail={detail}
      action={t('procedures.setDocument')}
      fields={['docNumber', 'issuedOn', 'validUntil']}
      initialValues={current ?? {}}
      onClose={onClose}
      submit={(v, item) => run.mutateAsync({ ...item, docNumber: v.docNumber.trim(), issuedOn: v.issuedOn, validUntil: v.validUntil })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('procedures.validityHint')}</Typography.Paragraph>
          <Form.Item name="docNumber" label={t('procedures.docNumber')} rules={textRules(t, 100, t('procedures.docNumber'))}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <StepDateField name="issuedOn" label={t('procedures.docIssuedOn')} today={today} />
          <Form.Item name="validUntil" label={t('procedures.validUntil')} rules={dateRules(t, { required: t('procedures.validUntil') })}>
            <DateInput style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}

/** The leader's 签发 of the latest opinion, or its return with a reason. */
export function SignOffDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const run = useApiMutation('consultations.signOff');
  const latest = detail.opinions.at(-1);
  if (!latest) return null;
  return (
    <StepModal<{ decision: 'sign' | 'return'; on: string; remark?: string }>
      detail={detail}
      action={t('procedures.signOffAction')}
      title={t('procedures.signOffTitle', { round: latest.round })}
      fields={['decision', 'on', 'remark']}
      initialValues={{ decision: 'sign', on: today }}
      onClose={onClose}
      submit={(v, item) => run.mutateAsync({ ...item, opinionId: latest.id, decision: v.decision, on: v.on, remark: (v.remark ?? '').trim() })}
    >
      {() => (
        <>
          <Form.Item name="decision" label={t('procedures.decision')}>
            <Radio.Group options={[{ value: 'sign', label: t('procedures.decisionSign') }, { value: 'return', label: t('procedures.decisionReturn') }]} />
          </Form.Item>
          <StepDateField name="on" label={t('procedures.signOffOn')} today={today} />
          <Form.Item noStyle shouldUpdate={(a: { decision?: string }, b: { decision?: string }) => a.decision !== b.decision}>
            {({ getFieldValue }) =>
              getFieldValue('decision') === 'return' ? (
                <Form.Item name="remark" label={t('procedures.returnReason')} rules={[{ required: true, whitespace: true, message: t('procedures.returnReasonRequired') }, { max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
              ) : (
                <Form.Item name="remark" label={t('procedures.remark')} rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}
