/**
 * 导出: XLSX / CSV / DOCX through the platform's save dialog (reports.export),
 * with a progress dialog fed by jobs.progress (api/jobs.ts) while the export runs, and
 * 导出 PDF (reports.pdf: the desktop renders the page through the print
 * stylesheet, A4) and 打印 through the print dialog.
 */
import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Space, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportResult } from '#contract/reports-contract';
import type { JobProgress } from '#domain/types';
import { call } from '../../api/client';
import { useCan } from '../../api/hooks';
import { newJobId, useJobProgress } from '../../api/jobs';
import { errorText } from '../../shared/errors';
import { printSizeCharts } from './charts/print-size';
import type { PeriodInput } from './period';

interface Running {
  format: ExportFormat;
  jobId: string;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function ProgressDialog({ progress: p }: { progress: JobProgress | null }) {
  const { t } = useTranslation();
  // shown once the export has started: before that the save dialog is up
  const open = Boolean(p && !p.finished);
  const percent = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  const text =
    !p || p.phase === 'reading'
      ? t('reports.export.reading')
      : p.phase === 'writing' && p.done < p.total
        ? t('reports.export.writing', { done: p.done, total: p.total })
        : t('reports.export.finishing');
  return (
    <Modal open={open} title={t('reports.export.progressTitle')} footer={null} closable={false} maskClosable={false} keyboard={false} width={420}>
      <Progress percent={percent} status="active" aria-label={t('reports.export.progressTitle')} />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Modal>
  );
}

export function ExportButtons({ period, disabled }: { period: PeriodInput; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [running, setRunning] = useState<Running | null>(null);
  const progress = useJobProgress(running?.jobId ?? null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const run = async (format: ExportFormat) => {
    const jobId = newJobId();
    setRunning({ format, jobId });
    let result: ExportResult | null = null;
    try {
      result = await call('reports.export', { ...period, format, jobId });
    } catch (error) {
      message.error(t('reports.export.failed', { reason: errorText(error, t) }));
    } finally {
      if (alive.current) setRunning(null);
    }
    // null: the save dialog was cancelled, nothing to say
    if (result) {
      message.success({
        content: (
          <span className="report-export-done">
            <b>{t('reports.export.done', { file: fileName(result.path) })}</b>
            <br />
            <span>{t('reports.export.doneDetail', { rows: result.rows, path: result.path })}</span>
          </span>
        ),
        duration: 8,
      });
    }
  };

  const [pdfPending, setPdfPending] = useState(false);
  const savePdf = async () => {
    setPdfPending(true);
    try {
      await printSizeCharts(true);
      const saved = await call('reports.pdf', period).finally(() => void printSizeCharts(false));
      if (saved) message.success({ content: t('reports.export.pdfDone', { file: fileName(saved.path), path: saved.path }), duration: 8 });
    } catch (error) {
      message.error(t('reports.export.failed', { reason: errorText(error, t) }));
    } finally {
      if (alive.current) setPdfPending(false);
    }
  };

  const busy = running !== null || pdfPending;
  const allowed = can('reports.export') && !disabled;
  const button = (format: ExportFormat, icon: ReactNode, label: string, hint: string) => (
    <Tooltip title={hint}>
      <Button icon={icon} onClick={() => void run(format)} disabled={!allowed || busy} loading={running?.format === format}>
        {label}
      </Button>
    </Tooltip>
  );

  return (
    <Space wrap className="report-no-print">
      {button('xlsx', <FileExcelOutlined />, t('reports.export.xlsx'), t('reports.export.xlsxHint'))}
      {button('csv', <FileTextOutlined />, t('reports.export.csv'), t('reports.export.csvHint'))}
      {button('docx', <FileWordOutlined />, t('reports.export.docx'), t('reports.export.docxHint'))}
      <Tooltip title={t('reports.export.pdfHint')}>
        <Button icon={<FilePdfOutlined />} onClick={() => void savePdf()} disabled={!allowed || busy} loading={pdfPending}>
          {t('reports.export.pdf')}
        </Button>
      </Tooltip>
      <Tooltip title={t('reports.export.printHint')}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={disabled}>
          {t('reports.export.print')}
        </Button>
      </Tooltip>
      <ProgressDialog progress={progress} />
    </Space>
  );
}
