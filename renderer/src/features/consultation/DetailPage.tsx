/**
 * 事项详情: all fields, the materials (attachments), the opinion rounds with
 * theirs, the status timeline, and the actions that fit now; for a counsel, the
 * opinion form right on the page.
 */
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail, Outcome } from '#domain/types';
import { isCounselOnly, useApi, useRoles } from '../../api/hooks';
import { ItemUnavailable, isUnavailableItem } from '../../layout/PageResults';
import { AttachmentPanel } from '../attachments/AttachmentPanel';
import { DocumentsCard } from '../documents/DocumentsCard';
import { navigate, paths } from '../../router/hash';
import { categoryName, formatInstant } from '../../shared/format';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { OverdueTag, StatusTag } from '../../shared/StatusTag';
import { lastLedgerQuery } from '../ledger/filterState';
import { DetailActions } from './actions/DetailActions';
import { HistoryTimeline } from './HistoryTimeline';
import { OpinionForm } from './OpinionForm';
import { OpinionList } from './OpinionList';
import { ProcedurePanel } from '../procedures/ProcedurePanel';
import { allows } from '#domain/workflow';

const OUTCOME_COLOR: Record<Outcome, string> = { adopted: 'green', partiallyAdopted: 'gold', notAdopted: 'red' };

export function ConsultationDetailPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const detail = useApi('consultations.get', { id });
  const files = useApi('attachments.list', { consultationId: id });
  const removed = useApi('attachments.list', { consultationId: id, trashed: true });
  const roles = useRoles();
  const counselOnly = isCounselOnly(roles);
  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (isUnavailableItem(detail.error)) return <ItemUnavailable counselOnly={counselOnly} />;
    return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const d = detail.data;
  const attachments = files.data ?? [];
  const open = d.trashedAt === null;
  // the counsel answers here, on the page they opened from 我的待办
  const answering = counselOnly && allows('addOpinion', d);
  const back = () => (counselOnly ? navigate(paths.queue) : navigate(paths.ledger, lastLedgerQuery()));
  return (
    <>
      <PageHead
        title={
          <Space size={12} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={counselOnly ? t('nav.backToQueue') : t('nav.backToLedger')} onClick={back} />
            <span>{d.serialNo}</span>
            <StatusTag status={d.status} />
            {d.overdue ? <OverdueTag /> : null}
            {d.trashedAt ? <Tag color="red">{t('status.inTrash')}</Tag> : null}
          </Space>
        }
        extra={<DetailActions detail={d} inlineOpinion={answering} />}
      />
      {d.trashedAt ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('detail.trashedBanner')} /> : null}
      {d.overdue ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('detail.overdueBanner', { dueOn: d.dueOn })} />
      ) : null}
      <Row gutter={16}>
        <Col span={16}>
          <Card title={t('detail.basics')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions bordered size="small" column={2} items={detailItems(d, t, i18n.language)} styles={{ label: { width: 120 } }} />
          </Card>
          <Card
            title={
              <Space size={6}>
                <PaperClipOutlined />
                {t('attachments.title')}
                {attachments.length > 0 ? <Tag>{attachments.length}</Tag> : null}
              </Space>
            }
            size="small"
            style={{ marginBottom: 16 }}
          >
            {files.isError ? <LoadFailed error={files.error} onRetry={() => void files.refetch()} /> : null}
            <AttachmentPanel
              consultationId={d.id}
              attachments={attachments.filter((a) => a.opinionId === null)}
              trashed={removed.data ?? []}
              open={open}
            />
          </Card>
          <ProcedurePanel detail={d} />
          <Card title={t('detail.opinions')} size="small" style={{ marginBottom: 16 }}>
            <OpinionList consultationId={d.id} detail={d} opinions={d.opinions} attachments={attachments} open={open} />
          </Card>
          {answering ? <OpinionForm detail={d} /> : null}
        </Col>
        <Col span={8}>
          <Card title={t('documents.title')} size="small" style={{ marginBottom: 16 }}>
            <DocumentsCard detail={d} />
          </Card>
          <Card title={t('detail.timeline')} size="small">
            <HistoryTimeline history={d.history} detail={d} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function detailItems(d: ConsultationDetail, t: TFunction, lang: string): DescriptionsProps['items'] {
  const none = t('common.none');
  return [
    { key: 'title', label: t('field.title'), span: 2, children: <Typography.Text strong>{d.title}</Typography.Text> },
    { key: 'serialNo', label: t('field.serialNo'), children: d.serialNo },
    { key: 'category', label: t('field.category'), children: categoryName(d, lang) },
    { key: 'department', label: t('field.department'), children: d.departmentName },
    { key: 'requester', label: t('field.requester'), children: d.requester || none },
    { key: 'receivedOn', label: t('field.receivedOn'), children: d.receivedOn },
    {
      key: 'dueOn',
      label: t('field.dueOn'),
      children: (
        <Space size={4}>
          {d.dueOn ?? none}
          {d.overdue ? <OverdueTag /> : null}
        </Space>
      ),
    },
    { key: 'itemCount', label: t('field.itemCount'), children: d.itemCount },
    {
      key: 'secrecy',
      label: t('entry.secrecy.label'),
      children: d.secrecy === 'workSecret' ? <Tag color="orange">{t('entry.secrecy.level.workSecret')}</Tag> : t('entry.secrecy.level.none'),
    },
    { key: 'counsel', label: t('field.counsel'), children: d.counselName ?? t('ledger.notAssigned') },
    { key: 'assignedOn', label: t('field.assignedOn'), children: d.assignedOn ?? none },
    {
      key: 'outcome',
      label: t('field.outcome'),
      children: d.outcome ? (
        <Tag color={OUTCOME_COLOR[d.outcome]}>{t(`outcome.${d.outcome}`)}</Tag>
      ) : (
        <Typography.Text type="secondary">{t('detail.outcomeMissing')}</Typography.Text>
      ),
    },
    { key: 'outcomeOn', label: t('field.outcomeOn'), children: d.outcomeOn ?? none },
    { key: 'closedOn', label: t('field.closedOn'), children: d.closedOn ?? none },
    ...(d.outcomeReason
      ? [{ key: 'outcomeReason', label: t('field.outcomeReason'), span: 2, children: <div className="pre-wrap">{d.outcomeReason}</div> }]
      : []),
    { key: 'description', label: t('field.description'), span: 2, children: <div className="pre-wrap">{d.description || none}</div> },
    { key: 'note', label: t('field.note'), span: 2, children: <div className="pre-wrap">{d.note || none}</div> },
    {
      key: 'created',
      label: t('field.created'),
      children: `${formatInstant(d.createdAt)} · ${d.createdByName}`,
    },
    {
      key: 'updated',
      label: t('field.updated'),
      children: `${formatInstant(d.updatedAt)} · ${d.updatedByName}`,
    },
  ];
}
