/**
 * 我的待办: a counsel's assigned, unanswered items (the service lists only their
 * own), soonest 办理时限 first; overdue and due-soon marked. Opening one shows
 * its materials and the opinion form.
 */
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationRow } from '#domain/types';
import { useApi, useAppInfo } from '../../api/hooks';
import { formatHash, paths } from '../../router/hash';
import { categoryName } from '../../shared/format';
import { emptyList } from '../../shared/ListTable';
import { PagedListTable } from '../../shared/PagedListTable';
import { PageHead } from '../../shared/PageState';
import { OverdueTag } from '../../shared/StatusTag';
import { RemindersBar } from './RemindersBar';
import { daysBetween, DUE_SOON_DAYS, QUEUE_LIST_INPUT } from './due';

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const today = useAppInfo().data?.today ?? '';
  const list = useApi('consultations.list', QUEUE_LIST_INPUT);

  const dueCell = (dueOn: string | null, row: ConsultationRow) => {
    if (!dueOn) return <Typography.Text type="secondary">{t('queue.noDue')}</Typography.Text>;
    const left = today ? daysBetween(today, dueOn) : null;
    return (
      <Space size={4} className="nowrap">
        <span>{dueOn}</span>
        {row.overdue ? (
          <OverdueTag />
        ) : left !== null && left <= DUE_SOON_DAYS ? (
          <Tag color="warning">{left === 0 ? t('queue.dueToday') : t('queue.dueSoon', { days: left })}</Tag>
        ) : null}
      </Space>
    );
  };

  return (
    <>
      <PageHead title={t('queue.title')} />
      <RemindersBar />
      <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
        <Typography.Paragraph type="secondary">{t('queue.hint')}</Typography.Paragraph>
        <PagedListTable<ConsultationRow>
          query={list}
          size="middle"
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          empty={emptyList(t('queue.empty'))}
          columns={[
            { title: t('field.dueOn'), dataIndex: 'dueOn', width: 190, render: dueCell },
            { title: t('field.serialNo'), dataIndex: 'serialNo', width: 140, render: (v: string) => <span className="nowrap">{v}</span> },
            {
              title: t('field.title'),
              dataIndex: 'title',
              render: (v: string, row) => <a href={formatHash(paths.detail(row.id))}>{v}</a>,
            },
            { title: t('field.category'), key: 'category', width: 150, render: (_: unknown, r) => categoryName(r, i18n.language) },
            { title: t('field.department'), dataIndex: 'departmentName', width: 110 },
            { title: t('field.receivedOn'), dataIndex: 'receivedOn', width: 118 },
          ]}
        />
      </Card>
    </>
  );
}
