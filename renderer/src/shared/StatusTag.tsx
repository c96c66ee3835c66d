import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationStatus } from '#domain/types';

const COLORS: Record<ConsultationStatus, string> = {
  registered: 'default',
  assigned: 'processing',
  answered: 'gold',
  closed: 'success',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} variant={status === 'withdrawn' ? 'outlined' : 'filled'}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation();
  return <Tag color="error">{t('status.overdue')}</Tag>;
}
