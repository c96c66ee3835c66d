/** The dry run's per-row report (row, column, problem) and the first rows as they will be imported. */
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPlanView, ImportPreviewRow, ImportProblem } from '#contract/import-contract';
import { StatusTag } from '../../shared/StatusTag';
import { StepTable } from './parts';

export function ProblemsTable({ plan }: { plan: ImportPlanView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('import.problems.title')}>
      {plan.problemsTruncated ? <Typography.Paragraph type="warning">{t('import.problems.truncated', { count: plan.problems.length })}</Typography.Paragraph> : null}
      <Table<ImportProblem>
        rowKey={(p) => `${p.row ?? 'file'}:${p.letter ?? ''}:${p.message}`}
        size="small"
        tableLayout="fixed"
        aria-label={t('import.problems.title')}
        dataSource={plan.problems}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: t('import.problems.none') }}
        columns={[
          { title: t('import.problems.row'), dataIndex: 'row', width: 80, render: (r: number | null) => r ?? t('import.problems.wholeFile') },
          {
            title: t('import.problems.column'),
            key: 'column',
            width: 170,
            ellipsis: true,
            render: (_: unknown, p) => (p.letter ? `${p.letter} ${p.column ?? ''}` : '—'),
          },
          {
            title: t('import.problems.severity'),
            dataIndex: 'severity',
            width: 80,
            render: (s: ImportProblem['severity']) => <Tag color={s === 'error' ? 'error' : 'warning'}>{t(`import.problems.${s}`)}</Tag>,
          },
          { title: t('import.problems.message'), dataIndex: 'message' },
        ]}
      />
    </Card>
  );
}

export function PreviewTable({ plan }: { plan: ImportPlanView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('import.preview.title', { count: plan.preview.length })}>
      <StepTable<ImportPreviewRow>
        rowKey="row"
        scroll={{ y: 320 }}
        dataSource={plan.preview}
        rowClassName={(r) => (r.errors ? 'import-row-error' : '')}
        columns={[
          { title: t('import.preview.row'), dataIndex: 'row', width: 60 },
          {
            title: t('import.preview.serialNo'),
            key: 'serial',
            width: 170,
            render: (_: unknown, r) =>
              r.serialNo ? (
                <span className="nowrap">
                  {r.serialNo} {r.serialKept ? <Tag>{t('import.preview.kept')}</Tag> : null}
                </span>
              ) : (
                <Typography.Text type="secondary">{t('import.preview.serialNew')}</Typography.Text>
              ),
          },
          { title: t('import.fields.title'), dataIndex: 'title', ellipsis: true },
          { title: t('import.fields.category'), dataIndex: 'category', width: 130, ellipsis: true },
          { title: t('import.fields.department'), dataIndex: 'department', width: 110, ellipsis: true },
          { title: t('import.fields.receivedOn'), dataIndex: 'receivedOn', width: 110 },
          { title: t('import.fields.itemCount'), dataIndex: 'itemCount', width: 60, align: 'right' },
          { title: t('import.fields.counsel'), dataIndex: 'counsel', width: 90, ellipsis: true },
          { title: t('import.fields.status'), dataIndex: 'status', width: 110, render: (s: ImportPreviewRow['status']) => <StatusTag status={s} /> },
          {
            title: t('import.problems.severity'),
            key: 'problems',
            width: 90,
            render: (_: unknown, r) => (r.errors ? <Tag color="error">{`${t('import.problems.error')} ${r.errors}`}</Tag> : r.warnings ? <Tag color="warning">{`${t('import.problems.warning')} ${r.warnings}`}</Tag> : null),
          },
        ]}
      />
    </Card>
  );
}
