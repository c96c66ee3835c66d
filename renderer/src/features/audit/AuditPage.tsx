/**
 * 审计日志 (admin and leader): who did what, when, with what result, newest
 * first; filters by date, person, action and result; 校验 recomputes the hash
 * chain and names the first bad record. Nothing here can change a record.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord, AuditVerification } from '#domain/types';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { currentLanguage } from '../../i18n';
import { errorText } from '../../shared/errors';
import { DateInput } from '../../shared/DateInput';
import { formatInstant } from '../../shared/format';
import { FilterSelect } from '../../shared/FilterSelect';
import { PagedListTable } from '../../shared/PagedListTable';
import { PageHead } from '../../shared/PageState';
import { actionLabel, AUDIT_ACTIONS, entityLabel } from './actions';

const RESULTS = ['ok', 'refused', 'failed'] as const;
type Result = (typeof RESULTS)[number];
const RESULT_COLOR: Record<Result, string> = { ok: 'green', refused: 'red', failed: 'orange' };

interface Filter {
  /** understood days only: the standalone DateInput shows its own message for anything else */
  from?: string | null;
  to?: string | null;
  actor?: string;
  action?: string;
  result?: Result;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [verification, setVerification] = useState<AuditVerification | { error: string } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const { from, to } = filter;
  const list = useApi(
    'audit.list',
    {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(filter.actor?.trim() ? { actor: filter.actor.trim() } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.result ? { result: filter.result } : {}),
      ...page,
    },
    { keepPrevious: true },
  );

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await call('audit.verify', {}));
    } catch (error) {
      setVerification({ error: errorText(error, t) });
    } finally {
      setVerifying(false);
    }
  };

  // the choices of an action and of a result (its menu no wider than the select)
  const choices = [
    { name: 'action', label: t('audit.action'), width: 200, placeholder: t('audit.anyAction'), options: AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, t) })) },
    { name: 'result', label: t('audit.result'), width: 120, placeholder: t('audit.anyResult'), popupMatchSelectWidth: true, options: RESULTS.map((r) => ({ value: r, label: t(`audit.results.${r}`) })) },
  ];

  const onFilter = (_: unknown, all: Filter) => {
    setFilter(all);
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHead
        title={t('audit.title')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
            {t('audit.verify')}
          </Button>
        }
      />
      {verification ? <VerificationResult result={verification} /> : null}
      <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
        <Form<Filter> layout="inline" style={{ rowGap: 12, marginBottom: 16 }} onValuesChange={onFilter} aria-label={t('audit.filters')}>
          <Form.Item name="from" label={t('audit.dateFrom')}>
            <DateInput standalone allowClear style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="to" label={t('audit.dateTo')}>
            <DateInput standalone allowClear style={{ width: 170 }} notBefore={from ?? undefined} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear style={{ width: 140 }} placeholder={t('audit.actorPlaceholder')} maxLength={50} />
          </Form.Item>
          {choices.map((c) => (
            <FilterSelect<string> key={c.name} id={`audit-${c.name}`} {...c} />
          ))}
        </Form>
        <PagedListTable<AuditRecord>
          query={list}
          size="small"
          expandable={{
            expandedRowRender: (r) => <AuditDetail record={r} />,
            rowExpandable: (r) => Boolean(r.before || r.after),
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            { title: t('audit.id'), dataIndex: 'id', width: 72 },
            { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <span className="nowrap">{formatInstant(v)}</span> },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              width: 120,
              ellipsis: true,
              // the user name on hover: the account it was recorded under
              render: (v: string, r) => <span title={r.actor}>{v}</span>,
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              // the method's code (e.g. consultations.create) on hover: the record's technical key, not UI text
              render: (v: string) => <span title={v}>{actionLabel(v, t)}</span>,
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              // wide enough for 咨询事项 · 法咨〔2025〕123号
              width: 250,
              ellipsis: true,
              render: (_: unknown, r) => entityLabel(r.entity, r.entityId, r.entityName, t),
            },
            {
              title: t('audit.result'),
              dataIndex: 'result',
              width: 90,
              render: (v: string) => <Tag color={RESULT_COLOR[v as Result] ?? 'default'}>{RESULTS.includes(v as Result) ? t(`audit.results.${v as Result}`) : v}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}

function VerificationResult({ result }: { result: AuditVerification | { error: string } }) {
  const { t } = useTranslation();
  if ('error' in result) return <Alert type="error" showIcon role="alert" title={result.error} style={{ marginBottom: 16 }} />;
  if (result.ok) {
    return <Alert type="success" showIcon role="status" title={t('audit.verifyOk', { count: result.checked })} style={{ marginBottom: 16 }} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('audit.verifyBad', { id: result.firstBadId ?? '?', count: result.checked })}
      // the service says what is wrong with that record in Chinese
      description={currentLanguage() === 'en' ? undefined : result.problem}
      style={{ marginBottom: 16 }}
    />
  );
}

function AuditDetail({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const pretty = (raw: string | null) => {
    if (!raw) return t('common.none');
    try {
      return JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      return raw;
    }
  };
  return (
    <div className="audit-detail">
      {(['before', 'after'] as const).map((side) =>
        record[side] ? (
          <div key={side}>
            <Typography.Text strong>{t(`audit.${side}`)}</Typography.Text>
            <pre>{pretty(record[side])}</pre>
          </div>
        ) : null,
      )}
    </div>
  );
}
