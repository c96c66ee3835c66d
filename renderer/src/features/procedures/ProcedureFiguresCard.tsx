/** The report's procedure figures (issue 20): returns, average pause, sign-offs and their wait, extensions, what awaited material or 签发 at the end. */
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '#contract/contract';
import { useApi } from '../../api/hooks';

export function ProcedureFiguresCard({ period }: { period: InputOf<'procedures.figures'> }) {
  const { t } = useTranslation();
  const figures = useApi('procedures.figures', period);
  const f = figures.data;
  if (!f) return null;
  const none = t('procedures.none');
  return (
    <Card size="small" title={t('procedures.figuresTitle')} style={{ marginTop: 12 }} data-testid="procedure-figures">
      <Descriptions
        size="small"
        column={4}
        items={[
          { key: 'r', label: t('procedures.figureReturns'), children: t('procedures.figureReturnsValue', { count: f.returns, items: f.returnedItems }) },
          { key: 'p', label: t('procedures.figurePaused'), children: f.averagePausedDays === null ? none : t('procedures.figurePausedValue', { days: f.averagePausedDays }) },
          {
            key: 's',
            label: t('procedures.figureSignOff'),
            children: f.averageSignOffDays === null ? none : t('procedures.figureSignOffValue', { count: f.signedOff, days: f.averageSignOffDays }),
          },
          { key: 'e', label: t('procedures.figureExtensions'), children: t('procedures.figureExtensionsValue', { count: f.extensions }) },
          { key: 'm', label: t('procedures.figureAwaitingMaterial'), children: t('procedures.figureAwaitingMaterialValue', { count: f.awaitingMaterial }) },
          { key: 'w', label: t('procedures.figureAwaitingSignOff'), children: t('procedures.figureAwaitingSignOffValue', { count: f.awaitingSignOff }) },
        ]}
      />
    </Card>
  );
}

/** The reminders of the procedures: items awaiting material, opinions awaiting 签发, documents due for review. */
export function ProcedureReminderText() {
  const { t } = useTranslation();
  const r = useApi('reminders.summary', {}).data;
  if (!r) return null;
  const parts = [
    r.awaitingMaterial > 0 ? t('procedures.remindMaterial', { count: r.awaitingMaterial }) : null,
    r.awaitingSignOff > 0 ? t('procedures.remindSignOff', { count: r.awaitingSignOff }) : null,
    r.documentsDue > 0 ? t('procedures.remindDocuments', { count: r.documentsDue }) : null,
  ].filter((x): x is string => x !== null);
  if (parts.length === 0) return null;
  return <span data-testid="procedure-reminders">{parts.join(t('procedures.listSeparator'))}</span>;
}
