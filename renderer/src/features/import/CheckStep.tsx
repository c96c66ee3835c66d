/**
 * Step 2: the dry run. Every change of the mapping or of a name's resolution
 * asks the main process for a new plan of the same file; the import button is
 * enabled only when the plan has no errors (all rows or none).
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Checkbox, Descriptions, InputNumber, Select, Space, Spin, Statistic } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileInfo, ImportPlanView, ImportResult } from '#contract/import-contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatInstant, formatSize } from '../../shared/format';
import { LoadFailed } from '../../shared/PageState';
import { NO_CHOICES, toOptions, withColumn, withSource, type ImportChoices } from './choices';
import { PreviewTable, ProblemsTable } from './DryRunTables';
import type { Job } from './ImportPage';
import { MappingTable } from './MappingTable';
import { NamesCard } from './NamesCard';

interface Props {
  file: ImportFileInfo;
  job: Job | null;
  run: <T>(kind: Job, work: (jobId: string) => Promise<T>) => Promise<T | undefined>;
  onChooseAnother(): void;
  onDiscard(): void;
  onCommitted(r: ImportResult): void;
}

export function CheckStep({ file, job, run, onChooseAnother, onDiscard, onCommitted }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [choices, setChoices] = useState<ImportChoices>(NO_CHOICES);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  // after the commit the file is forgotten: no more previews of it
  const [committing, setCommitting] = useState(false);
  const preview = useApi('import.preview', { token: file.token, ...toOptions(choices) }, { keepPrevious: true, enabled: !committing, staleTime: Infinity });
  const plan = preview.data;

  const commit = (p: ImportPlanView) => {
    modal.confirm({
      title: t('import.commitConfirmTitle', { count: p.counts.ready }),
      content: t('import.commitConfirmText'),
      okText: t('import.commit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setCommitting(true);
        const r = await run('commit', (jobId) => call('import.commit', { token: file.token, ...toOptions(choices), allowDuplicate, jobId }));
        if (r) onCommitted(r);
        else setCommitting(false);
      },
    });
  };

  if (preview.isError && !plan) return <LoadFailed error={preview.error} onRetry={() => void preview.refetch()} />;
  if (!plan) return <Spin style={{ display: 'block', margin: 48 }} />;

  const needsAck = plan.duplicateOf !== null && !allowDuplicate;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions
          size="small"
          column={4}
          items={[
            { key: 'name', label: t('import.file.name'), children: file.fileName },
            { key: 'size', label: t('import.file.size'), children: formatSize(file.size) },
            {
              key: 'sheet',
              label: t('import.file.sheet'),
              children:
                plan.sheets.length > 1 ? (
                  <Select
                    size="small"
                    aria-label={t('import.file.sheet')}
                    style={{ minWidth: 180 }}
                    value={plan.sheet ?? undefined}
                    onChange={(sheet: string) => setChoices((c) => withSource(c, { sheet, headerRow: undefined }))}
                    options={plan.sheets.map((s) => ({
                      value: s.name,
                      label: t(s.hidden ? 'import.file.hiddenSheet' : 'import.file.sheetRows', { name: s.name, rows: s.rows }),
                    }))}
                  />
                ) : (
                  (plan.sheet ?? '—')
                ),
            },
            {
              key: 'header',
              label: t('import.file.headerRow'),
              children: (
                <InputNumber
                  size="small"
                  aria-label={t('import.file.headerRow')}
                  min={1}
                  max={1048576}
                  precision={0}
                  placeholder={t('import.file.headerAuto')}
                  value={choices.headerRow ?? plan.headerRow ?? null}
                  onChange={(v) => setChoices((c) => withSource(c, { sheet: c.sheet, headerRow: typeof v === 'number' ? v : undefined }))}
                />
              ),
            },
          ]}
        />
        <Space wrap size={32} style={{ marginTop: 8 }} aria-label={t('import.steps.check')}>
          <Statistic title={t('import.summary.rows')} value={plan.counts.rows} />
          <Statistic title={t('import.summary.ready')} value={plan.counts.ready} />
          <Statistic title={t('import.summary.withErrors')} value={plan.counts.withErrors} styles={{ content: plan.counts.withErrors ? { color: '#cf1322' } : {} }} />
          <Statistic title={t('import.summary.withWarnings')} value={plan.counts.withWarnings} />
          <Statistic title={t('import.summary.skipped')} value={plan.counts.skipped} />
        </Space>
      </Card>

      {plan.blockers.length ? (
        <Alert type="error" showIcon title={t('import.blockersTitle')} description={<List lines={plan.blockers} />} />
      ) : (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('import.readyTitle', { count: plan.counts.ready })} description={<ByYear plan={plan} />} />
      )}
      {plan.duplicateOf ? (
        <Alert
          type="warning"
          showIcon
          title={t('import.duplicate', {
            at: formatInstant(plan.duplicateOf.importedAt),
            by: plan.duplicateOf.importedBy,
            id: plan.duplicateOf.id,
            rows: plan.duplicateOf.rowCount,
          })}
          description={
            <Checkbox checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)}>
              {t('import.allowDuplicate')}
            </Checkbox>
          }
        />
      ) : null}
      {plan.notices.length ? <Alert type="info" showIcon title={t('import.noticesTitle')} description={<List lines={plan.notices} />} /> : null}

      {/* what stops the import first, then what the user can decide */}
      <ProblemsTable plan={plan} />
      <NamesCard plan={plan} choices={choices} onChange={setChoices} />
      <MappingTable plan={plan} onChange={(column, field) => setChoices((c) => withColumn(c, column, field))} />
      <PreviewTable plan={plan} />

      <Space className="import-actions">
        <Button
          type="primary"
          size="large"
          disabled={!plan.canCommit || needsAck || preview.isFetching}
          loading={job === 'commit'}
          onClick={() => commit(plan)}
        >
          {t('import.commit')}
        </Button>
        <Button size="large" disabled={job !== null} onClick={onChooseAnother}>
          {t('import.file.chooseAnother')}
        </Button>
        <Button size="large" disabled={job !== null} onClick={onDiscard}>
          {t('import.discard')}
        </Button>
      </Space>
    </Space>
  );
}

function List({ lines }: { lines: string[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

function ByYear({ plan }: { plan: ImportPlanView }) {
  const { t } = useTranslation();
  return (
    <List
      lines={plan.byYear.map((y) => t('import.byYear.line', { year: y.year, count: y.count, items: y.items, kept: y.keptSerials, assigned: y.newSerials }))}
    />
  );
}
