/** What the desk's screens share: the state tag of an item, the secrecy tag, a file's 打开 / 另存为. */
import { Button, List, Space, Tag, Typography } from 'antd';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskFileView, DeskItemState } from '#contract/desk-contract';
import type { Secrecy } from '#domain/secrecy';
import { call } from '../../api/client';
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
        <List.Item
          actions={[
            <Button key="open" size="small" onClick={() => void act('desk.openFile', f.id)}>
              {t('desk.item.open')}
            </Button>,
            <Button key="save" size="small" onClick={() => void act('desk.saveFile', f.id)}>
              {t('desk.item.saveAs')}
            </Button>,
          ]}
        >
          <Space>
            <Typography.Text>{f.fileName}</Typography.Text>
            <Typography.Text type="secondary">{formatSize(f.size)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
