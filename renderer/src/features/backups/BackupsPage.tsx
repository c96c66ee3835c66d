/**
 * 备份与恢复 (admin): where backups go, the list (automatic, manual, the safety
 * copies), 立即备份, and restoring one of them or a file from elsewhere. A
 * restore replaces the whole ledger: it asks for an explicit acknowledgement,
 * says the current database is kept as a backup first, and afterwards every
 * screen is rebuilt from the restored database.
 */
import { CloudUploadOutlined, FolderOpenOutlined, HistoryOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupView, RestoreOutcome } from '#domain/types';
import { call } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { CallFailed, useCallState } from '../../shared/CallState';
import { errorText } from '../../shared/errors';
import { formatInstant, formatSize } from '../../shared/format';
import { LoadFailed, PageHead } from '../../shared/PageState';
import { useSession } from '../session/context';
import { BackupSettings } from './BackupSettings';

const KIND_COLOR: Record<BackupView['kind'], string> = { auto: 'default', manual: 'blue', 'pre-restore': 'orange', 'pre-migration': 'purple' };

/** What is being restored: one of the listed backups, or a file the admin picks in the next step. */
type Target = { kind: 'listed'; backup: BackupView } | { kind: 'file' };

export function BackupsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { reloadAll } = useSession();
  const list = useApi('backups.list', {});
  const create = useApiMutation('backups.create');
  const [target, setTarget] = useState<Target | null>(null);
  const severalFolders = new Set(list.data?.backups.map((b) => b.dir)).size > 1;
  /** 默认 / 自定义, or the path of a folder that is neither any more; the full path on hover */
  const folderLabel = (dir: string) =>
    dir === list.data?.defaultDir ? t('backups.folderDefault') : dir === list.data?.chosenDir ? t('backups.folderChosen') : dir;

  const backupNow = async () => {
    try {
      const made = await create.mutateAsync({});
      void message.success(t('backups.created', { name: made.name }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const restored = (outcome: RestoreOutcome) => {
    setTarget(null);
    reloadAll();
    modal.success({
      title: t('backups.restoredTitle'),
      content: (
        <>
          <p>{t('backups.restoredFrom', { name: outcome.restoredFrom })}</p>
          {outcome.replacedCopy ? <p>{t('backups.replacedKept', { name: outcome.replacedCopy })}</p> : null}
        </>
      ),
      okText: t('common.close'),
    });
  };

  return (
    <>
      <PageHead
        title={t('backups.title')}
        extra={
          <Space>
            <Button icon={<FolderOpenOutlined />} onClick={() => setTarget({ kind: 'file' })}>
              {t('backups.restoreFromFile')}
            </Button>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={create.isPending} onClick={() => void backupNow()}>
              {t('backups.backupNow')}
            </Button>
          </Space>
        }
      />
      {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? <BackupSettings list={list.data} /> : null}
      <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
        <Table<BackupView>
          rowKey="name"
          size="middle"
          tableLayout="fixed"
          loading={list.isFetching}
          dataSource={list.data?.backups ?? []}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }), hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.empty')} /> }}
          columns={[
            { title: t('backups.takenAt'), dataIndex: 'takenAt', width: 170, render: (v: string) => <span className="nowrap">{formatInstant(v)}</span> },
            { title: t('backups.kind'), dataIndex: 'kind', width: 130, render: (k: BackupView['kind']) => <Tag color={KIND_COLOR[k]}>{t(`backups.kinds.${k}`)}</Tag> },
            { title: t('backups.name'), dataIndex: 'name', ellipsis: true },
            ...(severalFolders
              ? [{ title: t('backups.dir'), dataIndex: 'dir', width: 110, render: (v: string) => <span title={v}>{folderLabel(v)}</span> }]
              : []),
            { title: t('backups.size'), dataIndex: 'size', width: 110, align: 'right', render: (v: number) => formatSize(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, b) => (
                <Button size="small" danger icon={<HistoryOutlined />} aria-label={t('backups.restoreThis', { time: formatInstant(b.takenAt) })} onClick={() => setTarget({ kind: 'listed', backup: b })}>
                  {t('backups.restore')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {target ? <RestoreDialog target={target} onClose={() => setTarget(null)} onRestored={restored} /> : null}
    </>
  );
}

function RestoreDialog({ target, onClose, onRestored }: { target: Target; onClose(): void; onRestored(o: RestoreOutcome): void }) {
  const { t } = useTranslation();
  const [understood, setUnderstood] = useState(false);
  const { pending, error, run } = useCallState();

  const restore = () =>
    run(
      async () => {
        const outcome = target.kind === 'listed' ? await call('backups.restore', { name: target.backup.name }) : await call('backups.restoreFromFile', {});
        if (outcome) onRestored(outcome);
        else onClose(); // no file chosen
      },
      (e) => errorText(e, t),
    );

  return (
    <Modal
      open
      title={
        <Space>
          <WarningOutlined style={{ color: '#ff4d4f' }} />
          {t('backups.confirmTitle')}
        </Space>
      }
      okText={target.kind === 'listed' ? t('backups.confirmRestore') : t('backups.chooseFile')}
      okButtonProps={{ danger: true, disabled: !understood, loading: pending }}
      cancelText={t('common.cancel')}
      onOk={() => void restore()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
    >
      {target.kind === 'listed' ? (
        <Typography.Paragraph>
          {t('backups.confirmWhich', { time: formatInstant(target.backup.takenAt), name: target.backup.name })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph>{t('backups.confirmFile')}</Typography.Paragraph>
      )}
      <Alert type="warning" showIcon title={t('backups.confirmReplace')} description={t('backups.confirmKept')} style={{ marginBottom: 16 }} />
      <CallFailed error={error} />
      <Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)}>
        {t('backups.understood')}
      </Checkbox>
    </Modal>
  );
}
