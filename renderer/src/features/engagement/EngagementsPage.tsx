/** 聘用合同: the firms, each firm's engagements (term, fee, duties, 备案, contract file), payments and paid vs agreed per year. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Engagement, EngagementYear, Firm, Payment } from '#contract/engagement-contract';
import { useApi, useApiMutation, useAppInfo, useCan } from '../../api/hooks';
import { DateInput, dateRules } from '../../shared/DateInput';
import { errorText } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { LoadFailed, PageHead } from '../../shared/PageState';
import { RowsTable } from '../../shared/RowsTable';
import { blobToBase64, MAX_ATTACHMENT_BYTES, tooBig } from '../attachments/files';
import { formatSize } from '../../shared/format';
import { dayOf, parseYuan, yuanRules, yuanText } from './money';

export function EngagementsPage() {
  const { t } = useTranslation();
  const firms = useApi('firms.list', { includeInactive: true });
  const reminders = useApi('engagements.reminders', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const firm = (firms.data ?? []).find((f) => f.id === chosen) ?? firms.data?.[0] ?? null;
  return (
    <>
      <PageHead title={t('engagement.engagements.title')} />
      {(reminders.data ?? []).map((r) => (
        <Alert
          key={r.engagementId}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('engagement.engagements.reminder', { firm: r.firmName, no: r.contractNo, date: r.termTo, count: r.daysLeft })}
        />
      ))}
      {firms.isError ? <LoadFailed error={firms.error} onRetry={() => void firms.refetch()} /> : null}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card size="small" title={t('engagement.firms.title')} style={{ width: 300, flex: 'none' }}>
          <Table<Firm>
            rowKey="id"
            size="small"
            loading={firms.isPending}
            dataSource={firms.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engagement.firms.empty')} /> }}
            rowClassName={(f) => (f.id === firm?.id ? 'ant-table-row-selected' : '')}
            onRow={(f) => ({ onClick: () => setChosen(f.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('engagement.firms.name'), dataIndex: 'name' },
              { title: t('engagement.firms.counsels'), dataIndex: 'counselCount', width: 80, align: 'right' },
            ]}
          />
        </Card>
        <div style={{ flex: 1, minWidth: 0 }}>{firm ? <FirmEngagements firm={firm} /> : null}</div>
      </div>
    </>
  );
}

function FirmEngagements({ firm }: { firm: Firm }) {
  const { t } = useTranslation();
  const can = useCan();
  const list = useApi('engagements.list', { firmId: firm.id });
  const [editing, setEditing] = useState<Engagement | 'new' | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {firm.name}
        </Typography.Title>
        {can('engagements.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('engagement.engagements.add')}
          </Button>
        ) : null}
      </Space>
      {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <Empty description={t('engagement.engagements.none')} /> : null}
      {(list.data ?? []).map((e) => (
        <EngagementCard key={e.id} engagement={e} onEdit={() => setEditing(e)} />
      ))}
      {editing ? <EngagementDialog firmId={firm.id} engagement={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}

function EngagementCard({ engagement: e, onEdit }: { engagement: Engagement; onEdit(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const upload = useApiMutation('engagements.uploadContract');
  const saveAs = useApiMutation('engagements.saveContractAs');
  const [paying, setPaying] = useState(false);
  const [voiding, setVoiding] = useState<Payment | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (tooBig(file)) {
      void message.error(t('attachments.tooBig', { name: file.name, size: formatSize(file.size), max: formatSize(MAX_ATTACHMENT_BYTES) }));
      return;
    }
    try {
      await upload.mutateAsync({ id: e.id, version: e.version, fileName: file.name, dataBase64: await blobToBase64(file) });
      void message.success(t('engagement.engagements.uploaded', { file: file.name }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('engagement.labelled', { label: t('engagement.engagements.contractNo'), value: e.contractNo })}
      extra={can('engagements.update') ? <Button size="small" onClick={onEdit}>{t('common.edit')}</Button> : null}
    >
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('engagement.engagements.term')}>{`${e.termFrom} ~ ${e.termTo}`}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.engagements.annualFee')}>{yuanText(e.annualFeeFen)}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.engagements.filedOn')}>{e.filedOn ?? t('engagement.engagements.notFiled')}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.engagements.contractFile')}>
          <Space>
            {e.contractFile ? (
              <Button size="small" type="link" onClick={() => void saveAs.mutateAsync({ id: e.id }).catch((error: unknown) => message.error(errorText(error, t)))}>
                {t('engagement.engagements.fileSaveAs', { file: e.contractFile.fileName })}
              </Button>
            ) : (
              t('engagement.engagements.noFile')
            )}
            {can('engagements.uploadContract') ? (
              <>
                <Button size="small" icon={<UploadOutlined />} onClick={() => picker.current?.click()}>
                  {t('engagement.engagements.upload')}
                </Button>
                <input ref={picker} type="file" hidden aria-label={t('engagement.engagements.upload')} onChange={(ev) => void onFile(ev.target.files?.[0])} />
              </>
            ) : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.engagements.paymentTerms')} span={2}>
          {e.paymentTerms || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.engagements.duties')} span={2}>
          {e.duties.length ? (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {e.duties.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ol>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('engagement.engagements.years')}
      </Typography.Title>
      <RowsTable<EngagementYear>
        rowKey="year"
        size="small"
        rows={e.years}
        columns={[
          { title: t('engagement.engagements.year'), dataIndex: 'year', width: 100 },
          { title: t('engagement.engagements.agreed'), dataIndex: 'agreedFen', align: 'right', render: (v: number) => yuanText(v) },
          { title: t('engagement.engagements.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuanText(v) },
          { title: t('engagement.engagements.balance'), key: 'balance', align: 'right', render: (_: unknown, y) => yuanText(Math.max(0, y.agreedFen - y.paidFen)) },
        ]}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%', marginTop: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('engagement.payments.title')}
        </Typography.Title>
        {can('payments.add') ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setPaying(true)}>
            {t('engagement.payments.add')}
          </Button>
        ) : null}
      </Space>
      <RowsTable<Payment>
        size="small"
        rows={e.payments}
        locale={{ emptyText: t('engagement.payments.empty') }}
        columns={[
          { title: t('engagement.payments.paidOn'), dataIndex: 'paidOn', width: 120 },
          { title: t('engagement.payments.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number, p) => (p.voidedAt ? <s>{yuanText(v)}</s> : yuanText(v)) },
          { title: t('engagement.payments.voucherNo'), dataIndex: 'voucherNo' },
          {
            title: t('engagement.payments.note'),
            key: 'note',
            render: (_: unknown, p) => (p.voidedAt ? <Tag>{t('engagement.labelled', { label: t('engagement.payments.voided'), value: p.voidReason ?? '' })}</Tag> : p.note),
          },
          ...(can('payments.void')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, p: Payment) =>
                    p.voidedAt ? null : (
                      <Button size="small" danger onClick={() => setVoiding(p)}>
                        {t('engagement.payments.void')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {paying ? <PaymentDialog engagement={e} onClose={() => setPaying(false)} /> : null}
      {voiding ? <VoidDialog payment={voiding} onClose={() => setVoiding(null)} /> : null}
    </Card>
  );
}

interface EngagementForm {
  contractNo: string;
  termFrom: string;
  termTo: string;
  annualFee: string;
  paymentTerms: string;
  duties: string;
  filedOn: string | null;
}

function EngagementDialog({ firmId, engagement, onClose }: { firmId: number; engagement: Engagement | null; onClose(): void }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  const create = useApiMutation('engagements.create');
  const update = useApiMutation('engagements.update');
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  return (
    <FormModal<EngagementForm>
      title={engagement ? t('engagement.engagements.edit') : t('engagement.engagements.add')}
      okText={t('common.save')}
      doneText={t('common.saved')}
      staleText={t('errors.CONFLICT')}
      width={640}
      fields={['contractNo', 'termFrom', 'termTo', 'annualFeeFen', 'paymentTerms', 'duties', 'filedOn']}
      initialValues={{
        contractNo: engagement?.contractNo ?? '',
        termFrom: engagement?.termFrom ?? '',
        termTo: engagement?.termTo ?? '',
        annualFee: engagement ? yuanText(engagement.annualFeeFen).replaceAll(',', '') : '',
        paymentTerms: engagement?.paymentTerms ?? '',
        duties: (engagement?.duties ?? []).join('\n'),
        filedOn: engagement?.filedOn ?? null,
      }}
      onClose={onClose}
      submit={(v) => {
        const fields = {
          contractNo: v.contractNo.trim(),
          termFrom: dayOf(v.termFrom) ?? '',
          termTo: dayOf(v.termTo) ?? '',
          annualFeeFen: parseYuan(v.annualFee) ?? -1,
          paymentTerms: v.paymentTerms ?? '',
          duties: (v.duties ?? '').split('\n').map((d) => d.trim()).filter(Boolean),
          filedOn: dayOf(v.filedOn),
        };
        return engagement ? update.mutateAsync({ id: engagement.id, version: engagement.version, ...fields }) : create.mutateAsync({ firmId, ...fields });
      }}
    >
      {() => (
        <>
          <Form.Item name="contractNo" label={t('engagement.engagements.contractNo')} rules={[required(t('engagement.engagements.contractNo'))]}>
            <Input />
          </Form.Item>
          <Space size={16} align="start">
            <Form.Item name="termFrom" label={t('engagement.engagements.termFrom')} rules={dateRules(t, { required: t('engagement.engagements.termFrom') })}>
              <DateInput style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="termTo" label={t('engagement.engagements.termTo')} rules={dateRules(t, { required: t('engagement.engagements.termTo') })}>
              <DateInput style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Space size={16} align="start">
            <Form.Item name="annualFee" label={t('engagement.engagements.annualFee')} rules={yuanRules(t, t('engagement.engagements.annualFee'))}>
              <Input style={{ width: 200 }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name="filedOn" label={t('engagement.engagements.filedOn')} rules={dateRules(t, { notAfter: info.data?.today })}>
              <DateInput allowClear style={{ width: 200 }} notAfter={info.data?.today} />
            </Form.Item>
          </Space>
          <Form.Item name="paymentTerms" label={t('engagement.engagements.paymentTerms')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="duties" label={t('engagement.engagements.duties')} extra={t('engagement.engagements.dutiesHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface PaymentForm {
  paidOn: string;
  amount: string;
  voucherNo: string;
  note: string;
}

function PaymentDialog({ engagement, onClose }: { engagement: Engagement; onClose(): void }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  const add = useApiMutation('payments.add');
  return (
    <FormModal<PaymentForm>
      title={`${t('engagement.payments.add')} · ${engagement.contractNo}`}
      okText={t('common.save')}
      doneText={t('common.saved')}
      fields={['paidOn', 'amountFen', 'voucherNo', 'note']}
      initialValues={{ paidOn: info.data?.today ?? '', amount: '', voucherNo: '', note: '' }}
      onClose={onClose}
      submit={(v) =>
        add.mutateAsync({ engagementId: engagement.id, paidOn: dayOf(v.paidOn) ?? '', amountFen: parseYuan(v.amount) ?? 0, voucherNo: (v.voucherNo ?? '').trim(), note: v.note ?? '' })
      }
    >
      {() => (
        <>
          <Space size={16} align="start">
            <Form.Item name="paidOn" label={t('engagement.payments.paidOn')} rules={dateRules(t, { required: t('engagement.payments.paidOn'), notAfter: info.data?.today })}>
              <DateInput style={{ width: 200 }} notAfter={info.data?.today} />
            </Form.Item>
            <Form.Item name="amount" label={t('engagement.payments.amount')} rules={yuanRules(t, t('engagement.payments.amount'), true)}>
              <Input style={{ width: 200 }} inputMode="decimal" />
            </Form.Item>
          </Space>
          <Form.Item name="voucherNo" label={t('engagement.payments.voucherNo')}>
            <Input />
          </Form.Item>
          <Form.Item name="note" label={t('engagement.payments.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

function VoidDialog({ payment, onClose }: { payment: Payment; onClose(): void }) {
  const { t } = useTranslation();
  const voidIt = useApiMutation('payments.void');
  return (
    <FormModal<{ reason: string }>
      title={`${t('engagement.payments.voidTitle')} · ${payment.paidOn} ${yuanText(payment.amountFen)}`}
      okText={t('engagement.payments.void')}
      danger
      doneText={t('common.saved')}
      fields={['reason']}
      onClose={onClose}
      submit={(v) => voidIt.mutateAsync({ id: payment.id, reason: v.reason })}
    >
      {() => (
        <Form.Item name="reason" label={t('engagement.payments.voidReason')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('engagement.payments.voidReason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
