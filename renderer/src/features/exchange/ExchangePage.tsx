/**
 * 数据交换 (admin, registrar): the office's exchange key and the counsel keys paired with it,
 * revoked ones too (a key is never deleted). Read-only for now; key setup, pairing and the
 * packages are methods of the contract (docs/EXCHANGE.md).
 */
import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeerKeyView } from '#contract/exchange-contract';
import { useApi } from '../../api/hooks';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';

const day = (iso: string) => iso.slice(0, 10);

export function ExchangePage() {
  const { t } = useTranslation();
  const status = useApi('exchange.status', {});
  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadFailed error={status.error} onRetry={() => void status.refetch()} />;
  const { own, peers } = status.data;
  return (
    <>
      <PageHead title={t('exchange.title')} />
      <Card title={t('exchange.own.title')} style={{ marginBottom: 16 }}>
        {own ? (
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('exchange.own.name'), children: own.name },
              { key: 'fingerprint', label: t('exchange.own.fingerprint'), children: <Typography.Text code copyable>{own.fingerprint}</Typography.Text> },
            ]}
          />
        ) : (
          <Alert type="info" showIcon title={t('exchange.own.none')} description={t('exchange.own.noneHint')} />
        )}
      </Card>
      <Card title={t('exchange.peers.title')}>
        <Table<PeerKeyView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={peers}
          locale={{ emptyText: t('exchange.peers.empty') }}
          columns={[
            { key: 'counsel', title: t('exchange.peers.counsel'), render: (_, p) => p.counselName ?? '—' },
            { key: 'name', title: t('exchange.peers.name'), dataIndex: 'name' },
            { key: 'fingerprint', title: t('exchange.peers.fingerprint'), render: (_, p) => <Typography.Text code>{p.fingerprint}</Typography.Text> },
            { key: 'added', title: t('exchange.peers.added'), render: (_, p) => t('exchange.peers.by', { day: day(p.addedAt), who: p.addedBy }) },
            {
              key: 'state',
              title: t('exchange.peers.state'),
              render: (_, p) =>
                p.revokedAt ? <Tag>{t('exchange.peers.revoked', { day: day(p.revokedAt) })}</Tag> : <Tag color="green">{t('exchange.peers.active')}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
