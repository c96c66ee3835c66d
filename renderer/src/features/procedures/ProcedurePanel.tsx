/**
 * 审查程序 on the item's page (issue 20): the category's rule, the returns for missing
 * material and the extensions, the 规范性文件's validity, each opinion's checklist and
 * sign-off, and the steps that fit now (the workflow table and the caller's roles; the
 * service checks both again).
 */
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemProcedure } from '#domain/procedures';
import type { ConsultationDetail, Opinion } from '#domain/types';
import { allows, type ProcedureAction } from '#domain/workflow';
import { useApi, useCan } from '../../api/hooks';
import { DocumentDialog, ExtendDialog, ResumeDialog, ReturnDialog, SignOffDialog } from './ProcedureDialogs';

const STEPS: readonly ProcedureAction[] = ['returnForMaterial', 'resume', 'extend', 'signOff', 'setDocument'];

/** Which procedure steps fit the item now. */
function stepsFor(d: ConsultationDetail, p: ItemProcedure, can: (m: `consultations.${ProcedureAction}`) => boolean): ProcedureAction[] {
  const latest = d.opinions.at(-1);
  return STEPS.filter((s) => {
    if (!allows(s, d) || !can(`consultations.${s}`)) return false;
    if (s === 'returnForMaterial' || s === 'extend') return p.pausedSince === null;
    if (s === 'resume') return p.pausedSince !== null;
    if (s === 'signOff') return latest?.signOffStatus === 'pending';
    return p.procedure.tracksValidity;
  });
}

export function ProcedurePanel({ detail }: { detail: ConsultationDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const item = useApi('procedures.item', { id: detail.id });
  const [open, setOpen] = useState<ProcedureAction | null>(null);
  const p = item.data;
  if (!p) return null;
  const steps = detail.trashedAt === null ? stepsFor(detail, p, can) : [];
  const close = () => setOpen(null);
  const label: Record<ProcedureAction, string> = {
    returnForMaterial: t('procedures.returnAction'),
    resume: t('procedures.resumeAction'),
    extend: t('procedures.extendAction'),
    signOff: t('procedures.signOffAction'),
    setDocument: t('procedures.setDocument'),
  };
  const start = t(p.procedure.clockStart === 'receipt' ? 'procedures.startReceipt' : 'procedures.startComplete');
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="procedure-panel"
      title={
        <Space size={8} wrap>
          {t('procedures.panelTitle')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('procedures.summary', { days: p.effectiveDays, start })}
          </Typography.Text>
          {p.procedure.signOff ? <Tag color="gold">{t('procedures.needsSignOff')}</Tag> : null}
        </Space>
      }
      extra={
        <Space wrap>
          {steps.map((s) => (
            <Button key={s} size="small" type={s === 'resume' || s === 'signOff' ? 'primary' : 'default'} onClick={() => setOpen(s)}>
              {label[s]}
            </Button>
          ))}
        </Space>
      }
    >
      {p.pausedSince ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('procedures.pausedSince', { date: p.pausedSince })} /> : null}
      <HistoryTable
        title={t('procedures.returns')}
        rows={p.returns}
        columns={[
          { title: t('procedures.returnedOn'), dataIndex: 'returnedOn', width: 110 },
          { title: t('procedures.missing'), dataIndex: 'missing' },
          { title: t('procedures.resumedOn'), dataIndex: 'resumedOn', width: 130, render: (v: string | null) => v ?? <Tag color="orange">{t('procedures.stillOut')}</Tag> },
          { title: t('procedures.pausedDays'), dataIndex: 'pausedDays', width: 100, render: (v: number | null) => (v === null ? '—' : t('procedures.pausedDaysValue', { count: v })) },
          { title: t('procedures.dueChange'), key: 'due', width: 200, render: (_: unknown, r) => (r.dueAfter ? `${r.dueBefore ?? '—'} → ${r.dueAfter}` : (r.dueBefore ?? '—')) },
        ]}
      />
      <HistoryTable
        title={t('procedures.extensions')}
        rows={p.extensions}
        columns={[
          { title: t('procedures.grantedOn'), dataIndex: 'grantedOn', width: 110 },
          { title: t('procedures.dueChange'), key: 'due', width: 200, render: (_: unknown, e) => `${e.previousDueOn ?? '—'} → ${e.newDueOn}` },
          { title: t('procedures.reason'), dataIndex: 'reason' },
        ]}
      />
      {p.procedure.tracksValidity ? (
        <Descriptions
          size="small"
          bordered
          column={3}
          style={{ marginBottom: 12 }}
          title={<Typography.Text strong>{t('procedures.document')}</Typography.Text>}
          items={
            p.document
              ? [
                  { key: 'n', label: t('procedures.docNumber'), children: p.document.docNumber },
                  { key: 'i', label: t('procedures.docIssuedOn'), children: p.document.issuedOn },
                  { key: 'v', label: t('procedures.validUntil'), children: p.document.validUntil },
                ]
              : [{ key: 'none', label: t('procedures.docNumber'), children: t('procedures.noDocument') }]
          }
        />
      ) : null}
      {detail.opinions.map((o) => (
        <OpinionProcedure key={o.id} o={o} />
      ))}
      {open === 'returnForMaterial' ? <ReturnDialog detail={detail} onClose={close} /> : null}
      {open === 'resume' ? <ResumeDialog detail={detail} onClose={close} /> : null}
      {open === 'extend' ? <ExtendDialog detail={detail} onClose={close} /> : null}
      {open === 'setDocument' ? <DocumentDialog detail={detail} current={p.document} onClose={close} /> : null}
      {open === 'signOff' ? <SignOffDialog detail={detail} onClose={close} /> : null}
    </Card>
  );
}

