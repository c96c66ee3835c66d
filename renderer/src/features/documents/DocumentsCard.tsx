/**
 * 文书与卷宗 on an item's page: its request form, an opinion document per
 * round (the latest first), and the case file (卷宗) as one ZIP; each is saved
 * where the user chooses (documents.* methods; the main process checks who may).
 */
import { DownOutlined, FileWordOutlined, FolderOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { useApiMutation, useCan } from '../../api/hooks';
import { errorText } from '../../shared/errors';

const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

export function DocumentsCard({ detail }: { detail: ConsultationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const save = useApiMutation('documents.save');
  const caseFile = useApiMutation('documents.caseFile');
  if (!can('documents.save')) return null;

  const run = async <T extends { path: string } | null>(what: () => Promise<T>, done: (r: NonNullable<T>) => string) => {
    try {
      const r = await what();
      if (r) void message.success(done(r as NonNullable<T>));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  const saveDoc = (kind: 'request' | 'opinion', round?: number) =>
    void run(() => save.mutateAsync({ id: detail.id, kind, ...(round ? { round } : {}) }), (r) => t('documents.saved', { name: baseName(r.path) }));
  const rounds = [...detail.opinions].reverse();
  return (
    <Space wrap size={8} data-testid="documents-card">
      <Tooltip title={t('documents.requestFormHint')}>
        <Button icon={<FileWordOutlined />} loading={save.isPending && save.variables?.kind === 'request'} onClick={() => saveDoc('request')}>
          {t('documents.requestForm')}
        </Button>
      </Tooltip>
      <Tooltip title={rounds.length === 0 ? t('documents.noOpinion') : t('documents.opinionHint')}>
        <Space.Compact>
          <Button icon={<FileWordOutlined />} disabled={rounds.length === 0} loading={save.isPending && save.variables?.kind === 'opinion'} onClick={() => saveDoc('opinion', rounds[0]?.round)}>
            {t('documents.opinion')}
          </Button>
          <Dropdown
            disabled={rounds.length === 0}
            menu={{ items: rounds.map((o) => ({ key: String(o.round), label: t('documents.opinionRound', { round: o.round }) })), onClick: ({ key }) => saveDoc('opinion', Number(key)) }}
          >
            <Button icon={<DownOutlined />} disabled={rounds.length === 0} aria-label={t('documents.opinionRounds')} />
          </Dropdown>
        </Space.Compact>
      </Tooltip>
      {can('documents.caseFile') ? (
        <Tooltip title={t('documents.caseFileHint')}>
          <Button
            icon={<FolderOutlined />}
            loading={caseFile.isPending}
            onClick={() => void run(() => caseFile.mutateAsync({ id: detail.id }), (r) => t('documents.caseFileSaved', { count: r.files, name: baseName(r.path) }))}
          >
            {t('documents.caseFile')}
          </Button>
        </Tooltip>
      ) : null}
    </Space>
  );
}
