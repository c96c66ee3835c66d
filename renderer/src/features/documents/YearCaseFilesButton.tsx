/**
 * 导出全年卷宗 (on 年度统计): the case file of every item of the chosen year, by
 * serial number, in a folder the user chooses through the main process's
 * dialog (documents.yearCaseFiles); a progress dialog, fed by jobs.progress,
 * while the items are written.
 */
import { FolderOpenOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useCan } from '../../api/hooks';
import { newJobId, useJobProgress } from '../../api/jobs';
import { errorText } from '../../shared/errors';

/** `year`: the report's year; null for a custom range (the button asks for a year then). */
export function YearCaseFilesButton({ year }: { year: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const run = useApiMutation('documents.yearCaseFiles');
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);
  if (!can('documents.yearCaseFiles')) return null;

  const start = async (y: number) => {
    const id = newJobId();
    setJobId(id);
    try {
      const saved = await run.mutateAsync({ year: y, jobId: id });
      if (saved) void message.success({ content: t('documents.yearCaseFilesSaved', { year: y, count: saved.items, path: saved.path }), duration: 8 });
    } catch (error) {
      void message.error(errorText(error, t), 8);
    } finally {
      setJobId(null);
    }
  };

  // shown once the writing has started: before that the folder dialog is up
  const open = Boolean(progress && !progress.finished && year !== null);
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <Tooltip title={year === null ? t('documents.yearCaseFilesNoYear') : t('documents.yearCaseFilesHint', { year })}>
        <Button icon={<FolderOpenOutlined />} disabled={year === null} loading={run.isPending} onClick={() => year !== null && void start(year)} className="report-no-print">
          {t('documents.yearCaseFiles')}
        </Button>
      </Tooltip>
      <Modal open={open} title={t('documents.yearCaseFilesRunning', { year })} footer={null} closable={false} maskClosable={false} keyboard={false} width={420}>
        <Progress percent={percent} status="active" aria-label={t('documents.yearCaseFilesRunning', { year })} />
        <Typography.Text type="secondary">{progress ? `${progress.done} / ${progress.total}` : ''}</Typography.Text>
      </Modal>
    </>
  );
}
