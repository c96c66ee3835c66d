/**
 * 年度履职考核: per firm and year, the evidence from the ledger (each figure opens
 * its items in the report's drill-down), the scoresheet on the template's heads,
 * 一票否决 items, the firm's self-assessment; sign off locks it; the admin reopens.
 * The grade is worked out by the same function as the service (domain scoreAssessment).
 */
import { App, Alert, Button, Card, Checkbox, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment, EvidenceFigure } from '#contract/engagement-contract';
import { pointsText, scoreAssessment, type AssessmentHead, type HeadScore } from '#domain/engagement';
import { useApi, useApiMutation, useAppInfo, useCan } from '../../api/hooks';
import { navigate, paths, useScreenLocation } from '../../router/hash';
import { errorText } from '../../shared/errors';
import { LoadFailed, PageHead } from '../../shared/PageState';
import { useUnsavedChanges } from '../../shared/unsaved';
import { drillQuery } from '../reports/period';
import { TemplateCard } from './TemplateCard';

export function AssessmentPage() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const { query } = useScreenLocation();
  const firms = useApi('firms.list', { includeInactive: true });
  const thisYear = Number((info.data?.today ?? '2025').slice(0, 4));
  const year = Number(query.get('year')) || thisYear - 1;
  const firmId = Number(query.get('firm')) || firms.data?.[0]?.id || 0;
  const go = (next: { firm?: number; year?: number }) => navigate(paths.assessment, { firm: next.firm ?? firmId, year: next.year ?? year }, { replace: true });
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <>
      <PageHead
        title={t('engagement.assessment.title')}
        extra={
          <Space>
            <Select
              aria-label={t('engagement.assessment.firm')}
              style={{ width: 260 }}
              value={firmId || undefined}
              options={(firms.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              onChange={(v: number) => go({ firm: v })}
            />
            <Select aria-label={t('engagement.assessment.year')} style={{ width: 110 }} value={year} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(v: number) => go({ year: v })} />
          </Space>
        }
      />
      {firms.isError ? <LoadFailed error={firms.error} onRetry={() => void firms.refetch()} /> : null}
      {firmId ? <FirmYear key={`${firmId}-${year}`} firmId={firmId} year={year} firmName={firms.data?.find((f) => f.id === firmId)?.name ?? ''} /> : null}
      <div style={{ marginTop: 16 }}>
        <TemplateCard />
      </div>
    </>
  );
}

function FirmYear({ firmId, year, firmName }: { firmId: number; year: number; firmName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assessment = useApi('assessments.get', { firmId, year });
  const open = useApiMutation('assessments.open');
  const evidence = useApi('assessments.evidence', { firmId, year });
  const openFigure = (f: EvidenceFigure) => (f.key ? navigate(paths.reports, drillQuery({ kind: 'year', year }, { key: f.key })) : undefined);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('engagement.assessment.evidence')}>
        {evidence.isError ? <LoadFailed error={evidence.error} onRetry={() => void evidence.refetch()} /> : null}
        <Table<EvidenceFigure>
          rowKey="label"
          size="small"
          loading={evidence.isPending}
          pagination={false}
          dataSource={evidence.data?.rows ?? []}
          columns={[
            { title: t('engagement.assessment.item'), dataIndex: 'label', width: 260 },
            {
              title: t('engagement.assessment.value'),
              key: 'value',
              render: (_: unknown, f) =>
                f.key ? (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openFigure(f)}>
                    {f.text}
                  </Button>
                ) : (
                  f.text
                ),
            },
          ]}
        />
      </Card>
      {assessment.isError ? <LoadFailed error={assessment.error} onRetry={() => void assessment.refetch()} /> : null}
      {assessment.isSuccess && assessment.data === null ? (
        <Empty description={t('engagement.assessment.notOpened', { firm: firmName, year })}>
          <Button type="primary" onClick={() => void open.mutateAsync({ firmId, year }).catch((e: unknown) => message.error(errorText(e, t)))}>
            {t('engagement.assessment.open')}
          </Button>
        </Empty>
      ) : null}
      {assessment.data ? <Scoresheet key={assessment.data.version} assessment={assessment.data} /> : null}
    </Space>
  );
}

interface Draft {
  scores: Record<string, HeadScore>;
  vetoes: string[];
  selfAssessment: string;
  remarks: string;
}

