/** The home screens' reminder: how many open items are overdue or due within 2 days (what the caller may see). */
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCounselOnly, useApi, useRoles } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { ProcedureReminderText } from '../procedures/ProcedureFiguresCard';

export function RemindersBar() {
  const { t } = useTranslation();
  const reminders = useApi('reminders.summary', {});
  const counselOnly = isCounselOnly(useRoles());
  const overdue = reminders.data?.overdue ?? 0;
  const soon = reminders.data?.dueSoon ?? 0;
  const r = reminders.data;
  const procedureCount = r ? r.awaitingMaterial + r.awaitingSignOff + r.documentsDue : 0;
  if (overdue + soon === 0) return procedureCount > 0 ? <Alert type="info" showIcon role="status" style={{ marginBottom: 16 }} title={<ProcedureReminderText />} /> : null;
  return (
    <Alert
      type={overdue > 0 ? 'error' : 'warning'}
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={
        // one line, so the ledger keeps its rows at 1366×768: the procedures' counts follow the sentence
        procedureCount > 0 ? (
          <>
            {t('reminders.summary', { overdue, soon })} <ProcedureReminderText />
          </>
        ) : (
          t('reminders.summary', { overdue, soon })
        )
      }
      action={
        overdue > 0 && !counselOnly ? (
          <Button size="small" onClick={() => navigate(paths.ledger, { year: 'all', overdue: 1 })}>
            {t('reminders.showOverdue')}
          </Button>
        ) : undefined
      }
    />
  );
}
