/**
 * 导入回复包 (registrar): the file picked in the main process's open dialog (a token, never a
 * path) → the office key password → a dry run: which opinion lands on which item, conflicts
 * (the item changed at the office since the 送审包) each resolved by a choice, which the
 * service turns into the action shown → 导入, one transaction. A refused package is named.
 */
import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyFileView, ReplyPreview, ReplyPreviewRow, RESOLUTIONS } from '#contract/exchange-contract';
import { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { formatInstant, formatSize } from '../../shared/format';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { Fingerprint } from './Fingerprint';
import { RegionTable } from './RegionTable';

type Resolution = (typeof RESOLUTIONS)[number];

/** The refusal's reason, when the service named one (PackageRefused sends it as the issue `package.<reason>`). */
function refusalReason(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const issue = error.issues.find((i) => i.path.startsWith('package.'));
  return issue ? issue.path.slice('package.'.length) : null;
}

export function ReplyDialog({ file, onClose }: { file: ReplyFileView; onClose(): void }) {
  const { t } = useTranslation();
  const receive = useApiMutation('exchange.receiveReply');
  const guard = useSubmitGuard();
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<ReplyPreview | null>(null);
  const [resolutions, setResolutions] = useState<Record<number, Resolution>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<ReplyPreview | null>(null);

  /** a dry run (the preview, kept on screen) or the import (the result); a refusal is shown by name */
  const send = (commit: boolean, chosen: Record<number, Resolution>) =>
    guard.run(async () => {
      setFailure(null);
      const list = Object.entries(chosen).map(([itemId, resolution]) => ({ itemId: Number(itemId), resolution }));
      try {
        const answer = await receive.mutateAsync({ token: file.token, password, commit, resolutions: list });
        if (commit) setDone(answer);
        else setPreview(answer);
      } catch (error) {
        if (!commit) setPreview(null);
        setFailure(error);
      }
    });
  const check = (chosen: Record<number, Resolution>) => send(false, chosen);

  const choose = (itemId: number, resolution: Resolution) => {
    const next = { ...resolutions, [itemId]: resolution };
    setResolutions(next);
    // the service says what the choice does (a new round, or a correction of the office's round)
    void check(next);
  };

  if (done) {
    const imported = done.rows.filter((r) => r.action !== 'skip').length;
    const skipped = done.rows.length - imported;
    return (
      <Modal open title={t('exchange.reply.title')} onOk={onClose} onCancel={onClose} okText={t('common.close')} cancelButtonProps={{ style: { display: 'none' } }}>
        <Result
          status="success"
          title={skipped ? t('exchange.reply.doneSkipped', { count: imported, skipped }) : t('exchange.reply.done', { count: imported })}
          subTitle={`${done.counsel.name} · ${done.rows.map((r) => r.serialNo).join(t('common.listSeparator'))}`}
        />
      </Modal>
    );
  }

  const unresolved = preview?.rows.some((r) => r.action === 'unresolved') ?? false;
  const reason = refusalReason(failure);

  return (
    <Modal
      open
      title={t('exchange.reply.title')}
      width={1100}
      okText={t('exchange.reply.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !preview || unresolved || guard.busy, loading: guard.busy && preview !== null }}
      onOk={() => void send(true, resolutions)}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 12 }}
        items={[{ key: 'file', label: t('exchange.reply.file'), children: t('exchange.reply.fileSize', { name: file.fileName, size: formatSize(file.size) }) }]}
      />
      <Form layout="inline" onFinish={() => void check(resolutions)} style={{ marginBottom: 12 }}>
        <Form.Item label={t('exchange.reply.password')} required>
          <Input.Password aria-label={t('exchange.reply.password')} autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item extra={t('exchange.reply.checkHint')}>
          <Button htmlType="submit" type={preview ? 'default' : 'primary'} disabled={!password} loading={guard.busy && !preview}>
            {t('exchange.reply.check')}
          </Button>
        </Form.Item>
      </Form>
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={reason ? t(`exchange.reply.refused.${reason}`, { defaultValue: t('exchange.reply.refused.title') }) : t('exchange.reply.refused.title')}
          description={errorText(failure, t)}
        />
      ) : null}
      {preview ? (
        <>
          <Descriptions
            bordered
            size="small"
            column={3}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'from',
                label: t('exchange.reply.from'),
                children: (
                  <>
                    {preview.counsel.name} <Fingerprint value={preview.counsel.fingerprint} />
                  </>
                ),
              },
              { key: 'at', label: t('exchange.reply.madeAt'), children: formatInstant(preview.createdAt) },
              { key: 'id', label: t('exchange.reply.packageId'), children: preview.packageId.slice(0, 8) },
            ]}
          />
          {preview.conflicts > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('exchange.reply.conflictCount', { count: preview.conflicts })} /> : null}
          <RegionTable<ReplyPreviewRow>
            label={t('exchange.reply.rows')}
            rowKey="itemId"
            scroll={{ y: 300 }}
            dataSource={preview.rows}
            onRow={(r) => (r.conflict ? { style: { background: '#fffbe6' } } : {})}
            footer={() => t('exchange.reply.summary', { count: preview.rows.length })}
            columns={[
              { key: 'serialNo', title: t('exchange.reply.serialNo'), dataIndex: 'serialNo', width: 130 },
              {
                key: 'title',
                title: t('exchange.reply.itemTitle'),
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <span>{r.title}</span>
                    <Typography.Text type="secondary" ellipsis={{ tooltip: r.text }} style={{ maxWidth: 280 }}>
                      {r.text}
                    </Typography.Text>
                  </Space>
                ),
              },
              { key: 'counsel', title: t('exchange.reply.counsel'), width: 80, render: () => preview.counsel.name },
              { key: 'conclusion', title: t('exchange.reply.conclusion'), width: 130, render: (_, r) => t(`conclusion.${r.conclusion}`) },
              { key: 'issuedOn', title: t('exchange.reply.issuedOn'), width: 100, dataIndex: 'issuedOn' },
              {
                key: 'files',
                title: t('exchange.reply.attachments'),
                width: 160,
                render: (_, r) =>
                  r.files.length === 0
                    ? t('exchange.reply.noAttachments')
                    : r.files.map((f) => (
                        <div key={f.name}>{t('exchange.reply.fileSize', { name: f.name, size: formatSize(f.size) })}</div>
                      )),
              },
              {
                key: 'action',
                title: t('exchange.reply.action'),
                width: 290,
                render: (_, r) =>
                  r.conflict ? (
                    <Space orientation="vertical" size={4}>
                      <Typography.Text type="warning">
                        {t('exchange.reply.conflictDetail', {
                          packaged: r.conflict.packagedVersion,
                          current: r.conflict.currentVersion,
                          seen: r.conflict.roundsSeen,
                          now: r.conflict.roundsNow,
                        })}
                      </Typography.Text>
                      <Radio.Group
                        aria-label={`${r.serialNo} ${t('exchange.reply.action')}`}
                        value={resolutions[r.itemId]}
                        disabled={guard.busy}
                        onChange={(e) => choose(r.itemId, e.target.value as Resolution)}
                        options={[
                          { value: 'import', label: t('exchange.reply.chooseImport') },
                          { value: 'skip', label: t('exchange.reply.chooseSkip') },
                        ]}
                      />
                      <Tag color={r.action === 'unresolved' ? 'red' : 'orange'} style={{ whiteSpace: 'normal' }}>{t(`exchange.reply.actions.${r.action}`)}</Tag>
                    </Space>
                  ) : (
                    <Tag color="green" style={{ whiteSpace: 'normal' }}>{t(`exchange.reply.actions.${r.action}`)}</Tag>
                  ),
              },
            ]}
          />
          {unresolved ? <Typography.Text type="danger">{t('exchange.reply.unresolved')}</Typography.Text> : null}
        </>
      ) : null}
    </Modal>
  );
}