function Scoresheet({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const save = useApiMutation('assessments.save');
  const sign = useApiMutation('assessments.sign');
  const reopen = useApiMutation('assessments.reopen');
  const exportIt = useApiMutation('assessments.export');
  const [draft, setDraft] = useState<Draft>({ scores: a.scores, vetoes: a.vetoes, selfAssessment: a.selfAssessment, remarks: a.remarks });
  const [dirty, setDirty] = useState(false);
  const [reason, setReason] = useState('');
  useUnsavedChanges(dirty);
  useEffect(() => setDirty(false), [a.version]);
  const locked = a.status === 'signed';
  const result = useMemo(() => scoreAssessment(a.template, draft.scores, draft.vetoes), [a.template, draft]);
  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
  };
  const setScore = (head: AssessmentHead, patch: Partial<HeadScore>) => {
    const before = Object.hasOwn(draft.scores, head.key) ? draft.scores[head.key] : undefined;
    const next = { tenths: before?.tenths ?? 0, remark: before?.remark ?? '', ...patch };
    change({ scores: { ...draft.scores, [head.key]: next } });
  };
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  const onSave = () => run(() => save.mutateAsync({ id: a.id, version: a.version, ...draft }), t('engagement.assessment.saved'));
  const onSign = () =>
    modal.confirm({
      title: t('engagement.assessment.sign'),
      content: t('engagement.assessment.signConfirm'),
      okText: t('engagement.assessment.sign'),
      cancelText: t('common.cancel'),
      onOk: () => run(async () => {
        const saved = dirty ? await save.mutateAsync({ id: a.id, version: a.version, ...draft }) : a;
        await sign.mutateAsync({ id: saved.id, version: saved.version });
      }, t('engagement.assessment.saved')),
    });
  const onExport = (format: 'docx' | 'xlsx') =>
    void exportIt
      .mutateAsync({ id: a.id, format })
      .then((r) => (r ? message.success(t('engagement.assessment.exported', { path: r.path })) : undefined))
      .catch((error: unknown) => message.error(errorText(error, t)));
  const grade = result.grade ? t(`engagement.assessment.grades.${result.grade}`) : t('engagement.assessment.gradeNone');

  return (
    <Card
      size="small"
      title={
        <Space>
          {t('engagement.assessment.scoresheet')}
          {locked ? <Tag color="green">{t('engagement.assessment.signed', { name: a.signedByName ?? '', date: (a.signedAt ?? '').slice(0, 10) })}</Tag> : <Tag>{t('engagement.assessment.draft')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => onExport('docx')}>{t('engagement.assessment.exportDocx')}</Button>
          <Button onClick={() => onExport('xlsx')}>{t('engagement.assessment.exportXlsx')}</Button>
        </Space>
      }
    >
      <Table<AssessmentHead>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={a.template.heads}
        columns={[
          { title: t('engagement.assessment.head'), dataIndex: 'name', width: 110 },
          { title: t('engagement.assessment.weight'), key: 'weight', width: 110, render: (_: unknown, h) => (h.bonus ? t('engagement.assessment.bonusWeight', { weight: h.weight }) : h.weight) },
          { title: t('engagement.assessment.guidance'), dataIndex: 'guidance' },
          {
            title: t('engagement.assessment.score'),
            key: 'score',
            width: 110,
            render: (_: unknown, h) => {
              const s = Object.hasOwn(draft.scores, h.key) ? draft.scores[h.key] : undefined;
              return (
                <InputNumber
                  aria-label={`${h.name} ${t('engagement.assessment.score')}`}
                  min={0}
                  max={h.weight}
                  step={0.5}
                  precision={1}
                  disabled={locked}
                  value={s ? s.tenths / 10 : null}
                  onChange={(v) => (v === null ? undefined : setScore(h, { tenths: Math.round(Number(v) * 10) }))}
                  style={{ width: 90 }}
                />
              );
            },
          },
          {
            title: t('engagement.assessment.remark'),
            key: 'remark',
            width: 260,
            render: (_: unknown, h) => (
              <Input
                aria-label={`${h.name} ${t('engagement.assessment.remark')}`}
                disabled={locked}
                value={(Object.hasOwn(draft.scores, h.key) ? draft.scores[h.key]?.remark : '') ?? ''}
                onChange={(e) => setScore(h, { remark: e.target.value })}
              />
            ),
          },
        ]}
      />
      <Alert
        style={{ margin: '12px 0' }}
        type={result.vetoed ? 'error' : result.grade ? 'success' : 'info'}
        showIcon
        title={t('engagement.assessment.summary', { total: pointsText(result.totalTenths), grade, veto: result.vetoed ? t('engagement.assessment.vetoed') : '' })}
      />
      <Typography.Title level={5}>{t('engagement.assessment.vetoes')}</Typography.Title>
      <Checkbox.Group
        disabled={locked}
        value={draft.vetoes}
        onChange={(v) => change({ vetoes: v })}
        style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12 }}
        options={a.template.vetoes.map((v) => ({ value: v.key, label: v.text }))}
      />
      <Typography.Title level={5}>{t('engagement.assessment.selfAssessment')}</Typography.Title>
      <Input.TextArea
        aria-label={t('engagement.assessment.selfAssessment')}
        disabled={locked}
        autoSize={{ minRows: 3, maxRows: 10 }}
        value={draft.selfAssessment}
        onChange={(e) => change({ selfAssessment: e.target.value })}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('engagement.assessment.remarks')}
      </Typography.Title>
      <Input.TextArea aria-label={t('engagement.assessment.remarks')} disabled={locked} autoSize={{ minRows: 2, maxRows: 6 }} value={draft.remarks} onChange={(e) => change({ remarks: e.target.value })} />
      <Space style={{ marginTop: 16 }}>
        {!locked ? (
          <>
            <Button onClick={() => void onSave()} loading={save.isPending}>
              {t('engagement.assessment.save')}
            </Button>
            <Button type="primary" onClick={onSign} disabled={result.grade === null}>
              {t('engagement.assessment.sign')}
            </Button>
          </>
        ) : can('assessments.reopen') ? (
          <>
            <Input aria-label={t('engagement.assessment.reopenReason')} placeholder={t('engagement.assessment.reopenReason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 320 }} />
            <Button danger disabled={reason.trim() === ''} onClick={() => void run(() => reopen.mutateAsync({ id: a.id, version: a.version, reason }), t('engagement.assessment.saved'))}>
              {t('engagement.assessment.reopen')}
            </Button>
          </>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('engagement.labelled', { label: t('engagement.assessment.source'), value: a.template.source })}
      </Typography.Paragraph>
    </Card>
  );
}
