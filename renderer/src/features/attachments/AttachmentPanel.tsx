/**
 * 材料（附件）of a consultation, or of one opinion: the list (open, save as,
 * remove to the trash), a drop zone (the page reads the dropped file and sends
 * its bytes) and 选择文件 (the app's own file dialog, which reads the file in the
 * main process).
 */
import {
  DeleteOutlined,
  DownloadOutlined,
  ExportOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  InboxOutlined,
  PaperClipOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { App, Button, Collapse, Empty, List, Popconfirm, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '#domain/types';
import { isCounselOnly, useApiMutation, useCan, useRoles } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { formatInstant, formatSize } from '../../shared/format';
import { useSession } from '../session/context';
import { blobToBase64, fileKind, MAX_ATTACHMENT_BYTES, tooBig, type FileKind } from './files';

const ICON: Record<FileKind, ReactNode> = {
  pdf: <FilePdfOutlined style={{ color: '#cf1322' }} />,
  word: <FileWordOutlined style={{ color: '#1f5fbf' }} />,
  excel: <FileExcelOutlined style={{ color: '#389e0d' }} />,
  image: <FileImageOutlined style={{ color: '#d46b08' }} />,
  text: <FileTextOutlined />,
  archive: <FileZipOutlined />,
  other: <FileOutlined />,
};

interface Props {
  consultationId: number;
  /** set: the opinion's own materials (with its round, for the panel's name) */
  opinionId?: number;
  round?: number;
  attachments: Attachment[];
  /** the removed ones, offered for restore (the consultation's panel only) */
  trashed?: Attachment[];
  /** adding is possible (the item is not in the trash) */
  open: boolean;
  compact?: boolean;
}

export function AttachmentPanel({ consultationId, opinionId, round, attachments, trashed = [], open, compact }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useSession().user;
  const counselOnly = isCounselOnly(useRoles());
  const upload = useApiMutation('attachments.upload');
  const pick = useApiMutation('attachments.pick');
  const mayAdd = open && can('attachments.upload');
  // counsel may remove only what they attached themselves (the service enforces it too)
  const mayRemove = (a: Attachment) => can('attachments.remove') && (!counselOnly || a.createdBy === me.username);

  const send = async (file: File) => {
    if (tooBig(file)) {
      void message.error(t('attachments.tooBig', { name: file.name, size: formatSize(file.size), max: formatSize(MAX_ATTACHMENT_BYTES) }), 6);
      return;
    }
    const key = `upload-${file.name}-${file.size}`;
    void message.loading({ content: t('attachments.uploading', { name: file.name }), key, duration: 0 });
    try {
      const dataBase64 = await blobToBase64(file);
      const added = await upload.mutateAsync({ consultationId, ...(opinionId ? { opinionId } : {}), fileName: file.name, dataBase64 });
      // the name as stored: the service removes invisible characters, reserved names, trailing dots and spaces
      const renamed = added.fileName !== file.name;
      void message.success({ content: t(renamed ? 'attachments.addedRenamed' : 'attachments.added', { name: added.fileName }), key, duration: renamed ? 6 : undefined });
    } catch (error) {
      void message.error({ content: errorText(error, t), key, duration: 6 });
    }
  };

  const choose = async () => {
    try {
      const added = await pick.mutateAsync({ consultationId, ...(opinionId ? { opinionId } : {}) });
      if (added.length > 0) void message.success(t('attachments.addedCount', { count: added.length }));
    } catch (error) {
      void message.error(errorText(error, t), 6);
    }
  };

  const label = opinionId ? t('attachments.dropOpinion') : t('attachments.drop');
  return (
    <section className="attachment-panel" aria-label={opinionId ? t('attachments.opinionFiles', { round }) : t('attachments.itemFiles')}>
      <AttachmentList attachments={attachments} mayRemove={mayRemove} compact={compact} />
      {mayAdd ? (
        <Upload.Dragger
          multiple
          hasControlInside
          showUploadList={false}
          openFileDialogOnClick={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          className={compact ? 'attachment-drop compact' : 'attachment-drop'}
        >
          <Space size={12} wrap className="attachment-drop-content">
            {compact ? <PaperClipOutlined /> : <InboxOutlined className="attachment-drop-icon" />}
            <span>{label}</span>
            <Button size={compact ? 'small' : 'middle'} loading={pick.isPending} onClick={() => void choose()}>
              {t('attachments.choose')}
            </Button>
          </Space>
          {compact ? null : <div className="attachment-drop-hint">{t('attachments.limit', { max: formatSize(MAX_ATTACHMENT_BYTES) })}</div>}
        </Upload.Dragger>
      ) : null}
      {trashed.length > 0 ? <TrashedAttachments trashed={trashed} mayRestore={mayRemove} /> : null}
    </section>
  );
}

function AttachmentList({ attachments, mayRemove, compact }: { attachments: Attachment[]; mayRemove(a: Attachment): boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const openIt = useApiMutation('attachments.open');
  const saveAs = useApiMutation('attachments.saveAs');
  const remove = useApiMutation('attachments.remove');

  const run = async (what: () => Promise<unknown>, done?: string) => {
    try {
      const r = await what();
      if (done && !(r && typeof r === 'object' && 'saved' in r && r.saved === false)) void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  if (attachments.length === 0) {
    return compact ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} style={{ margin: '8px 0' }} />;
  }
  return (
    <List
      size="small"
      className="attachment-list"
      dataSource={attachments}
      renderItem={(a) => (
        <List.Item
          actions={[
            // a file that is not a document or image the app may open (the service judged its content): no 打开, and 另存为 warns first
            ...(a.openable
              ? [
                  <Tooltip key="open" title={t('attachments.open')}>
                    <Button type="text" size="small" icon={<ExportOutlined />} aria-label={t('attachments.openNamed', { name: a.fileName })} onClick={() => void run(() => openIt.mutateAsync({ id: a.id }))} />
                  </Tooltip>,
                  <Tooltip key="save" title={t('attachments.saveAs')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<DownloadOutlined />}
                      aria-label={t('attachments.saveAsNamed', { name: a.fileName })}
                      onClick={() => void run(() => saveAs.mutateAsync({ id: a.id }), t('attachments.saved', { name: a.fileName }))}
                    />
                  </Tooltip>,
                ]
              : [
                  <Popconfirm
                    key="save"
                    title={t('attachments.saveOnlyConfirm', { name: a.fileName })}
                    okText={t('attachments.saveAs')}
                    cancelText={t('common.cancel')}
                    icon={<WarningOutlined style={{ color: 'var(--ant-color-warning)' }} />}
                    styles={{ root: { maxWidth: 360 } }}
                    onConfirm={() => run(() => saveAs.mutateAsync({ id: a.id }), t('attachments.saved', { name: a.fileName }))}
                  >
                    <Tooltip title={t('attachments.saveAs')}>
                      <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={t('attachments.saveAsNamed', { name: a.fileName })} />
                    </Tooltip>
                  </Popconfirm>,
                ]),
            ...(mayRemove(a)
              ? [
                  <Popconfirm
                    key="remove"
                    title={t('attachments.removeConfirm', { name: a.fileName })}
                    okText={t('attachments.remove')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => run(() => remove.mutateAsync({ id: a.id }), t('attachments.removed', { name: a.fileName }))}
                  >
                    <Tooltip title={t('attachments.remove')}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('attachments.removeNamed', { name: a.fileName })} />
                    </Tooltip>
                  </Popconfirm>,
                ]
              : []),
          ]}
        >
          <List.Item.Meta
            avatar={ICON[fileKind(a.fileName)]}
            title={
              a.openable ? (
                <Typography.Link onClick={() => void run(() => openIt.mutateAsync({ id: a.id }))} className="attachment-name">
                  {a.fileName}
                </Typography.Link>
              ) : (
                <Space size={6} wrap>
                  <Typography.Text className="attachment-name">{a.fileName}</Typography.Text>
                  <Tooltip title={t('attachments.saveOnlyHint')}>
                    <Tag color="warning" icon={<WarningOutlined />}>
                      {t('attachments.saveOnly')}
                    </Tag>
                  </Tooltip>
                </Space>
              )
            }
            description={
              <span className="nowrap">
                {t('attachments.meta', { size: formatSize(a.size), at: formatInstant(a.createdAt), by: a.createdByName })}
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}

function TrashedAttachments({ trashed, mayRestore }: { trashed: Attachment[]; mayRestore(a: Attachment): boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const restore = useApiMutation('attachments.restore');
  const onRestore = async (a: Attachment) => {
    try {
      await restore.mutateAsync({ id: a.id });
      void message.success(t('attachments.restored', { name: a.fileName }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 8 }}
      items={[
        {
          key: 'trashed',
          label: t('attachments.trashed', { count: trashed.length }),
          children: (
            <List
              size="small"
              dataSource={trashed}
              renderItem={(a) => (
                <List.Item
                  actions={
                    mayRestore(a)
                      ? [
                          <Button key="restore" size="small" icon={<UndoOutlined />} onClick={() => void onRestore(a)} aria-label={t('attachments.restoreNamed', { name: a.fileName })}>
                            {t('action.restore')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Typography.Text delete type="secondary">
                    {a.fileName}
                  </Typography.Text>
                  <Typography.Text type="secondary" className="nowrap">
                    {t('attachments.removedAt', { at: formatInstant(a.trashedAt) })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}
