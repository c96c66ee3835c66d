/** 设置: office name, serial prefix, default due period, idle lock, report sentence template. */
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '#domain/limits';
import type { Settings } from '#domain/types';
import { useApiMutation, useAppInfo, useCan, useSettings } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { textCount, textRules } from '../../shared/limits';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useUnsavedChanges } from '../../shared/unsaved';
import { useSubmitGuard } from '../../shared/useSubmitGuard';

const FIELDS = ['officeName', 'serialPrefix', 'defaultDueDays', 'idleLockMinutes', 'reportTemplate'] as const;

/** The whole numbers of the settings: from 1 to `max`, one message for any other value, the unit after the box. */
const NUMBER_FIELDS = [
  { name: 'defaultDueDays', label: 'settings.defaultDueDays', hint: 'settings.defaultDueDaysHint', max: 365, range: 'validation.dueDaysRange', unit: 'settings.days' },
  { name: 'idleLockMinutes', label: 'settings.idleLockMinutes', hint: 'settings.idleLockHint', max: 240, range: 'validation.idleRange', unit: 'settings.minutes' },
] as const;

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

  return (
    <Card variant="borderless" style={{ maxWidth: 760 }}>
      <Form<Settings> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} onValuesChange={() => setDirty(true)} disabled={readOnly}>
        <Form.Item name="officeName" label={t('settings.officeName')} rules={textRules(t, LIMITS.officeName, t('settings.officeName'))}>
          <Input placeholder={t('settings.officeNamePlaceholder')} count={textCount(LIMITS.officeName)} />
        </Form.Item>
        <Form.Item
          name="serialPrefix"
          label={t('settings.serialPrefix')}
          rules={textRules(t, LIMITS.serialPrefix, t('settings.serialPrefix'))}
          extra={t('settings.serialPreview', { example: t('settings.serialExample', { prefix: prefix ?? '', year }) })}
        >
          <Input style={{ width: 200 }} count={textCount(LIMITS.serialPrefix)} />
        </Form.Item>
        {NUMBER_FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(f.label)}
            extra={t(f.hint)}
            rules={[
              { required: true, message: t(f.range) },
              { type: 'integer', min: 1, max: f.max, message: t(f.range) },
            ]}
          >
            <InputNumber style={{ width: 200 }} precision={0} suffix={t(f.unit)} />
          </Form.Item>
        ))}
        <Form.Item
          name="reportTemplate"
          label={t('settings.reportTemplate')}
          extra={<Typography.Text type="secondary">{t('settings.reportTemplateHint')}</Typography.Text>}
          rules={textRules(t, LIMITS.reportTemplate, t('settings.reportTemplate'))}
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
