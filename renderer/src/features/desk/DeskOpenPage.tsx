/**
 * 打开送审包: the file is chosen in the main process (the page gets a token, never a path), then
 * opened with the owner's password. A package opened before is refused with the day it was
 * opened; a later package updates the items it carries. What each item became is listed.
 */
import { Alert, Button, Card, Form, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskPackageFile, OpenedPackageView } from '#contract/desk-contract';
import { call } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { formatSize } from '../../shared/format';
import { PageHead } from '../../shared/PageState';
import { RowsTable } from '../../shared/RowsTable';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { DoneCard, NoOfficeKey, OwnerPasswordForm } from './shared';

const STATUS_COLOR = { new: 'blue', updated: 'orange', unchanged: 'default' } as const;

export function DeskOpenPage() {
  const { t } = useTranslation();
  const status = useApi('desk.status', {});
  const openPackage = useApiMutation('desk.openPackage');
  const [file, setFile] = useState<DeskPackageFile | null>(null);
  const [opened, setOpened] = useState<OpenedPackageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ password: string }>();
  const { busy, run } = useSubmitGuard();

  const choose = () =>
    void run(async () => {
      setError(null);
      try {
        const chosen = await call('desk.choosePackage', {});
        if (chosen) {
          setFile(chosen);
          setOpened(null);
        }
      } catch (e) {
        setError(errorText(e, t));
      }
    });

  const submit = (v: { password: string }) =>
    void run(async () => {
      if (!file) return;
      setError(null);
      try {
        setOpened(await openPackage.mutateAsync({ token: file.token, password: v.password }));
        setFile(null);
        form.resetFields();
      } catch (e) {
        // the token stays valid (it is spent only by a package that opened): a wrong password can be typed again
        setError(errorText(e, t));
      }
    });

  const count = (s: 'new' | 'updated' | 'unchanged') => opened?.items.filter((i) => i.status === s).length ?? 0;
  return (
    <>
      <PageHead title={t('desk.open.title')} />
      {status.data && !status.data.office ? <NoOfficeKey /> : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      {opened ? (
        <DoneCard
          title={t('desk.open.done', { office: opened.office })}
          subTitle={t('desk.open.result', { added: count('new'), updated: count('updated'), unchanged: count('unchanged') })}
          extra={<Button type="primary" onClick={() => navigate(paths.deskTodo)}>{t('desk.open.toTodo')}</Button>}
        >
          <RowsTable
            size="small"
            rows={opened.items}
            columns={[
              { key: 'serialNo', title: t('desk.todo.columns.serialNo'), dataIndex: 'serialNo', width: 160 },
              { key: 'title', title: t('desk.todo.columns.title'), dataIndex: 'title' },
              { key: 'status', title: t('desk.todo.columns.state'), width: 120, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`desk.open.status.${r.status}`)}</Tag> },
            ]}
          />
        </DoneCard>
      ) : null}
      <Card style={{ maxWidth: 720 }}>
        <Typography.Paragraph type="secondary">{t('desk.open.intro')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Button onClick={choose} disabled={busy}>
              {t('desk.open.choose')}
            </Button>
            {file ? <Typography.Text>{t('desk.open.chosen', { name: file.fileName, size: formatSize(file.size) })}</Typography.Text> : null}
          </Space>
          {file ? <OwnerPasswordForm form={form} onFinish={submit} busy={busy} submit={t('desk.open.submit')} /> : null}
        </Space>
      </Card>
    </>
  );
}
