/** 设置: office name, serial prefix, default due period, idle lock, report sentence template. */
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '#domain/limits';
import type { Settings } from '#domain/types';
import { useApiMutation, useAppInfo, useCan, useSettings } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { textCount } from '../../shared/limits';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useUnsavedChanges } from '../../shared/unsaved';
import { useSubmitGuard } from '../../shared/useSubmitGuard';

const FIELDS = ['officeName', 'serialPrefix', 'defaultDueDays', 'idleLockMinutes', 'reportTemplate'] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <>
      <PageHead title={t('settings.title')} />
      <SettingsForm initial={settings.data} />
    </>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const year = useAppInfo().data?.today.slice(0, 4) ?? '2025';
  const [form] = Form.useForm<Settings>();
  const prefix = Form.useWatch('serialPrefix', form) as string | undefined;
  const update = useApiMutation('settings.update');
  const readOnly = !can('settings.update');
  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);

  const save = (values: Settings) => guard.run(async () => {
    try {
      await update.mutateAsync({
        officeName: values.officeName.trim(),
        serialPrefix: values.serialPrefix.trim(),
        defaultDueDays: values.defaultDueDays,
        idleLockMinutes: values.idleLockMinutes,
        reportTemplate: values.reportTemplate.trim(),
      });
      setDirty(false);
      void message.success(t('common.saved'));
    } catch (error) {
      if (applyIssues(form, error, FIELDS)) void message.error(t('validation.checkFields'));
      else void message.error(errorText(error, t));
    }
  });

  const required = (field: string, max: number) => [
    { required: true, whitespace: true, message: t('validation.required', { field }) },
    { max, message: t('validation.maxLength', { max }) },
  ];

  return (
    <Card variant="borderless" style={{ maxWidth: 760 }}>
      <Form<Settings> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} onValuesChange={() => setDirty(true)} disabled={readOnly}>
        <Form.Item name="officeName" label={t('settings.officeName')} rules={required(t('settings.officeName'), LIMITS.officeName)}>
          <Input placeholder={t('settings.officeNamePlaceholder')} count={textCount(LIMITS.officeName)} />
        </Form.Item>
        <Form.Item
          name="serialPrefix"
          label={t('settings.serialPrefix')}
          rules={required(t('settings.serialPrefix'), LIMITS.serialPrefix)}
          extra={t('settings.serialPreview', { example: t('settings.serialExample', { prefix: prefix ?? '', year }) })}
        >
          <Input style={{ width: 200 }} count={textCount(LIMITS.serialPrefix)} />
        </Form.Item>
        <Form.Item
          name="defaultDueDays"
          label={t('settings.defaultDueDays')}
          extra={t('settings.defaultDueDaysHint')}
          rules={[
            { required: true, message: t('validation.dueDaysRange') },
            { type: 'integer', min: 1, max: 365, message: t('validation.dueDaysRange') },
          ]}
        >
          <InputNumber style={{ width: 200 }} precision={0} suffix={t('settings.days')} />
        </Form.Item>
        <Form.Item
          name="idleLockMinutes"
          label={t('settings.idleLockMinutes')}
          extra={t('settings.idleLockHint')}
          rules={[
            { required: true, message: t('validation.idleRange') },
            { type: 'integer', min: 1, max: 240, message: t('validation.idleRange') },
          ]}
        >
          <InputNumber style={{ width: 200 }} precision={0} suffix={t('settings.minutes')} />
        </Form.Item>
        <Form.Item
          name="reportTemplate"
          label={t('settings.reportTemplate')}
          extra={<Typography.Text type="secondary">{t('settings.reportTemplateHint')}</Typography.Text>}
          rules={required(t('settings.reportTemplate'), LIMITS.reportTemplate)}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} count={textCount(LIMITS.reportTemplate)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={guard.busy} disabled={guard.busy}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
