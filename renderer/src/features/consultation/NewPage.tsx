/** 登记: a new consultation with today's date, 1 item and the default due date; Ctrl+S saves. */
import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { newRequestId } from '../../api/requestId';
import { navigate, paths } from '../../router/hash';
import { lastLedgerQuery } from '../ledger/filterState';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useHotkey } from '../../shared/useHotkey';
import { ConsultationForm } from './ConsultationForm';
import { newDefaults, toInput, type FormValues } from './formValues';
import { useReferenceData, useSaveFailure, useValidate } from './useFormSupport';
import { isCalendarDay } from '#domain/dates';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { discardUnsavedChanges, useUnsavedChanges } from '../../shared/unsaved';

export function NewConsultationPage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  // 办理时限 counts working days (holidays are the service's): ask it, do not guess
  const due = useApi('calendar.dueOn', { receivedOn: ref.today }, { enabled: ref.today !== '' });
  if (ref.pending || (ref.today !== '' && due.isPending)) return <Loading />;
  if (ref.error) return <LoadFailed error={ref.error} onRetry={ref.retry} />;
  return (
    <>
      <PageHead title={t('form.newTitle')} />
      <NewForm {...ref} suggestedDue={due.data?.dueOn ?? null} />
    </>
  );
}

type Props = ReturnType<typeof useReferenceData> & { suggestedDue: string | null };

function NewForm({ today, defaultDueDays, categories, departments, suggestedDue }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const dueSetByHand = useRef(false);
  // one key per form: every attempt to save this form is the same request (a new one after 保存并新建)
  const requestId = useRef(newRequestId());
  const create = useApiMutation('consultations.create');
  const validate = useValidate(form);
  const onFailure = useSaveFailure(form);

  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const save = (andNew: boolean) =>
    guard.run(async () => {
    const values = await validate();
    if (!values) return;
    try {
      const created = await create.mutateAsync({ ...toInput(values), secrecy: values.secrecy ?? 'none', requestId: requestId.current });
      requestId.current = newRequestId();
      void message.success(t('form.created', { serialNo: created.serialNo }));
      setDirty(false);
      if (!andNew) {
        discardUnsavedChanges();
        navigate(paths.detail(created.id));
        return;
      }
      // the next request usually comes from the same division on the same day
      dueSetByHand.current = false;
      setByHand(false);
      form.setFieldsValue(
        newDefaults(today, values.dueOn, {
          receivedOn: values.receivedOn,
          departmentId: values.departmentId,
          categoryId: values.categoryId,
        }),
      );
      void suggestDue();
      form.getFieldInstance('title')?.focus?.();
    } catch (error) {
      onFailure(error);
    }
    });

  useHotkey('s', () => void save(false));

  /**
   * The default 办理时限 follows 收件日期 and the category's time limit, whichever is chosen last, until
   * the user sets it by hand; after that the suggestion is shown under the field, to take or leave.
   */
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [byHand, setByHand] = useState(false);
  const suggestDue = async () => {
    const received = form.getFieldValue('receivedOn') as FormValues['receivedOn'];
    const categoryId = form.getFieldValue('categoryId') as number | undefined;
    if (!received || !isCalendarDay(received)) return;
    try {
      // the category's time limit (issue 20) when one is chosen, else the office's
      const { dueOn } = await call('calendar.dueOn', { receivedOn: received, ...(categoryId ? { categoryId } : {}) });
      // an answer to an earlier choice, overtaken by a later one, is dropped
      if (form.getFieldValue('receivedOn') !== received || form.getFieldValue('categoryId') !== categoryId) return;
      setSuggestion(dueOn);
      if (!dueSetByHand.current) form.setFieldValue('dueOn', dueOn);
    } catch {
      // no suggestion: the field keeps its value and the user can still set it
    }
  };
  const dueTypedByHand = () => {
    dueSetByHand.current = true;
    setByHand(true);
  };
  const takeSuggestion = (day: string) => {
    dueSetByHand.current = false;
    setByHand(false);
    form.setFieldValue('dueOn', day);
    setDirty(true);
  };
  const currentDue = Form.useWatch('dueOn', form);
  const dueExtra =
    byHand && suggestion && suggestion !== currentDue ? (
      <span data-testid="due-suggestion">
        {t('form.dueSuggested', { day: suggestion })}{' '}
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => takeSuggestion(suggestion)}>
          {t('form.dueUseSuggested')}
        </Button>
      </span>
    ) : undefined;

  const hasDepartments = departments.some((d) => d.active);
  return (
    <Card variant="borderless">
      {!hasDepartments ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('form.needBasics')}
          action={<Button onClick={() => navigate(paths.departments)}>{t('form.goDepartments')}</Button>}
        />
      ) : null}
      <ConsultationForm
        form={form}
        initialValues={newDefaults(today, suggestedDue)}
        categories={categories}
        departments={departments}
        defaultDueDays={defaultDueDays}
        today={today}
        onReceivedChange={() => void suggestDue()}
        onCategoryChange={() => void suggestDue()}
        onDueChange={dueTypedByHand}
        dueExtra={dueExtra}
        onValuesChange={() => setDirty(true)}
        autoFocus
        withSecrecy
      >
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={guard.busy} disabled={guard.busy} onClick={() => void save(false)}>
            {t('form.saveShortcut')}
          </Button>
          <Button loading={guard.busy} disabled={guard.busy} onClick={() => void save(true)}>
            {t('form.saveAndNew')}
          </Button>
          <Button onClick={() => navigate(paths.ledger, lastLedgerQuery())}>{t('common.cancel')}</Button>
          <Typography.Text type="secondary">{t('form.serialHint')}</Typography.Text>
        </Space>
      </ConsultationForm>
    </Card>
  );
}
