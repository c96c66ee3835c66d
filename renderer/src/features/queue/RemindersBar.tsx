/**
 * The home screens' reminder: how many open items are overdue or due within 2 days (what the caller
 * may see), the procedures' counts, and for the office (never a counsel) the engagements ending
 * within ENGAGEMENT_REMINDER_DAYS days, which opens 聘用合同.
 */
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENGAGEMENT_REMINDER_DAYS } from '#domain/engagement';
import { isCounselOnly, useApi, useCan, useRoles } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { ProcedureReminderText } from '../procedures/ProcedureFiguresCard';

/** 聘用合同 ending soon (engagements.reminders: admin, registrar, leader), as a link to their screen; null when none. */
function EngagementReminderLink({ ending }: { ending: number }) {
  const { t } = useTranslation();
  if (ending === 0) return null;
  return (
    <Typography.Link data-testid="engagement-reminder" onClick={() => navigate(paths.engagements)}>
      {t('reminders.engagementsEnding', { count: ending, days: ENGAGEMENT_REMINDER_DAYS })}
    </Typography.Link>
  );
}

export function RemindersBar() {
  const { t } = useTranslation();
  const reminders = useApi('reminders.summary', {});
  const can = useCan();
  const engagements = useApi('engagements.reminders', {}, { enabled: can('engagements.reminders') });
  const counselOnly = isCounselOnly(useRoles());
  const overdue = reminders.data?.overdue ?? 0;
  const soon = reminders.data?.dueSoon ?? 0;
  const r = reminders.data;
  const procedureCount = r ? r.awaitingMaterial + r.awaitingSignOff + r.documentsDue : 0;
  const ending = can('engagements.reminders') ? (engagements.data?.length ?? 0) : 0;
  // the procedures' and the engagements' counts follow on the same line (the ledger keeps its rows at 1366×768)
  const more =
    procedureCount + ending > 0 ? (
      <>
        {procedureCount > 0 ? <ProcedureReminderText /> : null}
        {procedureCount > 0 && ending > 0 ? t('procedures.listSeparator') : null}
        <EngagementReminderLink ending={ending} />
      </>
    ) : null;
  if (overdue + soon === 0) return more ? <Alert type="info" showIcon role="status" style={{ marginBottom: 16 }} title={more} /> : null;
  return (
    <Alert
      type={overdue > 0 ? 'error' : 'warning'}
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={
        more ? (
          <>
            {t('reminders.summary', { overdue, soon })} {more}
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
