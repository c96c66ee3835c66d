/**
 * 备份设置: where backups go (the default folder beside the database, or one the
 * admin picks in the main process's folder dialog) and how many automatic backups
 * are kept. The folder is checked in the main process (exists, writable); when a
 * chosen folder cannot be reached, backups go to the default folder and this card
 * says why.
 */
import { FolderOpenOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, InputNumber, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupList, BackupRotation } from '#domain/types';
import { ROTATION_LIMITS } from '#domain/types';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { useUnsavedChanges } from '../../shared/unsaved';
import { useSubmitGuard } from '../../shared/useSubmitGuard';

const FIELDS = [
  { key: 'daily', label: 'backups.keepDaily', unit: 'backups.unitDays' },
  { key: 'weekly', label: 'backups.keepWeekly', unit: 'backups.unitWeeks' },
  { key: 'monthly', label: 'backups.keepMonthly', unit: 'backups.unitMonths' },
] as const;

export function BackupSettings({ list }: { list: BackupList }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const choose = useApiMutation('backups.chooseFolder');
  const configure = useApiMutation('backups.configure');
  const [form] = Form.useForm<BackupRotation>();
  // one write at a time, each button disabled until its answer; typed numbers are unsaved changes
  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);

  // a refreshed list (after a backup, another window) never overwrites numbers being typed
  useEffect(() => {
    if (!dirty) form.setFieldsValue(list.rotation);
  }, [form, list.rotation, dirty]);

  const chooseFolder = () => guard.run(async () => {
    try {
      const changed = await choose.mutateAsync({});
      if (changed) void message.success(t('backups.folderChanged', { dir: changed.dir }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  });

  const useDefault = () => guard.run(async () => {
    try {
      await configure.mutateAsync({ useDefaultFolder: true });
      void message.success(t('backups.folderReset'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  });

  const saveRotation = (rotation: BackupRotation) => guard.run(async () => {
    try {
      await configure.mutateAsync({ rotation });
      setDirty(false);
      void message.success(t('backups.rotationSaved'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  });

  return (
    <Card size="small" title={t('backups.settings')} style={{ marginBottom: 16 }}>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('backups.folder')}</Typography.Text>{' '}
        <Tag color={list.chosenDir ? 'blue' : 'default'}>{list.chosenDir ? t('backups.folderChosen') : t('backups.folderDefault')}</Tag>
        <Typography.Text code copyable aria-label={t('backups.folder')}>
          {list.chosenDir ?? list.defaultDir}
        </Typography.Text>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<FolderOpenOutlined />} loading={choose.isPending} disabled={guard.busy} onClick={() => void chooseFolder()}>
          {t('backups.changeFolder')}
        </Button>
        {list.chosenDir ? (
          <Button icon={<UndoOutlined />} loading={configure.isPending} disabled={guard.busy} onClick={() => void useDefault()}>
            {t('backups.useDefaultFolder')}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('backups.folderHint')}
      </Typography.Paragraph>
      {list.fallbackReason ? (
        <Alert type="error" showIcon role="alert" title={t('backups.fallback', { dir: list.chosenDir, reason: list.fallbackReason })} style={{ marginBottom: 12 }} />
      ) : null}
      {list.onNetworkShare ? <Alert type="warning" showIcon title={t('backups.networkShare')} style={{ marginBottom: 12 }} /> : null}

      <Typography.Text strong>{t('backups.rotation')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
        {t('backups.policy', { ...list.rotation })}
      </Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={list.rotation} onFinish={(v) => void saveRotation(v)} onValuesChange={() => setDirty(true)}>
        {FIELDS.map(({ key, label, unit }) => (
          <Form.Item key={key} name={key} label={t(label)} htmlFor={`rotation-${key}`} rules={[{ required: true, message: t('validation.required', { field: t(label) }) }]}>
            <InputNumber id={`rotation-${key}`} min={ROTATION_LIMITS[key][0]} max={ROTATION_LIMITS[key][1]} precision={0} suffix={t(unit)} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button htmlType="submit" loading={configure.isPending} disabled={guard.busy}>
            {t('backups.saveRotation')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
