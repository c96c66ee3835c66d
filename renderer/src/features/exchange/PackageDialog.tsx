/**
 * 生成送审包 (registrar): one counsel, their items with checkboxes and 密级 (工作秘密 needs an
 * explicit confirmation), the office key password; the package is saved where the registrar
 * chooses (the save dialog is the main process's), and what went into it is shown.
 */
import { Alert, App, Checkbox, Descriptions, Form, Input, Modal, Result, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MadeReviewPackage, PackableItem } from '#contract/exchange-contract';
import type { Counsel } from '#domain/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { formatSize } from '../../shared/format';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { Fingerprint } from './Fingerprint';
import { RegionTable } from './RegionTable';

interface Props {
  counsels: Counsel[];
  paired(counselId: number): boolean;
  counselId: number | null;
  onClose(): void;
}

export function PackageDialog(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirmWorkSecret: boolean }>();
  const guard = useSubmitGuard();
  const firstPaired = props.counsels.find((c) => props.paired(c.id))?.id ?? null;
  const [counselId, setCounselId] = useState<number | null>(props.counselId ?? firstPaired);
  const items = useApi('exchange.packable', { counselId: counselId ?? 0 }, { enabled: counselId !== null });
  const [selected, setSelected] = useState<number[]>([]);
  const [done, setDone] = useState<MadeReviewPackage | null>(null);
  const make = useApiMutation('exchange.makePackage');

  // a counsel chosen: the items waiting for their opinion are ticked, the others may be added;
  // a later refetch (every write refreshes the queries) keeps what the registrar ticked
  const loaded = items.data;
  const [ticksFor, setTicksFor] = useState<number | null>(null);
  useEffect(() => {
    if (!loaded || ticksFor === counselId) return;
    setTicksFor(counselId);
    setSelected(loaded.filter((i) => i.status === 'assigned').map((i) => i.id));
  }, [loaded, counselId, ticksFor]);

  const chosen = (loaded ?? []).filter((i) => selected.includes(i.id));
  const secret = chosen.filter((i) => i.secrecy === 'workSecret');

  const submit = async () => {
    if (counselId === null || chosen.length === 0) {
      void message.error(t('exchange.pkg.pickOne'));
      return;
    }
    let v: { password: string; confirmWorkSecret: boolean };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const made = await make.mutateAsync({ counselId, itemIds: chosen.map((i) => i.id), password: v.password, confirmWorkSecret: secret.length > 0 && v.confirmWorkSecret });
      if (made) setDone(made);
    } catch (error) {
      if (!applyIssues(form, error, ['password', 'confirmWorkSecret'])) void message.error(errorText(error, t));
    }
  };

  if (done) {
    return (
      <Modal open title={t('exchange.pkg.doneTitle')} width={720} onCancel={props.onClose} onOk={props.onClose} okText={t('common.close')} cancelButtonProps={{ style: { display: 'none' } }}>
        <Result
          status="success"
          style={{ padding: '8px 0' }}
          title={t('exchange.pkg.doneTitle')}
          subTitle={t('exchange.pkg.doneSummary', { count: done.items.length, size: formatSize(done.size) })}
        />
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'file', label: t('exchange.pkg.doneFile'), children: <Typography.Text copyable>{done.file}</Typography.Text> },
            { key: 'size', label: t('exchange.pkg.doneSize'), children: formatSize(done.size) },
            {
              key: 'counsel',
              label: t('exchange.pkg.doneCounsel'),
              children: (
                <>
                  {done.counsel.name} <Fingerprint value={done.counsel.fingerprint} />
                </>
              ),
            },
            {
              key: 'items',
              label: t('exchange.pkg.doneItems'),
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {done.items.map((i) => (
                    <li key={i.id}>
                      {i.serialNo} {i.title}
                      {i.secrecy === 'workSecret' ? <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('entry.secrecy.level.workSecret')}</Tag> : null}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('exchange.pkg.doneHint')} />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('exchange.pkg.title')}
      width={960}
      style={{ top: 32 }}
      okText={t('exchange.pkg.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: guard.busy, disabled: guard.busy || chosen.length === 0 }}
      onOk={() => void guard.run(submit)}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      {firstPaired === null ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('exchange.pkg.noPaired')} /> : null}
      <Form form={form} layout="vertical" initialValues={{ confirmWorkSecret: false }}>
        <Form.Item label={t('exchange.pkg.counsel')} required>
          <Select<number>
            aria-label={t('exchange.pkg.counsel')}
            value={counselId ?? undefined}
            onChange={(id) => setCounselId(id)}
            style={{ maxWidth: 360 }}
            options={props.counsels.map((c) => ({
              value: c.id,
              label: props.paired(c.id) ? c.name : t('exchange.pkg.counselUnpaired', { name: c.name }),
              disabled: !props.paired(c.id),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('exchange.pkg.items')} extra={t('exchange.pkg.itemsHint')} required>
          <RegionTable<PackableItem>
            label={t('exchange.pkg.items')}
            rowKey="id"
            scroll={{ y: 220 }}
            loading={items.isFetching}
            dataSource={loaded ?? []}
            locale={{ emptyText: items.isError ? errorText(items.error, t) : t('exchange.pkg.none') }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
            footer={() => t('exchange.pkg.selected', { count: chosen.length })}
            columns={[
              { key: 'serialNo', title: t('exchange.pkg.serialNo'), dataIndex: 'serialNo', width: 150 },
              { key: 'title', title: t('exchange.pkg.itemTitle'), dataIndex: 'title', ellipsis: true },
              { key: 'status', title: t('exchange.pkg.status'), width: 110, render: (_, i) => t(`status.${i.status}`) },
              { key: 'dueOn', title: t('exchange.pkg.dueOn'), width: 110, render: (_, i) => i.dueOn ?? t('common.none') },
              {
                key: 'secrecy',
                title: t('exchange.pkg.secrecy'),
                width: 100,
                render: (_, i) => <Tag color={i.secrecy === 'workSecret' ? 'orange' : undefined}>{t(`entry.secrecy.level.${i.secrecy}`)}</Tag>,
              },
              { key: 'files', title: t('exchange.pkg.files'), width: 70, align: 'right', dataIndex: 'files' },
              { key: 'rounds', title: t('exchange.pkg.rounds'), width: 80, align: 'right', dataIndex: 'rounds' },
            ]}
          />
        </Form.Item>
        {secret.length > 0 ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('exchange.pkg.workSecret', { count: secret.length, serials: secret.map((i) => i.serialNo).join(t('common.listSeparator')) })}
            />
            <Form.Item
              name="confirmWorkSecret"
              valuePropName="checked"
              rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('exchange.pkg.confirmWorkSecretRequired')))) }]}
            >
              <Checkbox>{t('exchange.pkg.confirmWorkSecret')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="password" label={t('exchange.pkg.password')} rules={[{ required: true, message: t('exchange.pkg.passwordRequired') }]}>
          <Input.Password autoComplete="off" style={{ maxWidth: 360 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
