/** The annual report's cost figures: fees paid in the period and per consultation (reports.cost; never offered to a counsel). */
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi, useCan } from '../../api/hooks';
import type { PeriodInput } from '../reports/period';
import { yuanText } from './money';

export function CostCard({ period }: { period: PeriodInput }) {
  const { t } = useTranslation();
  const can = useCan();
  const cost = useApi('reports.cost', period, { enabled: can('reports.cost') });
  if (!can('reports.cost') || !cost.data) return null;
  const c = cost.data;
  return (
    <Descriptions size="small" bordered column={2} title={t('engagement.cost.title')} style={{ marginTop: 12 }}>
      <Descriptions.Item label={t('engagement.cost.paid')}>{`${yuanText(c.paidFen)}`}</Descriptions.Item>
      <Descriptions.Item label={t('engagement.cost.per')}>{c.perConsultationFen === null ? t('engagement.cost.none') : yuanText(c.perConsultationFen)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The item's rating, as one more line of its history (ratings.get; never offered to a counsel). */
export function RatingLine({ consultationId }: { consultationId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const rating = useApi('ratings.get', { consultationId }, { enabled: can('ratings.get') });
  if (!can('ratings.get') || !rating.data) return null;
  const r = rating.data;
  return (
    <div className="history-rating">
      <strong>{t('engagement.rating.history', { rating: t(`engagement.rating.${r.rating}`) })}</strong>
      {` · ${r.ratedOn} · ${r.ratedByName}`}
      {r.note ? <div className="pre-wrap">{r.note}</div> : null}
    </div>
  );
}
