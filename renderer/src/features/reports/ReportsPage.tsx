/** 年度统计: a placeholder until the annual-report screen lands (it replaces this file). */
import { BarChartOutlined } from '@ant-design/icons';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHead } from '../../shared/PageState';

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHead title={t('reports.title')} />
      <Card variant="borderless">
        <Empty image={<BarChartOutlined style={{ fontSize: 64, color: '#bfbfbf' }} />} description={t('reports.comingSoon')} />
      </Card>
    </>
  );
}
