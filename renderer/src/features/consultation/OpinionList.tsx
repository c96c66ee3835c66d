/** The opinion rounds, oldest first. */
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Conclusion, Opinion } from '../../../../electron/api/types';

const CONCLUSION_COLOR: Record<Conclusion, string> = {
  approve: 'green',
  approveWithChanges: 'gold',
  object: 'red',
  advisory: 'blue',
};

export function OpinionList({ opinions }: { opinions: Opinion[] }) {
  const { t } = useTranslation();
  if (opinions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noOpinions')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {opinions.map((o) => (
        <Card
          key={o.id}
          size="small"
          title={
            <Space size={8} wrap>
              <span>{t('detail.round', { round: o.round })}</span>
              <Tag color={CONCLUSION_COLOR[o.conclusion]}>{t(`conclusion.${o.conclusion}`)}</Tag>
            </Space>
          }
          extra={
            <Typography.Text type="secondary" className="nowrap">
              {o.issuedOn}
              {o.counselName ? ` · ${o.counselName}` : ''}
            </Typography.Text>
          }
        >
          <div className="pre-wrap">{o.text}</div>
        </Card>
      ))}
    </Space>
  );
}
