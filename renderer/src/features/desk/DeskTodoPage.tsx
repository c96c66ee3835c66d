/** 我的待办 at a counsel's desk: every item the 送审包 brought, with where it stands; the desk's home screen. */
import { Button, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskItemRow } from '#contract/desk-contract';
import { useApi } from '../../api/hooks';
import { formatHash, navigate, paths } from '../../router/hash';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { RowsTable } from '../../shared/RowsTable';
import { DeskStateTag, NoOfficeKey, SecrecyTag } from './shared';

export function DeskTodoPage() {
  const { t } = useTranslation();
  const list = useApi('desk.list', {});
  const status = useApi('desk.status', {});
  if (list.isPending || status.isPending) return <Loading />;
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  if (status.isError) return <LoadFailed error={status.error} onRetry={() => void status.refetch()} />;
  const { counts, office } = status.data;
  const open = (
    <Button type="primary" onClick={() => navigate(paths.deskOpen)}>
      {t('desk.todo.openPackage')}
    </Button>
  );
  return (
    <>
      <PageHead title={t('desk.todo.title')} extra={open} />
      {office ? null : <NoOfficeKey />}
      {list.data.length === 0 ? (
        <Empty description={<><div>{t('desk.todo.empty')}</div><Typography.Text type="secondary">{t('desk.todo.emptyHint')}</Typography.Text></>} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('desk.todo.summary', { total: list.data.length, todo: counts.todo, drafted: counts.drafted, replied: counts.replied })}
          </Typography.Paragraph>
          <RowsTable<DeskItemRow>
            size="middle"
            rows={list.data}
            columns={[
              { key: 'serialNo', title: t('desk.todo.columns.serialNo'), dataIndex: 'serialNo', width: 150 },
              {
                key: 'title',
                title: t('desk.todo.columns.title'),
                render: (_, r) => (
                  <>
                    <a href={formatHash(paths.deskItem(r.id))}>{r.title}</a> <SecrecyTag secrecy={r.secrecy} />
                  </>
                ),
              },
              { key: 'department', title: t('desk.todo.columns.department'), dataIndex: 'department', width: 140 },
              { key: 'receivedOn', title: t('desk.todo.columns.receivedOn'), dataIndex: 'receivedOn', width: 120 },
              { key: 'dueOn', title: t('desk.todo.columns.dueOn'), render: (_, r) => r.dueOn ?? '—', width: 120 },
              { key: 'state', title: t('desk.todo.columns.state'), render: (_, r) => <DeskStateTag state={r.state} />, width: 100 },
            ]}
          />
        </>
      )}
    </>
  );
}
