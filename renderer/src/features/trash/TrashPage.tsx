/** 回收站: trashed consultations (counted nowhere), each restorable to the status it had. */
import { UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationRow } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { formatHash, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { actionsColumn, emptyList } from '../../shared/ListTable';
import { PagedListTable } from '../../shared/PagedListTable';
import { PageHead } from '../../shared/PageState';
import { StatusTag } from '../../shared/StatusTag';

export function TrashPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useApi('consultations.list', { trashed: true, sort: 'serialNo', order: 'desc', ...page });
  const restore = useApiMutation('consultations.restore');

  const onRestore = async (row: ConsultationRow) => {
    try {
      const restored = await restore.mutateAsync({ id: row.id, version: row.version });
      void message.success(t('trash.restored', { serialNo: restored.serialNo }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <>
      <PageHead title={t('trash.title')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('trash.hint')} />
      <PagedListTable<ConsultationRow>
        query={list}
        empty={emptyList(t('trash.empty'))}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('field.serialNo'), dataIndex: 'serialNo', width: 150, render: (v: string) => <span className="nowrap">{v}</span> },
          {
            title: t('field.title'),
            dataIndex: 'title',
            ellipsis: { showTitle: false },
            render: (v: string, row) => (
              <Tooltip title={v} placement="topLeft">
                <a href={formatHash(paths.detail(row.id))}>{v}</a>
              </Tooltip>
            ),
          },
          { title: t('field.department'), dataIndex: 'departmentName', width: 100, ellipsis: true },
          { title: t('field.status'), dataIndex: 'status', width: 100, render: (v: ConsultationRow['status']) => <StatusTag status={v} /> },
          {
            title: t('trash.reason'),
            key: 'reason',
            width: 200,
            ellipsis: { showTitle: false },
            render: (_: unknown, row) => {
              const reason = row.trashed?.reason || t('common.none');
              return (
                <Tooltip title={reason} placement="topLeft">
                  <span>{reason}</span>
                </Tooltip>
              );
            },
          },
          {
            title: t('trash.byAt'),
            key: 'trashedBy',
            width: 160,
            render: (_: unknown, row) => (
              <div className="trash-by">
                <div>{row.trashed?.actorName ?? t('common.none')}</div>
                <Typography.Text type="secondary">{formatInstant(row.trashed?.at ?? row.trashedAt)}</Typography.Text>
              </div>
            ),
          },
          ...actionsColumn(t, can('consultations.restore'), 110, (row: ConsultationRow) => (
            <Space>
              <Button size="small" icon={<UndoOutlined />} onClick={() => void onRestore(row)}>
                {t('action.restore')}
              </Button>
            </Space>
          )),
        ]}
      />
    </>
  );
}
