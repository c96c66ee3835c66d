/** The ledger table's columns; sorting is done by the service, so the columns only say which field. */
import { Space, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import type { ConsultationRow } from '#domain/types';
import { formatHash, paths } from '../../router/hash';
import { categoryName } from '../../shared/format';
import { OverdueTag, StatusTag } from '../../shared/StatusTag';
import type { SortField } from '#domain/ledger-view';
import type { LedgerFilter } from './filterState';

function sortOrderOf(filter: LedgerFilter, field: SortField): SortOrder {
  if (filter.sort !== field) return null;
  return filter.order === 'asc' ? 'ascend' : 'descend';
}

export function ledgerColumns(t: TFunction, lang: string, filter: LedgerFilter): TableColumnsType<ConsultationRow> {
  const sortable = (field: SortField) => ({
    key: field,
    sorter: true,
    sortOrder: sortOrderOf(filter, field),
    sortDirections: ['descend', 'ascend', 'descend'] as SortOrder[],
  });
  // Widths fit 1366×768 with the sidebar: the fixed columns are kept narrow and
  // the title takes what is left, on one line (the full title on hover), so a
  // row is one line high. Names that do not fit end in … with the full text on hover.
  const en = lang === 'en';
  return [
    {
      title: t('field.serialNo'),
      dataIndex: 'serialNo',
      width: 132,
      ...sortable('serialNo'),
      render: (v: string) => <span className="nowrap">{v}</span>,
    },
    {
      title: t('field.title'),
      dataIndex: 'title',
      ...sortable('title'),
      ellipsis: { showTitle: false },
      render: (v: string, row) => (
        <Tooltip title={v} placement="topLeft">
          <a href={formatHash(paths.detail(row.id))}>{v}</a>
        </Tooltip>
      ),
    },
    {
      title: t('field.category'),
      key: 'category',
      width: en ? 112 : 100,
      ellipsis: true,
      render: (_: unknown, row) => categoryName(row, lang),
    },
    { title: t('field.department'), dataIndex: 'departmentName', width: en ? 104 : 92, ellipsis: true },
    { title: t('field.receivedOn'), dataIndex: 'receivedOn', width: en ? 118 : 104, ...sortable('receivedOn') },
    {
      title: t('field.dueOn'),
      dataIndex: 'dueOn',
      width: 146,
      ...sortable('dueOn'),
      render: (v: string | null, row) => (
        <Space size={4} className="nowrap">
          <span>{v ?? t('common.none')}</span>
          {row.overdue ? <OverdueTag /> : null}
        </Space>
      ),
    },
    { title: t('field.itemCount'), dataIndex: 'itemCount', width: en ? 88 : 64, align: 'right', ...sortable('itemCount') },
    {
      title: t('field.counsel'),
      dataIndex: 'counselName',
      width: en ? 96 : 80,
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('ledger.notAssigned')}</Typography.Text>,
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: en ? 108 : 96,
      ...sortable('status'),
      render: (v: ConsultationRow['status']) => <StatusTag status={v} />,
    },
  ];
}
