/** 生成回复包: every opinion not yet sent, encrypted to the office and signed here, saved where the owner chooses. */
import { Alert, Button, Card, Form, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { formatHash, navigate, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { DoneCard, OwnerPasswordForm } from './shared';

export function DeskReplyPage() {
  const { t } = useTranslation();
  const list = useApi('desk.list', {});
  const status = useApi('desk.status', {});
  const make = useApiMutation('desk.makeReply');
  const [made, setMade] = useState<{ file: string; opinions: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ password: string }>();
  const { busy, run } = useSubmitGuard();
  if (list.isPending || status.isPending) return <Loading />;
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  if (status.isError) return <LoadFailed error={status.error} onRetry={() => void status.refetch()} />;
  const pending = list.data.filter((i) => i.state === 'drafted');

  const submit = (v: { password: string }) =>
    void run(async () => {
      setError(null);
      try {
        const r = await make.mutateAsync({ password: v.password });
        form.resetFields();
        if (r) setMade(r);
        else setError(t('desk.reply.cancelled'));
      } catch (e) {
        setError(errorText(e, t));
      }
    });

  return (
    <>
      <PageHead title={t('desk.reply.title')} />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      {made ? (
        <DoneCard
          title={t('desk.reply.done', { count: made.opinions })}
          subTitle={<Typography.Text copyable>{t('desk.reply.file', { file: made.file })}</Typography.Text>}
          extra={<Button onClick={() => navigate(paths.deskTodo)}>{t('desk.open.toTodo')}</Button>}
        />
      ) : null}
      <Card style={{ maxWidth: 900 }}>
        <Typography.Paragraph type="secondary">{t('desk.reply.intro')}</Typography.Paragraph>
        {status.data.office ? null : <Alert type="warning" showIcon title={t('desk.reply.noOffice')} style={{ marginBottom: 16 }} />}
        <Typography.Title level={5}>{t('desk.reply.pending')}</Typography.Title>
        <List
          size="small"
          bordered
          dataSource={pending}
          locale={{ emptyText: t('desk.reply.none') }}
          style={{ marginBottom: 16 }}
          renderItem={(i) => (
            <List.Item>
              <Space>
                <Typography.Text type="secondary">{i.serialNo}</Typography.Text>
                <a href={formatHash(paths.deskItem(i.id))}>{i.title}</a>
                <Tag color="orange">{t('desk.state.drafted')}</Tag>
              </Space>
            </List.Item>
          )}
        />
        {pending.length > 0 && status.data.office ? (
          <OwnerPasswordForm form={form} onFinish={submit} busy={busy} submit={t('desk.reply.submit')} />
        ) : null}
      </Card>
    </>
  );
}
