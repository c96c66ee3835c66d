/**
 * The opinion rounds, oldest first, each with its own materials: whose opinion it is
 * (and who typed it in, 代录), its corrections and the wording they replaced.
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Attachment, Conclusion, ConsultationDetail, Opinion } from '#domain/types';
import { useCan } from '../../api/hooks';
import { formatInstant } from '../../shared/format';
import { AttachmentPanel } from '../attachments/AttachmentPanel';
import { CorrectOpinionDialog } from './actions/StepDialogs';

const CONCLUSION_COLOR: Record<Conclusion, string> = {
  approve: 'green',
  approveWithChanges: 'gold',
  object: 'red',
  advisory: 'blue',
};

interface Props {
  consultationId: number;
  /** the item, for corrections (its version); absent: read only */
  detail?: ConsultationDetail;
  opinions: Opinion[];
  attachments: Attachment[];
  /** files may be added (the item is not in the trash) */
  open: boolean;
}

/** "王律师出具意见（张丽代录）", or "王律师出具意见" when she typed it herself. */
export function opinionBy(t: TFunction, o: Opinion): string {
  if (!o.counselName) return o.createdByName;
  return o.enteredByCounsel || o.createdByName === o.counselName
    ? t('detail.givenBy', { counsel: o.counselName })
    : t('detail.givenByFor', { counsel: o.counselName, typist: o.createdByName });
}

function PreviousVersions({ o }: { o: Opinion }) {
  const { t } = useTranslation();
  if (o.previous.length === 0) return null;
  return (
    <details className="opinion-previous">
      <summary>{t('detail.previousVersions', { count: o.previous.length })}</summary>
      {o.previous.map((v, i) => (
        <div key={i} className="opinion-previous-version">
          <Typography.Text type="secondary">
            {t('detail.previousVersion', {
              issuedOn: v.issuedOn,
              conclusion: t(`conclusion.${v.conclusion}`),
              enteredAt: formatInstant(v.enteredAt),
              enteredBy: v.enteredByName,
              replacedAt: formatInstant(v.replacedAt),
              replacedBy: v.replacedByName,
              reason: v.reason,
            })}
          </Typography.Text>
          <div className="pre-wrap">{v.text}</div>
        </div>
      ))}
    </details>
  );
}

export function OpinionList({ consultationId, detail, opinions, attachments, open }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [correcting, setCorrecting] = useState<Opinion | null>(null);
  const mayCorrect = detail !== undefined && open && detail.trashedAt === null && can('consultations.correctOpinion');
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
            <Space size={8}>
              <Typography.Text type="secondary" className="nowrap opinion-by">
                {o.issuedOn} · {opinionBy(t, o)}
              </Typography.Text>
              {mayCorrect ? (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setCorrecting(o)}>
                  {t('detail.correctOpinion')}
                </Button>
              ) : null}
            </Space>
          }
        >
          <div className="pre-wrap">{o.text}</div>
          {o.correctedAt ? (
            <Typography.Paragraph type="secondary" className="opinion-corrected">
              {t('detail.correctedBy', { at: formatInstant(o.correctedAt), name: o.correctedByName ?? '' })}
            </Typography.Paragraph>
          ) : null}
          <PreviousVersions o={o} />
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
      {correcting && detail ? <CorrectOpinionDialog detail={detail} opinion={correcting} onClose={() => setCorrecting(null)} /> : null}
    </Space>
  );
}
