/**
 * A failed automatic backup, on every screen of the people who keep the ledger
 * (administrators and registrars) until a backup succeeds: the runtime tells it
 * in recovery.status (backupProblem) and forgets it once a newer backup exists.
 * Asked again after every write (立即备份 among them) and once a minute, since
 * the day's backup runs on a worker after the start and may fail later.
 */
import { Alert, Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { RECOVERY_STATUS_KEY, useCan, useRoles } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { formatInstant } from '../../shared/format';

/**
 * Not recovery.status's own key: that one (the session gate's) is kept through writes, and a failed
 * refetch of it would replace the app with the start-failed screen; this one is asked again after each write.
 */
const BACKUP_PROBLEM_KEY = ['backupProblem'];

export function BackupProblemBar() {
  const { t } = useTranslation();
  const roles = useRoles();
  const can = useCan();
  const keeper = roles.includes('admin') || roles.includes('registrar');
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: BACKUP_PROBLEM_KEY,
    queryFn: () => call('recovery.status', {}),
    enabled: keeper,
    refetchInterval: 60_000,
    // the first screen's answer (prefetched for the session gate) serves until the next write or minute: not asked twice at start
    initialData: () => queryClient.getQueryData(RECOVERY_STATUS_KEY),
    initialDataUpdatedAt: () => queryClient.getQueryState(RECOVERY_STATUS_KEY)?.dataUpdatedAt,
    staleTime: 60_000,
  });
  const problem = status.data?.backupProblem;
  if (!keeper || !problem) return null;
  const admin = can('backups.create');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('backups.autoFailed', { at: formatInstant(problem.at) })}
      description={
        <>
          <div>{admin ? t('backups.autoFailedAdmin') : t('backups.autoFailedTellAdmin')}</div>
          <div className="backup-problem-reason">{t('backups.autoFailedReason', { reason: problem.reason })}</div>
        </>
      }
      action={
        admin ? (
          <Button size="small" danger onClick={() => navigate(paths.backups)}>
            {t('backups.goToBackups')}
          </Button>
        ) : undefined
      }
    />
  );
}