const RESULT_COLOR = { conforms: 'green', nonConforming: 'red', notApplicable: 'default' } as const;

/** One opinion's conclusion word, checklist and sign-off. */
function OpinionProcedure({ o }: { o: Opinion }) {
  const { t } = useTranslation();
  if (!o.checklist && !o.signOffStatus && !o.conclusionWord) return null;
  return (
    <div style={{ marginBottom: 12 }} data-testid={`opinion-procedure-${o.round}`}>
      <Space size={8} wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('procedures.checklistOf', { round: o.round })}</Typography.Text>
        {o.conclusionWord ? <Tag color="blue">{o.conclusionWord}</Tag> : null}
        {o.signOffStatus ? <Tag color={o.signOffStatus === 'signed' ? 'green' : o.signOffStatus === 'returned' ? 'red' : 'gold'}>{t(`procedures.signOffState.${o.signOffStatus}`)}</Tag> : null}
        {o.signOffStatus === 'signed' && o.signOffOn ? (
          <Typography.Text type="secondary">
            {t('procedures.signOffBy', { name: o.signOffByName ?? '', date: o.signOffOn })}
            {o.signOffRemark ? ` · ${o.signOffRemark}` : ''}
          </Typography.Text>
        ) : null}
        {o.signOffStatus === 'returned' && o.signOffOn ? (
          <Typography.Text type="danger">{t('procedures.signOffReturnedBy', { name: o.signOffByName ?? '', date: o.signOffOn, remark: o.signOffRemark ?? '' })}</Typography.Text>
        ) : null}
      </Space>
      {o.checklist ? (
        <Table
          size="small"
          pagination={false}
          rowKey="point"
          dataSource={o.checklist}
          columns={[
            { title: t('procedures.point'), dataIndex: 'point' },
            { title: t('procedures.result'), dataIndex: 'result', width: 110, render: (r: keyof typeof RESULT_COLOR) => <Tag color={RESULT_COLOR[r]}>{t(`procedures.results.${r}`)}</Tag> },
            { title: t('procedures.note'), dataIndex: 'note', width: 220 },
          ]}
        />
      ) : null}
    </div>
  );
}

/** One of the procedure's histories (退回补正, 延期) under its heading; nothing while it is empty. */
function HistoryTable<T extends { id: number }>({ title, rows, columns }: { title: string; rows: T[]; columns: TableColumnsType<T> }) {
  return rows.length > 0 ? (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <Table<T> size="small" pagination={false} rowKey="id" style={{ margin: '8px 0 12px' }} dataSource={rows} columns={columns} />
    </>
  ) : null;
}
