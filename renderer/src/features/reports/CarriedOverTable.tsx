/** 期末未办结: the items still open at the end of the period, with their status then and now. */
import { Card, Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CarriedOverRow, Tally } from '#contract/reports-contract';
import { formatHash, paths } from '../../router/hash';
import { StatusTag } from '../../shared/StatusTag';
import { FigureLink } from './FigureLink';
import { formatDate } from './labels';

export function CarriedOverTable({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const { rows, truncated, total } = tally.carriedOver;
  const columns: TableColumnsType<CarriedOverRow> = [
    { title: t('field.serialNo'), dataIndex: 'serialNo', width: 136, render: (v: string) => <span className="nowrap">{v}</span> },
    { title: t('field.title'), dataIndex: 'title', render: (v: string, r) => <a href={formatHash(paths.detail(r.id))}>{v}</a> },
    { title: t('field.receivedOn'), dataIndex: 'receivedOn', width: 108 },
    { title: t('field.dueOn'), dataIndex: 'dueOn', width: 108, render: (v: string | null) => v ?? t('common.none') },
    { title: t('field.itemCount'), dataIndex: 'itemCount', width: 72, align: 'right' },
    { title: t('field.department'), dataIndex: 'departmentName', width: 112 },
    {
      title: t('field.counsel'),
      dataIndex: 'counselName',
      width: 96,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('ledger.notAssigned')}</Typography.Text>,
    },
    { title: t('reports.carried.statusAtEnd'), dataIndex: 'statusAtEnd', width: 116, render: (v: CarriedOverRow['statusAtEnd']) => <StatusTag status={v} /> },
    { title: t('reports.carried.statusNow'), dataIndex: 'status', width: 116, render: (v: CarriedOverRow['status']) => <StatusTag status={v} /> },
  ];
  return (
    <Card
      size="small"
      className="report-carried"
      title={t('reports.carried.asOf', { asOf: formatDate(tally.carriedOver.asOf, t) })}
      extra={
        <FigureLink value={total.count} figureKey={total.key} label={t('reports.figures.carriedOver')}>
          {t('reports.values.timesItems', { count: total.count, items: total.items })}
        </FigureLink>
      }
    >
      <Table<CarriedOverRow>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }) } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.carried.none')} /> }}
      />
      {truncated ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('reports.carried.truncated', { shown: rows.length, count: total.count })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
