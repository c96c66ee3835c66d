/** 分派, 出具意见, 登记采纳情况: the workflow steps that carry data. */
import { App, Form, Input, Radio, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import { useTranslation } from 'react-i18next';
import { CONCLUSIONS, OUTCOMES, type Conclusion, type Opinion, type Outcome, type StatusChange } from '#domain/types';
import { stepKindOf } from '#domain/workflow';
import { useApi, useApiMutation } from '../../../api/hooks';
import { LIMITS } from '#domain/limits';
import { DateInput, dateRules } from '../../../shared/DateInput';
import { errorText } from '../../../shared/errors';
import { SearchSelect } from '../../../shared/SearchSelect';
import { textCount } from '../../../shared/limits';
import { StepModal, useToday, type DialogProps } from './ActionModal';
import { OpinionProcedureFields, procedureInput, type OpinionProcedureValues } from '../../procedures/OpinionProcedureFields';
import { counselOption, EngagementNote } from './EngagementNote';

/**
 * The business date of a step (分派日期, 办结日期 …): the day it happened, today by
 * default; the service checks the order of the steps and names both dates when refusing.
 */
export function StepDateField({ name, label, today }: { name: string; label: string; today: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={dateRules(t, { required: label, notAfter: today })} extra={t('action.stepDateHint')}>
      <DateInput notAfter={today} style={{ width: 200 }} />
    </Form.Item>
  );
}

export function AssignDialog({ detail, onClose, title }: DialogProps & { title: string }) {
  const { t } = useTranslation();
  const counsels = useApi('counsels.list', {});
  const suggested = useApi('calendar.dueOn', { receivedOn: detail.receivedOn, categoryId: detail.categoryId }, { enabled: detail.dueOn === null });
  const assign = useApiMutation('consultations.assign');
  const { modal } = App.useApp();
  const today = useToday(detail);
  const due = detail.dueOn ?? suggested.data?.dueOn ?? null;
  if (detail.dueOn === null && suggested.isPending) return null;
  const noCounsel = counsels.isSuccess && counsels.data.length === 0;
  return (
    <StepModal<{ counselId?: number; dueOn: string | null; assignedOn: string }>
      detail={detail}
      action={title}
      title={t('action.assignTitle')}
      warning={noCounsel ? t('action.noCounsel') : undefined}
      fields={['counselId', 'dueOn', 'assignedOn']}
      initialValues={{ counselId: detail.counselId ?? undefined, dueOn: due, assignedOn: today }}
      onClose={onClose}
      submit={async (v, item) => {
        const input = { ...item, counselId: v.counselId ?? 0, dueOn: v.dueOn || null, assignedOn: v.assignedOn };
        try {
          return await assign.mutateAsync(input);
        } catch (error) {
          // outside the firm's engagement: the main process asks; yes sends the same step with the answer
          if (!(error instanceof ApiError) || error.code !== 'NEEDS_CONFIRMATION') throw error;
          const yes = await new Promise<boolean>((resolve) =>
            modal.confirm({
              title: t('engagement.engagements.confirmAssignTitle'),
              content: errorText(error, t),
              okText: t('engagement.engagements.confirmAssignOk'),
              cancelText: t('common.cancel'),
              onOk: () => resolve(true),
              onCancel: () => resolve(false),
            }),
          );
          if (!yes) throw error;
          return assign.mutateAsync({ ...input, confirmOutsideEngagement: true });
        }
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('action.assignHint')}</Typography.Paragraph>
          <Form.Item
            name="counselId"
            label={t('field.counsel')}
            rules={[{ required: true, message: t('validation.select', { field: t('field.counsel') }) }]}
          >
            <SearchSelect loading={counsels.isPending} options={(counsels.data ?? []).map((c) => counselOption(t, c, detail.receivedOn))} />
          </Form.Item>
          <EngagementNote counsels={counsels.data ?? []} day={detail.receivedOn} />
          <StepDateField name="assignedOn" label={t('action.assignedOn')} today={today} />
          <Form.Item name="dueOn" label={t('field.dueOn')} rules={dateRules(t, { notBefore: { day: detail.receivedOn, what: t('field.receivedOn') } })}>
            <DateInput allowClear notBefore={detail.receivedOn} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}

export function OpinionDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const add = useApiMutation('consultations.addOpinion');
  return (
    <StepModal<OpinionValues>
      detail={detail}
      action={t('action.addOpinion')}
      title={t('action.opinionTitle')}
      width={760}
      fields={['conclusion', 'text', 'issuedOn', 'conclusionWord', 'checklist']}
      initialValues={{ issuedOn: today, text: '' }}
      onClose={onClose}
      submit={(v, item) => add.mutateAsync({ ...item, ...opinionInput(v) })}
    >
      {() => <OpinionFields today={today} receivedOn={detail.receivedOn} categoryId={detail.categoryId} />}
    </StepModal>
  );
}

/** What the opinion's fields hold. */
export type OpinionValues = { conclusion?: Conclusion; text: string; issuedOn: string | null } & OpinionProcedureValues;

/** The opinion's fields as consultations.addOpinion takes them (it adds the item's id and version). */
export function opinionInput(v: OpinionValues) {
  return {
    conclusion: v.conclusion ?? 'advisory',
    text: v.text,
    // the rules passed: a readable day, never replaced by today
    issuedOn: v.issuedOn ?? '',
    ...procedureInput(v),
  };
}

/** The opinion's fields: conclusion, date issued (between receipt and today), text. Shared by the dialog and the counsel's inline form. */
export function OpinionFields({ today, receivedOn, categoryId }: { today: string; receivedOn: string; categoryId?: number }) {
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
      {categoryId === undefined ? null : <OpinionProcedureFields categoryId={categoryId} />}
      <Form.Item
        name="issuedOn"
        label={t('action.issuedOn')}
        rules={dateRules(t, { required: t('action.issuedOn'), notAfter: today, notBefore: { day: receivedOn, what: t('field.receivedOn') } })}
      >
        <DateInput style={{ width: 240 }} notAfter={today} notBefore={receivedOn} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('action.opinionText')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required', { field: t('action.opinionText') }) },
          { max: LIMITS.opinionText, message: t('validation.maxLength', { max: LIMITS.opinionText }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} count={textCount(LIMITS.opinionText)} />
      </Form.Item>
    </>
  );
}

export function OutcomeDialog({ detail, onClose }: DialogProps) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const record = useApiMutation('consultations.recordOutcome');
  return (
    <StepModal<{ outcome?: Outcome; reason: string; outcomeOn: string | null }>
      detail={detail}
      action={t('action.recordOutcome')}
      title={t('action.outcomeTitle')}
      fields={['outcome', 'reason', 'outcomeOn']}
      initialValues={{
        outcome: detail.outcome ?? undefined,
        reason: detail.outcomeReason ?? '',
        outcomeOn: detail.outcomeOn ?? today,
      }}
      onClose={onClose}
      submit={(v, item) => record.mutateAsync({ ...item, outcome: v.outcome ?? 'adopted', reason: v.reason ?? '', outcomeOn: v.outcomeOn ?? '' })}
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
                  rules={[
                    ...(notAdopted ? [{ required: true, whitespace: true, message: t('validation.notAdoptedReason') }] : []),
                    { max: LIMITS.outcomeReason, message: t('validation.maxLength', { max: LIMITS.outcomeReason }) },
                  ]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} count={textCount(LIMITS.outcomeReason)} />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item
            name="outcomeOn"
            label={t('action.outcomeOn')}
            rules={dateRules(t, { required: t('action.outcomeOn'), notAfter: today, notBefore: { day: detail.opinions[0]?.issuedOn, what: t('action.issuedOn') } })}
          >
            <DateInput style={{ width: 240 }} notAfter={today} notBefore={detail.opinions[0]?.issuedOn} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}

/**
 * 更正意见: text, conclusion and date of an opinion, and the category's conclusion word and
 * checklist (审查要点, prefilled from the version corrected), with a reason; not a new round.
 */
export function CorrectOpinionDialog({ detail, opinion, onClose }: DialogProps & { opinion: Opinion }) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const correct = useApiMutation('consultations.correctOpinion');
  return (
    <StepModal<OpinionValues & { reason: string }>
      detail={detail}
      action={t('detail.correctOpinion')}
      title={t('detail.correctTitle', { round: opinion.round })}
      width={760}
      fields={['conclusion', 'text', 'issuedOn', 'reason', 'conclusionWord', 'checklist']}
      initialValues={{
        conclusion: opinion.conclusion,
        text: opinion.text,
        issuedOn: opinion.issuedOn,
        reason: '',
        conclusionWord: opinion.conclusionWord,
        ...(opinion.checklist ? { checklist: opinion.checklist } : {}),
      }}
      onClose={onClose}
      submit={(v, item) =>
        correct.mutateAsync({
          ...item,
          opinionId: opinion.id,
          conclusion: v.conclusion ?? opinion.conclusion,
          text: v.text,
          issuedOn: v.issuedOn || opinion.issuedOn,
          reason: v.reason,
          ...procedureInput(v),
        })
      }
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('detail.correctHint')}</Typography.Paragraph>
          <OpinionFields today={today} receivedOn={detail.receivedOn} categoryId={detail.categoryId} />
          <Form.Item
            name="reason"
            label={t('detail.correctReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}

/**
 * 更正日期 of a past step (分派, 采纳登记, 办结, 撤回, 重新打开), from the timeline: the new
 * business date and a reason. The service keeps the steps in order, names both dates when
 * refusing, and records the correction in the history and the audit log.
 */
export function CorrectStepDateDialog({ detail, step, onClose }: DialogProps & { step: StatusChange }) {
  const { t } = useTranslation();
  const today = useToday(detail);
  const correct = useApiMutation('consultations.correctStepDate');
  const kind = stepKindOf(step) ?? 'assigned';
  const what = t(`stepDate.${kind}`);
  return (
    <StepModal<{ on: string | null; reason: string }>
      detail={detail}
      action={t('detail.correctDate')}
      title={t('detail.correctDateTitle', { what })}
      fields={['on', 'reason']}
      initialValues={{ on: step.businessOn, reason: '' }}
      onClose={onClose}
      submit={(v, item) => correct.mutateAsync({ ...item, historyId: step.id, on: v.on ?? '', reason: v.reason })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('detail.correctDateHint', { what, day: step.businessOn })}</Typography.Paragraph>
          <Form.Item name="on" label={what} rules={dateRules(t, { required: what, notAfter: today, notBefore: { day: detail.receivedOn, what: t('field.receivedOn') } })}>
            <DateInput style={{ width: 240 }} notAfter={today} notBefore={detail.receivedOn} autoFocus />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('detail.correctReason')}
            rules={[
              { required: true, whitespace: true, message: t('validation.reasonRequired') },
              { max: LIMITS.reason, message: t('validation.maxLength', { max: LIMITS.reason }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} count={textCount(LIMITS.reason)} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}
