/**
 * 文书模板 (admin): the template of each per-item document, built-in or
 * replaced (when, by whom); 下载当前模板, 替换 with an edited DOCX (checked in the
 * main process: an unknown placeholder is named and nothing is stored) and
 * 恢复默认; and the merge fields a template may use, with their meaning
 * (TEMPLATE_FIELDS, the domain's list the upload is checked against).
 */
import { DownloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TEMPLATE_BYTES, TEMPLATE_FIELDS, type DocumentKind, type TemplateInfo } from '#domain/documents';
import { useApi, useApiMutation } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { formatInstant, formatSize } from '../../shared/format';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { blobToBase64 } from '../attachments/files';

const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

interface FieldRow {
  key: string;
  placeholder: string;
  /** the key of its meaning (documents.templates.meanings): the field, or loop.field */
  meaning: string;
  where: 'all' | 'opinion';
  loop?: string;
}

/** Every placeholder, once: the request form's fields (which the opinion has too), then the opinion's own, then its loops. */
function fieldRows(): FieldRow[] {
  const request = new Set(TEMPLATE_FIELDS.request.fields);
  const { fields, loops } = TEMPLATE_FIELDS.opinion;
  const rows: FieldRow[] = [
    ...TEMPLATE_FIELDS.request.fields.map((f) => ({ key: f, placeholder: `{${f}}`, meaning: f, where: 'all' as const })),
    ...fields.filter((f) => !request.has(f)).map((f) => ({ key: f, placeholder: `{${f}}`, meaning: f, where: 'opinion' as const })),
  ];
  for (const [loop, inner] of Object.entries(loops)) {
    rows.push({ key: loop, placeholder: `{#${loop}} … {/${loop}}`, meaning: loop, where: 'opinion' });
    for (const f of inner) rows.push({ key: `${loop}.${f}`, placeholder: `{${f}}`, meaning: `${loop}.${f}`, where: 'opinion', loop });
  }
  return rows;
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useApi('documents.templates', {});
  const download = useApiMutation('documents.saveTemplate');
  const upload = useApiMutation('documents.uploadTemplate');
  const reset = useApiMutation('documents.resetTemplate');
  const [refused, setRefused] = useState<{ kind: DocumentKind; text: string } | null>(null);

  const replace = async (kind: DocumentKind, file: File) => {
    setRefused(null);
    if (file.size > MAX_TEMPLATE_BYTES) {
      setRefused({ kind, text: t('documents.templates.tooBig', { name: file.name, max: formatSize(MAX_TEMPLATE_BYTES) }) });
      return;
    }
    const key = `template-${kind}`;
    void message.loading({ content: t('documents.templates.uploading', { name: file.name }), key, duration: 0 });
    try {
      const info = await upload.mutateAsync({ kind, fileName: file.name, dataBase64: await blobToBase64(file) });
      void message.success({ content: t('documents.templates.replacedDone', { name: info.name }), key });
    } catch (error) {
      message.destroy(key);
      // the main process names every placeholder it does not know: kept on screen until the next try
      setRefused({ kind, text: errorText(error, t) });
    }
  };

  const columns = [
    { title: t('documents.templates.document'), dataIndex: 'name', key: 'name', width: 200, render: (_: unknown, r: TemplateInfo) => <Typography.Text strong>{r.kind === 'request' ? t('documents.templates.usedForRequest') : t('documents.opinion')}</Typography.Text> },
    { title: t('documents.templates.usedFor'), key: 'for', render: (_: unknown, r: TemplateInfo) => (r.kind === 'request' ? t('documents.templates.usedForRequest') : t('documents.templates.usedForOpinion')) },
    {
      title: t('documents.templates.state'),
      key: 'state',
      render: (_: unknown, r: TemplateInfo) =>
        r.replaced ? (
          <Space direction="vertical" size={0}>
            <Tag color="blue">{t('documents.templates.replaced')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('documents.templates.replacedDetail', { file: r.replaced.fileName, size: formatSize(r.replaced.size), at: formatInstant(r.replaced.uploadedAt), by: r.replaced.uploadedByName })}
            </Typography.Text>
          </Space>
        ) : (
          <Tag>{t('documents.templates.builtIn')}</Tag>
        ),
    },
    {
      title: t('documents.templates.actions'),
      key: 'actions',
      width: 330,
      render: (_: unknown, r: TemplateInfo) => (
        <Space wrap size={6}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={download.isPending && download.variables?.kind === r.kind}
            onClick={() =>
              void download.mutateAsync({ kind: r.kind }).then(
                (saved) => saved && void message.success(t('documents.templates.downloaded', { name: baseName(saved.path) })),
                (error: unknown) => void message.error(errorText(error, t)),
              )
            }
          >
            {t('documents.templates.download')}
          </Button>
          <Upload
            accept=".docx"
            showUploadList={false}
            beforeUpload={(file) => {
              void replace(r.kind, file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending && upload.variables?.kind === r.kind} data-testid={`template-replace-${r.kind}`}>
              {t('documents.templates.replace')}
            </Button>
          </Upload>
          <Popconfirm
            title={t('documents.templates.resetConfirm')}
            onConfirm={() =>
              reset.mutateAsync({ kind: r.kind }).then(
                (info) => void message.success(t('documents.templates.resetDone', { name: info.name })),
                (error: unknown) => void message.error(errorText(error, t)),
              )
            }
          >
            <Button size="small" icon={<RollbackOutlined />} disabled={!r.replaced}>
              {t('documents.templates.reset')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const meanings = t('documents.templates.meanings', { returnObjects: true }) as Record<string, string>;
  const fields = fieldRows();

  return (
    <>
      <PageHead title={t('documents.templates.title')} />
      <Alert type="info" showIcon title={t('documents.templates.hint')} style={{ marginBottom: 16 }} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Table<TemplateInfo> rowKey="kind" size="middle" pagination={false} columns={columns} dataSource={list.data} data-testid="templates-table" />
          {refused ? (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setRefused(null)}
              title={t('documents.templates.refused')}
              description={refused.text}
              style={{ marginTop: 12 }}
              data-testid="template-refused"
            />
          ) : null}
        </Card>
      )}
      <Card size="small" title={t('documents.templates.fields')}>
        <Typography.Paragraph type="secondary">{t('documents.templates.fieldsHint')}</Typography.Paragraph>
        <Table<FieldRow>
          rowKey="key"
          size="small"
          pagination={false}
          data-testid="template-fields"
          dataSource={fields}
          columns={[
            {
              title: t('documents.templates.placeholder'),
              key: 'placeholder',
              width: 260,
              render: (_: unknown, f) => <Typography.Text code style={f.loop ? { marginLeft: 24 } : undefined}>{f.placeholder}</Typography.Text>,
            },
            {
              title: t('documents.templates.meaning'),
              key: 'meaning',
              render: (_: unknown, f) => (
                <>
                  {meanings[f.meaning] ?? ''}
                  {f.loop ? <Typography.Text type="secondary">{t('documents.templates.inLoop', { loop: f.loop })}</Typography.Text> : null}
                </>
              ),
            },
            { title: t('documents.templates.where'), key: 'where', width: 160, render: (_: unknown, f) => (f.where === 'all' ? t('documents.templates.whereAll') : t('documents.templates.whereOpinion')) },
          ]}
        />
      </Card>
    </>
  );
}
