/** What the desk's screens share: the state tag of an item, the secrecy tag, a file's row and its 打开 / 另存为, the missing office key, the owner's password, a step's success. */
import { Alert, App, Button, Card, Form, Input, List, Result, Space, Tag, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskFileView, DeskItemState } from '#contract/desk-contract';
import type { Secrecy } from '#domain/secrecy';
import { call } from '../../api/client';
import { navigate, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { formatSize } from '../../shared/format';

const STATE_COLOR: Record<DeskItemState, string> = { todo: 'blue', drafted: 'orange', replied: 'green' };

export function DeskStateTag({ state }: { state: DeskItemState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`desk.state.${state}`)}</Tag>;
}

export function SecrecyTag({ secrecy }: { secrecy: Secrecy }) {
  const { t } = useTranslation();
  return secrecy === 'workSecret' ? <Tag color="orange">{t('entry.secrecy.level.workSecret')}</Tag> : null;
}

/** A list of files kept at the desk, each with 打开 and 另存为 (done in the main process; nothing here names a path). */
export function DeskFiles({ files, empty }: { files: readonly DeskFileView[]; empty: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = async (method: 'desk.openFile' | 'desk.saveFile', id: number) => {
    try {
      const r = await call(method, { id });
      if ('saved' in r && r.saved) void message.success(t('desk.item.saved'));
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };
  return (
    <List
      size="small"
      dataSource={files as DeskFileView[]}
      locale={{ emptyText: empty }}
      renderItem={(f) => (
        <FileItem
          name={f.fileName}
          size={f.size}
          actions={[
            <Button key="open" size="small" onClick={() => void act('desk.openFile', f.id)}>
              {t('desk.item.open')}
            </Button>,
            <Button key="save" size="small" onClick={() => void act('desk.saveFile', f.id)}>
              {t('desk.item.saveAs')}
            </Button>,
          ]}
        />
      )}
    />
  );
}

/** A file in a list: its name and size, and the row's buttons. */
export function FileItem({ name, size, actions }: { name: string; size: number; actions: ReactNode[] }) {
  return (
    <List.Item actions={actions}>
      <Space>
        <Typography.Text>{name}</Typography.Text>
        <Typography.Text type="secondary">{formatSize(size)}</Typography.Text>
      </Space>
    </List.Item>
  );
}

/** What a step made: a success card with the way on (and, under it, what the step touched). */
export function DoneCard({ title, subTitle, extra, children }: { title: ReactNode; subTitle: ReactNode; extra: ReactNode; children?: ReactNode }) {
  return (
    <Card style={{ marginBottom: 16 }}>
      <Result status="success" title={title} subTitle={subTitle} extra={extra} />
      {children}
    </Card>
  );
}

/** The office's key is not paired yet: nothing can be opened or sent; a way to 密钥与配对. */
export function NoOfficeKey() {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('desk.todo.noOffice')}
      action={<Button size="small" onClick={() => navigate(paths.deskKeys)}>{t('desk.todo.goKeys')}</Button>}
    />
  );
}

/** The owner's password (it unseals the desk's keys) and the step's button, on one line. */
export function OwnerPasswordForm({ form, onFinish, busy, submit }: { form: FormInstance<{ password: string }>; onFinish: (v: { password: string }) => void; busy: boolean; submit: string }) {
  const { t } = useTranslation();
  const label = t('desk.open.password');
  return (
    <Form form={form} layout="inline" onFinish={onFinish}>
      <Form.Item name="password" label={label} rules={[{ required: true, message: t('validation.required', { field: label }) }]}>
        <Input.Password autoComplete="current-password" style={{ width: 240 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {submit}
      </Button>
    </Form>
  );
}
