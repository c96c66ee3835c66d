/** 设置: office name, serial prefix, default due period, idle lock, report sentence template. */
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Settings } from '#domain/types';
import { useApiMutation, useAppInfo, useCan, useSettings } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';

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

  const save = async (values: Settings) => {
    try {
      await update.mutateAsync({
        officeName: values.officeName.trim(),
        serialPrefix: values.serialPrefix.trim(),
        defaultDueDays: values.defaultDueDays,
        idleLockMinutes: values.idleLockMinutes,
        reportTemplate: values.reportTemplate.trim(),
      });
      void message.success(t('common.saved'));
    } catch (error) {
      if (applyIssues(form, error, FIELDS)) void message.error(t('validation.checkFields'));
      else void message.error(errorText(error, t));
    }
  };

  const required = (field: string, max: number) => [
    { required: true, whitespace: true, message: t('validation.required', { field }) },
    { max, message: t('validation.maxLength', { max }) },
  ];

  return (
    <Card variant="borderless" style={{ maxWidth: 760 }}>
      <Form<Settings> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} disabled={readOnly}>
        <Form.Item name="officeName" label={t('settings.officeName')} rules={required(t('settings.officeName'), 100)}>
          <Input placeholder={t('settings.officeNamePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="serialPrefix"
          label={t('settings.serialPrefix')}
          rules={required(t('settings.serialPrefix'), 10)}
          extra={t('settings.serialPreview', { example: t('settings.serialExample', { prefix: prefix ?? '', year }) })}
        >
          <Input style={{ width: 200 }} maxLength={10} />
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
          rules={required(t('settings.reportTemplate'), 2000)}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
