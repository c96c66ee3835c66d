/**
 * 编辑: saves with the version the form was loaded from. A stale version is
 * refused by the service (CONFLICT); "重新加载" then fetches the latest version
 * and merges it under what was typed, so nothing typed is lost.
 */
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { ApiError, call } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useHotkey } from '../../shared/useHotkey';
import { ConflictNotice, type Reloaded } from './ConflictNotice';
import { ConsultationForm } from './ConsultationForm';
import { ItemUnavailable, isUnavailableItem } from '../../layout/PageResults';
import { fieldsOf, fromFields, mergeFields, toInput, type ConsultationFields, type FormValues } from './formValues';
import { useReferenceData, useSaveFailure, useValidate } from './useFormSupport';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { discardUnsavedChanges, useUnsavedChanges } from '../../shared/unsaved';
import { allows } from '#domain/workflow';

export function isEditable(d: ConsultationDetail): boolean {
  return allows('update', d);
}

export function EditConsultationPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const detail = useApi('consultations.get', { id });
  if (ref.pending || detail.isPending) return <Loading />;
  if (detail.isError) {
    if (isUnavailableItem(detail.error)) return <ItemUnavailable counselOnly={false} />;
    return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (ref.error) return <LoadFailed error={ref.error} onRetry={ref.retry} />;
  return (
    <>
      <PageHead title={`${t('form.editTitle')} · ${detail.data.serialNo}`} />
      <EditForm loaded={detail.data} {...ref} />
    </>
  );
}

type Props = ReturnType<typeof useReferenceData> & { loaded: ConsultationDetail };

function EditForm({ loaded, defaultDueDays, categories, departments, today }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [base, setBase] = useState<{ version: number; fields: ConsultationFields; detail: ConsultationDetail }>({
    version: loaded.version,
    fields: fieldsOf(loaded),
    detail: loaded,
  });
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState<Reloaded | null>(null);
  const [reloading, setReloading] = useState(false);
  const update = useApiMutation('consultations.update');
  const validate = useValidate(form);
  const onFailure = useSaveFailure(form);
  const editable = isEditable(base.detail);

  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const save = () =>
    guard.run(async () => {
      if (!editable) return;
    const values = await validate();
    if (!values) return;
    try {
      const saved = await update.mutateAsync({ id: loaded.id, version: base.version, ...toInput(values) });
      void message.success(t('form.updated', { serialNo: saved.serialNo }));
      setDirty(false);
      discardUnsavedChanges();
      navigate(paths.detail(saved.id));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setReloaded(null);
        setConflict(true);
      } else {
        onFailure(error);
      }
    }
    });

  const reload = async () => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({
        queryKey: ['consultations.get', { id: loaded.id }],
        queryFn: () => call('consultations.get', { id: loaded.id }),
        staleTime: 0,
      });
      const mine = toInput(form.getFieldsValue(true) as FormValues);
      const theirs = fieldsOf(latest);
      const merge = mergeFields(base.fields, mine, theirs);
      form.setFieldsValue(fromFields(merge.merged));
      setBase({ version: latest.version, fields: theirs, detail: latest });
      setConflict(false);
      setReloaded({ version: latest.version, theirs, takenFromTheirs: merge.takenFromTheirs, clashes: merge.clashes });
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setReloading(false);
    }
  };

  useHotkey('s', () => void save());

  return (
    <Card variant="borderless">
      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('form.conflictTitle')}
          description={t('form.conflictBody')}
          action={
            <Button type="primary" loading={reloading} onClick={() => void reload()}>
              {t('form.reload')}
            </Button>
          }
        />
      ) : null}
      {reloaded ? (
        <ConflictNotice
          reloaded={reloaded}
          categories={categories}
          departments={departments}
          onUseTheirs={(field) => {
            form.setFieldValue(field, fromFields(reloaded.theirs)[field]);
            setReloaded({ ...reloaded, clashes: reloaded.clashes.filter((f) => f !== field) });
          }}
        />
      ) : null}
      {!editable ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('form.notEditable', { status: t(`status.${base.detail.status}`) })}
        />
      ) : null}
      <ConsultationForm
        form={form}
        initialValues={fromFields(base.fields)}
        categories={categories}
        departments={departments}
        defaultDueDays={defaultDueDays}
        today={today}
        onReceivedChange={() => undefined}
        onDueChange={() => undefined}
        onValuesChange={() => setDirty(true)}
      >
        <Space wrap>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={guard.busy}
            disabled={!editable || guard.busy}
            onClick={() => void save()}
          >
            {t('form.saveShortcut')}
          </Button>
          <Button onClick={() => navigate(paths.detail(loaded.id))}>{t('common.cancel')}</Button>
        </Space>
      </ConsultationForm>
    </Card>
  );
}
