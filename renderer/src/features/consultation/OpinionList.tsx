/** The opinion rounds, oldest first, each with its own materials. */
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Attachment, Conclusion, Opinion } from '#domain/types';
import { AttachmentPanel } from '../attachments/AttachmentPanel';

const CONCLUSION_COLOR: Record<Conclusion, string> = {
  approve: 'green',
  approveWithChanges: 'gold',
  object: 'red',
  advisory: 'blue',
};

interface Props {
  consultationId: number;
  opinions: Opinion[];
  attachments: Attachment[];
  /** files may be added (the item is not in the trash) */
  open: boolean;
}

export function OpinionList({ consultationId, opinions, attachments, open }: Props) {
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
          {o.createdByName && o.createdByName !== o.counselName ? (
            <Typography.Paragraph type="secondary" className="opinion-recorded-by">
              {t('detail.recordedBy', { name: o.createdByName })}
            </Typography.Paragraph>
          ) : null}
          <AttachmentPanel
            consultationId={consultationId}
            opinionId={o.id}
            round={o.round}
            attachments={attachments.filter((a) => a.opinionId === o.id)}
            open={open}
            compact
          />
        </Card>
      ))}
    </Space>
  );
}
