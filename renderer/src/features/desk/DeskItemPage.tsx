/** One item at a counsel's desk: what the office sent (fields, materials, earlier rounds) and the opinions written here. */
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskOpinionView } from '#contract/desk-contract';
import { useApi } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { DeskFiles, DeskStateTag, SecrecyTag } from './shared';

export function DeskItemPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const item = useApi('desk.get', { id });
  if (item.isPending) return <Loading />;
  if (item.isError) return <LoadFailed error={item.error} onRetry={() => void item.refetch()} />;
  const d = item.data;
  const none = t('desk.item.none');
  const blocked = d.state === 'drafted';
  return (
    <>
      <PageHead
        title={
          <Space>
            {d.title}
            <DeskStateTag state={d.state} />
            <SecrecyTag secrecy={d.secrecy} />
          </Space>
        }
        extra={
          <Space>
            <Button onClick={() => navigate(paths.deskTodo)}>{t('desk.item.back')}</Button>
            <Button type="primary" disabled={blocked} title={blocked ? t('desk.item.writeBlocked') : undefined} onClick={() => navigate(paths.deskOpinion(d.id))}>
              {t('desk.item.write')}
            </Button>
          </Space>
        }
      />
      <Card title={t('desk.item.fields')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'serialNo', label: t('desk.todo.columns.serialNo'), children: d.serialNo },
            { key: 'category', label: t('desk.item.category'), children: d.category },
            { key: 'department', label: t('desk.item.department'), children: d.department },
            { key: 'requester', label: t('desk.item.requester'), children: d.requester || none },
            { key: 'receivedOn', label: t('desk.item.receivedOn'), children: d.receivedOn },
            { key: 'assignedOn', label: t('desk.item.assignedOn'), children: d.assignedOn ?? none },
            { key: 'dueOn', label: t('desk.item.dueOn'), children: d.dueOn ?? none },
            { key: 'itemCount', label: t('desk.item.itemCount'), children: d.itemCount },
            { key: 'receivedAt', label: t('desk.item.receivedAt'), children: d.receivedAt.slice(0, 10) },
            { key: 'description', label: t('desk.item.description'), span: 3, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{d.description || none}</Typography.Paragraph> },
          ]}
        />
      </Card>
      <Card title={t('desk.item.materials')} size="small" style={{ marginBottom: 16 }}>
        <DeskFiles files={d.materials} empty={t('desk.item.noMaterials')} />
      </Card>
      <Card title={t('desk.item.rounds')} size="small" style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={d.rounds}
          locale={{ emptyText: t('desk.item.noRounds') }}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space>
                    {t('desk.item.round', { round: r.round, counsel: r.counselName, day: r.issuedOn })}
                    <Tag>{t(`conclusion.${r.conclusion}`)}</Tag>
                  </Space>
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('desk.item.opinions')} size="small">
        <List size="small" dataSource={d.opinions} locale={{ emptyText: t('desk.item.noOpinions') }} renderItem={(o) => <OpinionRow opinion={o} />} />
      </Card>
    </>
  );
}

function OpinionRow({ opinion: o }: { opinion: DeskOpinionView }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space style={{ marginBottom: 4 }}>
          <Typography.Text strong>{o.issuedOn}</Typography.Text>
          <Tag>{t(`conclusion.${o.conclusion}`)}</Tag>
          {o.sentPackageId ? <Tag color="green">{t('desk.item.sent')}</Tag> : <Tag color="orange">{t('desk.item.pending')}</Tag>}
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{o.text}</Typography.Paragraph>
        {o.files.length > 0 ? <DeskFiles files={o.files} empty="" /> : null}
      </div>
    </List.Item>
  );
}
