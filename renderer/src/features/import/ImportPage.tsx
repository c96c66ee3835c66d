/**
 * 导入旧台账: choose a file (parsed in the main process, the page gets a token),
 * check the proposed mapping and the per-row dry run, decide the unknown names,
 * then import all rows in one step; every batch can be undone as a whole.
 */
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Progress, Space, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileInfo, ImportProgress, ImportResult } from '#contract/import-contract';
import type { JobProgress as Progressed } from '#domain/types';
import { call } from '../../api/client';
import { newJobId, useJobProgress } from '../../api/jobs';
import { errorText } from '../../shared/errors';
import { PageHead } from '../../shared/PageState';
import { BatchHistory } from './BatchHistory';
import { CheckStep } from './CheckStep';
import { DoneStep } from './DoneStep';

export type Job = ImportProgress['kind'];

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);

  // leaving the page forgets the parsed file in the main process
  const token = useRef<string | null>(null);
  token.current = file?.token ?? null;
  useEffect(
    () => () => {
      if (token.current) void call('import.discard', { token: token.current }).catch(() => undefined);
    },
    [],
  );

  /** Runs one job at a time (the main process refuses a second one anyway), its progress polled by the job id given to `work`'s call. */
  const run = async <T,>(kind: Job, work: (jobId: string) => Promise<T>): Promise<T | undefined> => {
    if (job) return undefined;
    const id = newJobId();
    setJob(kind);
    setJobId(id);
    try {
      return await work(id);
    } catch (error) {
      void message.error(errorText(error, t));
      return undefined;
    } finally {
      setJob(null);
      setJobId(null);
    }
  };

  const choose = async () => {
    const info = await run('read', (jobId) => call('import.chooseFile', { jobId }));
    if (!info) return;
    if (file) void call('import.discard', { token: file.token }).catch(() => undefined);
    setResult(null);
    setFile(info);
  };

  const discard = () => {
    if (file) void call('import.discard', { token: file.token }).catch(() => undefined);
    setFile(null);
  };

  const saveTemplate = async () => {
    try {
      const saved = await call('import.template', {});
      if (saved) void message.success(t('import.templateSaved', { path: saved.path }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const committed = (r: ImportResult) => {
    setFile(null);
    setResult(r);
    void queryClient.invalidateQueries();
  };

  const undo = async (batchId: number) => {
    const r = await run('undo', (jobId) => call('import.undo', { batchId, jobId }));
    void queryClient.invalidateQueries();
    if (r) void message.success(t('import.batches.undone2', { id: r.batchId, count: r.removed }));
    if (r && result?.batchId === r.batchId) setResult(null);
  };

  const current = result ? 2 : file ? 1 : 0;

  return (
    <>
      <PageHead
        title={t('import.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void saveTemplate()}>
            {t('import.template')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Steps
        current={current}
        style={{ marginBottom: 16 }}
        items={[{ title: t('import.steps.choose') }, { title: t('import.steps.check') }, { title: t('import.steps.done') }]}
      />
      {job ? <JobProgress job={job} progress={progress} /> : null}
      {current === 0 ? (
        <Card size="small">
          <Space orientation="vertical" size={12}>
            <Button type="primary" size="large" icon={<FileExcelOutlined />} loading={job === 'read'} onClick={() => void choose()}>
              {t('import.chooseFile')}
            </Button>
            <Typography.Text type="secondary">{t('import.chooseHint')}</Typography.Text>
          </Space>
        </Card>
      ) : null}
      {file ? <CheckStep key={file.token} file={file} job={job} run={run} onChooseAnother={() => void choose()} onDiscard={discard} onCommitted={committed} /> : null}
      {result ? <DoneStep result={result} busy={job !== null} onAnother={() => void choose()} onUndo={() => void undo(result.batchId)} /> : null}
      <BatchHistory busy={job !== null} onUndo={(id) => void undo(id)} />
    </>
  );
}

function JobProgress({ job, progress }: { job: Job; progress: Progressed | null }) {
  const { t } = useTranslation();
  const title = { read: t('import.reading'), commit: t('import.committing'), undo: t('import.undoing') }[job];
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <Card size="small" style={{ marginBottom: 16 }} role="status" aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      <Progress percent={percent} status="active" aria-label={title} />
      {progress && progress.total > 0 ? <Typography.Text type="secondary">{t('import.progress', { done: progress.done, total: progress.total })}</Typography.Text> : null}
    </Card>
  );
}
