/**
 * 数据交换 (admin, registrar): the office's exchange key (made once, exported as a .clkey),
 * the counsel with their paired keys (add after the fingerprint is read back, replace, revoke
 * with a reason), 生成送审包 for one counsel and 导入回复包 with its preview (docs/EXCHANGE.md).
 */
import { ExportOutlined, ImportOutlined, KeyOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerKeyView, ReplyFileView } from '#contract/exchange-contract';
import type { Counsel } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { AddPeerDialog, RevokeDialog, SetupDialog } from './KeyDialogs';
import { Fingerprint } from './Fingerprint';
import { RegionTable } from './RegionTable';
import { PackageDialog } from './PackageDialog';
import { ReplyDialog } from './ReplyDialog';

const day = (iso: string) => iso.slice(0, 10);

type Open =
  | { kind: 'setup' }
  | { kind: 'addPeer'; counsel: Counsel; current: PeerKeyView | null }
  | { kind: 'revoke'; peer: PeerKeyView }
  | { kind: 'package'; counselId: number | null }
  | { kind: 'reply'; file: ReplyFileView };

export function ExchangePage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const status = useApi('exchange.status', {});
  const counsels = useApi('counsels.list', { includeInactive: true });
  const exportKey = useApiMutation('exchange.exportKey');
  const chooseReply = useApiMutation('exchange.chooseReply');
  const [open, setOpen] = useState<Open | null>(null);
  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadFailed error={status.error} onRetry={() => void status.refetch()} />;
  const { own, peers } = status.data;
  const activeOf = (counselId: number) => peers.find((p) => p.counselId === counselId && !p.revokedAt) ?? null;
  // the counsel engaged now, and any other who still has an active key
  const rows = (counsels.data ?? []).filter((c) => c.active || activeOf(c.id));

  const doExport = async () => {
    try {
      const saved = await exportKey.mutateAsync({});
      if (saved) modal.success({ title: t('exchange.own.export'), content: t('exchange.own.exported', saved) });
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  const doChooseReply = async () => {
    try {
      const file = await chooseReply.mutateAsync({});
      if (file) setOpen({ kind: 'reply', file });
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <>
      <PageHead
        title={t('exchange.title')}
        extra={
          own && can('exchange.makePackage') ? (
            <Space>
              <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen({ kind: 'package', counselId: null })}>
                {t('exchange.pkg.open')}
              </Button>
              <Button icon={<ImportOutlined />} loading={chooseReply.isPending} onClick={() => void doChooseReply()}>
                {t('exchange.reply.open')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card
        title={t('exchange.own.title')}
        style={{ marginBottom: 16 }}
        extra={
          own && can('exchange.exportKey') ? (
            <Button icon={<ExportOutlined />} loading={exportKey.isPending} onClick={() => void doExport()}>
              {t('exchange.own.export')}
            </Button>
          ) : null
        }
      >
        {own ? (
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('exchange.own.name'), children: own.name },
              {
                key: 'fingerprint',
                label: t('exchange.own.fingerprint'),
                children: (
                  <Space orientation="vertical" size={2}>
                    <Fingerprint value={own.fingerprint} large />
                    <Typography.Text type="secondary">{t('exchange.own.fingerprintHint')}</Typography.Text>
                  </Space>
                ),
              },
            ]}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('exchange.own.none')}
            description={t('exchange.own.noneHint')}
            action={
              can('exchange.setup') ? (
                <Button type="primary" icon={<KeyOutlined />} onClick={() => setOpen({ kind: 'setup' })}>
                  {t('exchange.own.setup')}
                </Button>
              ) : undefined
            }
          />
        )}
      </Card>
      {own ? (
        <Card title={t('exchange.counsels.title')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('exchange.counsels.hint')}</Typography.Paragraph>
          {counsels.isError ? <LoadFailed error={counsels.error} onRetry={() => void counsels.refetch()} /> : null}
          <RegionTable<Counsel>
            label={t('exchange.counsels.title')}
            rowKey="id"
            loading={counsels.isPending}
            dataSource={rows}
            columns={[
              { key: 'counsel', title: t('exchange.counsels.counsel'), dataIndex: 'name', width: 120 },
              { key: 'firm', title: t('exchange.counsels.firm'), dataIndex: 'firm' },
              {
                key: 'key',
                title: t('exchange.counsels.key'),
                render: (_, c) => {
                  const key = activeOf(c.id);
                  return key ? (
                    <Space size={8}>
                      <Fingerprint value={key.fingerprint} />
                      <Typography.Text type="secondary">{day(key.addedAt)}</Typography.Text>
                    </Space>
                  ) : (
                    <Tag>{t('exchange.counsels.unpaired')}</Tag>
                  );
                },
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 240,
                render: (_, c) => {
                  const key = activeOf(c.id);
                  return (
                    <Space>
                      {can('exchange.addPeer') ? (
                        <Button size="small" onClick={() => setOpen({ kind: 'addPeer', counsel: c, current: key })}>
                          {key ? t('exchange.counsels.replace') : t('exchange.counsels.add')}
                        </Button>
                      ) : null}
                      {key && can('exchange.makePackage') ? (
                        <Button size="small" onClick={() => setOpen({ kind: 'package', counselId: c.id })}>
                          {t('exchange.counsels.makePackage')}
                        </Button>
                      ) : null}
                    </Space>
                  );
                },
              },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t('exchange.peers.title')}>
        <RegionTable<PeerKeyView>
          label={t('exchange.peers.title')}
          rowKey="id"
          dataSource={peers}
          locale={{ emptyText: t('exchange.peers.empty') }}
          columns={[
            { key: 'counsel', title: t('exchange.peers.counsel'), render: (_, p) => p.counselName ?? '—' },
            { key: 'name', title: t('exchange.peers.name'), dataIndex: 'name' },
            { key: 'fingerprint', title: t('exchange.peers.fingerprint'), render: (_, p) => <Fingerprint value={p.fingerprint} /> },
            { key: 'added', title: t('exchange.peers.added'), render: (_, p) => t('exchange.peers.by', { day: day(p.addedAt), who: p.addedBy }) },
            {
              key: 'state',
              title: t('exchange.peers.state'),
              render: (_, p) =>
                p.revokedAt ? <Tag>{t('exchange.peers.revoked', { day: day(p.revokedAt) })}</Tag> : <Tag color="green">{t('exchange.peers.active')}</Tag>,
            },
            ...(can('exchange.revokePeer')
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    width: 100,
                    render: (_: unknown, p: PeerKeyView) =>
                      p.revokedAt ? null : (
                        <Button size="small" danger onClick={() => setOpen({ kind: 'revoke', peer: p })}>
                          {t('exchange.peers.revoke')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {open?.kind === 'setup' ? <SetupDialog onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'addPeer' ? <AddPeerDialog counsel={open.counsel} current={open.current} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'revoke' ? <RevokeDialog peer={open.peer} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'package' ? (
        <PackageDialog counsels={rows.filter((c) => c.active)} paired={(id) => activeOf(id) !== null} counselId={open.counselId} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'reply' ? <ReplyDialog file={open.file} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
