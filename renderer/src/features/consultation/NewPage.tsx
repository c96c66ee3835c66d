/** 登记: a new consultation with today's date, 1 item and the default due date; Ctrl+S saves. */
import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Space, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { lastLedgerQuery } from '../ledger/filterState';
import { addDaysTo, fromDay, toDay } from '../../shared/format';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useHotkey } from '../../shared/useHotkey';
import { ConsultationForm } from './ConsultationForm';
import { newDefaults, toInput, type FormValues } from './formValues';
import { useReferenceData, useSaveFailure, useValidate } from './useFormSupport';

export function NewConsultationPage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  if (ref.pending) return <Loading />;
  if (ref.error) return <LoadFailed error={ref.error} onRetry={ref.retry} />;
  return (
    <>
      <PageHead title={t('form.newTitle')} />
      <NewForm {...ref} />
    </>
  );
}

function NewForm({ today, defaultDueDays, categories, departments }: ReturnType<typeof useReferenceData>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const dueSetByHand = useRef(false);
  const create = useApiMutation('consultations.create');
  const validate = useValidate(form);
  const onFailure = useSaveFailure(form);

  const save = async (andNew: boolean) => {
    if (create.isPending) return;
    const values = await validate();
    if (!values) return;
    try {
      const created = await create.mutateAsync(toInput(values));
      void message.success(t('form.created', { serialNo: created.serialNo }));
      if (!andNew) {
        navigate(paths.detail(created.id));
        return;
      }
      // the next request usually comes from the same division on the same day
      dueSetByHand.current = false;
      form.setFieldsValue(
        newDefaults(today, defaultDueDays, {
          receivedOn: values.receivedOn,
          departmentId: values.departmentId,
          categoryId: values.categoryId,
        }),
      );
      form.getFieldInstance('title')?.focus?.();
    } catch (error) {
      onFailure(error);
    }
  };

  useHotkey('s', () => void save(false));

  const onReceivedChange = () => {
    if (dueSetByHand.current) return;
    const received = toDay(form.getFieldValue('receivedOn') as FormValues['receivedOn']);
    if (received) form.setFieldValue('dueOn', fromDay(addDaysTo(received, defaultDueDays)));
  };

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
        initialValues={newDefaults(today, defaultDueDays)}
        categories={categories}
        departments={departments}
        defaultDueDays={defaultDueDays}
        onReceivedChange={onReceivedChange}
        onDueChange={() => (dueSetByHand.current = true)}
        autoFocus
      >
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={create.isPending} onClick={() => void save(false)}>
            {t('form.saveShortcut')}
          </Button>
          <Button loading={create.isPending} onClick={() => void save(true)}>
            {t('form.saveAndNew')}
          </Button>
          <Button onClick={() => navigate(paths.ledger, lastLedgerQuery())}>{t('common.cancel')}</Button>
          <Typography.Text type="secondary">{t('form.serialHint')}</Typography.Text>
        </Space>
      </ConsultationForm>
    </Card>
  );
}
