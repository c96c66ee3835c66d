/**
 * The opinion form at a counsel's desk: conclusion, date, text (the office's own fields, OpinionFields)
 * and attachments such as the signed PDF. Saved here; it goes to the office with the next 回复包.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, List, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DESK_OPINION_FILES } from '#domain/ends';
import type { Conclusion } from '#domain/types';
import { useApi, useApiMutation, useAppInfo } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { applyIssues, errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { discardUnsavedChanges, useUnsavedChanges } from '../../shared/unsaved';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { blobToBase64, MAX_ATTACHMENT_BYTES, tooBig } from '../attachments/files';
import { OpinionFields } from '../consultation/actions/StepDialogs';
import { FileItem } from './shared';

interface Values {
  conclusion?: Conclusion;
  issuedOn: string | null;
  text: string;
}

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

export function DeskOpinionPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const item = useApi('desk.get', { id });
  const today = useAppInfo().data?.today;
  const add = useApiMutation('desk.addOpinion');
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSubmitGuard();
  useUnsavedChanges(dirty);

  if (item.isPending || !today) return <Loading />;
  if (item.isError) return <LoadFailed error={item.error} onRetry={() => void item.refetch()} />;
  const d = item.data;

  const pick = (file: File) => {
    if (tooBig(file)) void message.error(t('desk.opinion.tooBig', { name: file.name, mb: MB }), 6);
    else if (files.length >= MAX_DESK_OPINION_FILES) void message.error(t('desk.opinion.tooMany', { max: MAX_DESK_OPINION_FILES }));
    else {
      setFiles((f) => [...f, file]);
      setDirty(true);
    }
    return false; // nothing is uploaded until the opinion is saved
  };

  const submit = (v: Values) =>
    void run(async () => {
      setError(null);
      try {
        const encoded = await Promise.all(files.map(async (f) => ({ fileName: f.name, dataBase64: await blobToBase64(f) })));
        await add.mutateAsync({ itemId: d.id, conclusion: v.conclusion ?? 'advisory', text: v.text, issuedOn: v.issuedOn ?? '', files: encoded });
        setDirty(false);
        discardUnsavedChanges(); // saved: leaving now is not leaving unsaved changes
        void message.success(t('desk.opinion.saved'));
        navigate(paths.deskItem(d.id), undefined, { replace: true });
      } catch (e) {
        if (!applyIssues(form, e, ['conclusion', 'text', 'issuedOn'])) setError(errorText(e, t));
      }
    });

  return (
    <>
      <PageHead title={t('desk.opinion.title', { title: d.title })} />
      <Card size="small" style={{ maxWidth: 900 }}>
        {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> form={form} layout="vertical" initialValues={{ issuedOn: today, text: '' }} onValuesChange={() => setDirty(true)} onFinish={submit}>
          <OpinionFields today={today} receivedOn={d.assignedOn ?? d.receivedOn} />
          <Form.Item label={t('desk.opinion.files')} extra={t('desk.opinion.filesHint', { mb: MB, max: MAX_DESK_OPINION_FILES })}>
            <Upload.Dragger multiple showUploadList={false} beforeUpload={pick} aria-label={t('desk.opinion.drop')}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('desk.opinion.drop')}</p>
            </Upload.Dragger>
            {files.length > 0 ? (
              <List
                size="small"
                dataSource={files}
                renderItem={(f, i) => (
                  <FileItem
                    name={f.name}
                    size={f.size}
                    actions={[
                      <Button key="remove" size="small" type="link" onClick={() => setFiles((all) => all.filter((_, j) => j !== i))}>
                        {t('desk.opinion.remove')}
                      </Button>,
                    ]}
                  />
                )}
              />
            ) : null}
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('desk.opinion.submit')}
            </Button>
            <Button onClick={() => navigate(paths.deskItem(d.id))}>{t('desk.opinion.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
