/** 导入记录: every import batch, and undoing one as a whole (refused by the main process once an item of it has changed). */
import { App, Button, Card, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportBatchView } from '#contract/import-contract';
import { useApi } from '../../api/hooks';
import { formatInstant } from '../../shared/format';
import { LoadFailed } from '../../shared/PageState';

export function BatchHistory({ busy, onUndo }: { busy: boolean; onUndo(batchId: number): void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const batches = useApi('import.batches', {});
  const confirmUndo = (b: ImportBatchView) =>
    modal.confirm({
      title: t('import.batches.undoTitle', { id: b.id }),
      content: t('import.batches.undoText', { count: b.liveRows }),
      okText: t('import.batches.undo'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => onUndo(b.id),
    });
  return (
    <Card size="small" title={t('import.batches.title')} style={{ marginTop: 16 }}>
      {batches.isError ? <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} /> : null}
      <Table<ImportBatchView>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        aria-label={t('import.batches.title')}
        loading={batches.isFetching}
        dataSource={batches.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('import.batches.empty') }}
        columns={[
          { title: t('import.batches.id'), dataIndex: 'id', width: 60 },
          { title: t('import.batches.fileName'), dataIndex: 'fileName', ellipsis: true },
          { title: t('import.batches.importedAt'), dataIndex: 'importedAt', width: 150, render: (v: string) => formatInstant(v) },
          { title: t('import.batches.importedBy'), dataIndex: 'importedBy', width: 100, ellipsis: true },
          { title: t('import.batches.rows'), dataIndex: 'rowCount', width: 80, align: 'right' },
          { title: t('import.batches.live'), dataIndex: 'liveRows', width: 80, align: 'right' },
          {
            title: t('import.batches.state'),
            key: 'state',
            width: 170,
            render: (_: unknown, b) => (b.undoneAt ? <Tag>{t('import.batches.undone', { at: formatInstant(b.undoneAt) })}</Tag> : <Tag color="success">{t('import.batches.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, b) =>
              b.undoneAt ? null : (
                <Tooltip title={b.undoable ? undefined : (b.blockedReason ?? t('import.batches.cannotUndo'))}>
                  <Button size="small" danger disabled={busy || !b.undoable} aria-label={t('import.batches.undoAria', { id: b.id })} onClick={() => confirmUndo(b)}>
                    {t('import.batches.undo')}
                  </Button>
                </Tooltip>
              ),
          },
        ]}
      />
    </Card>
  );
}
