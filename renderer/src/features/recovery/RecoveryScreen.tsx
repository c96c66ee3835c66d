/**
 * The recovery screen: the database was found damaged at start, so nothing else
 * runs. Says what happened, that the damaged file is kept untouched, and offers
 * the newest verified backup (its date and how many consultations it holds);
 * without a backup, what to do instead.
 */
import { MedicineBoxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus } from '#domain/types';
import { call } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { CallFailed, useCallState } from '../../shared/CallState';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { AuthLayout } from '../session/AuthLayout';

export function RecoveryScreen({ status }: { status: RecoveryStatus }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { pending, error, run } = useCallState();
  const newest = status.newestBackup;
  const backupFacts = (backup: NonNullable<RecoveryStatus['newestBackup']>) => [
    { key: 'at', label: t('recovery.takenAt'), children: formatInstant(backup.takenAt) },
    { key: 'count', label: t('recovery.consultations'), children: t('recovery.count', { count: backup.consultations }) },
    { key: 'name', label: t('recovery.file'), children: <Typography.Text code>{backup.name}</Typography.Text> },
  ];

  const restore = () =>
    run(
      async () => {
        const outcome = await call('recovery.restoreNewest', {});
        void message.success(t('recovery.restored', { name: outcome.restoredFrom }), 8);
        // everything starts over on the restored database: health first, then who is signed in
        await queryClient.resetQueries();
      },
      (e) => errorText(e, t),
    );

  return (
    <AuthLayout
      width={620}
      title={
        <span>
          <MedicineBoxOutlined style={{ color: '#cf1322', marginRight: 12 }} />
          {t('recovery.title')}
        </span>
      }
    >
      <Alert
        type="error"
        showIcon
        title={t('recovery.what')}
        // the service's own words for the damage, in Chinese
        description={status.problem && currentLanguage() !== 'en' ? t('recovery.problem', { problem: status.problem }) : undefined}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>{t('recovery.keptUntouched')}</Typography.Paragraph>
      <CallFailed error={error} />
      {newest ? (
        <>
          <Typography.Title level={2} className="recovery-subtitle">
            {t('recovery.newestBackup')}
          </Typography.Title>
          <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }} items={backupFacts(newest)} />
          <Typography.Paragraph type="secondary">{t('recovery.afterRestore')}</Typography.Paragraph>
          <Button type="primary" size="large" block loading={pending} onClick={() => void restore()}>
            {t('recovery.restore')}
          </Button>
        </>
      ) : (
        <Alert type="warning" showIcon title={t('recovery.noBackup')} description={t('recovery.noBackupWhat')} />
      )}
    </AuthLayout>
  );
}
