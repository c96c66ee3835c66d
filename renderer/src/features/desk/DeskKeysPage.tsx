/**
 * 密钥与配对 at a counsel's desk: the desk's public key (exported as a .clkey, its fingerprint read
 * out on the phone) and the office's key, paired from its .clkey with the fingerprint typed back.
 */
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '#contract/desk-contract';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { useSubmitGuard } from '../../shared/useSubmitGuard';

/** a .clkey is a few hundred bytes: anything much larger is not one */
const KEY_FILE_MAX = 4096;

/** A key's name and fingerprint (big enough to read out on the phone), and when it was added. */
function KeyFacts({ name, fingerprint, addedAt }: { name: string; fingerprint: string; addedAt?: string }) {
  const { t } = useTranslation();
  const items = [
    { key: 'name', label: t('desk.keys.name'), children: name },
    {
      key: 'fingerprint',
      label: t('desk.keys.fingerprint'),
      children: (
        <Typography.Text code copyable style={{ fontSize: 18, letterSpacing: 1 }}>
          {fingerprint}
        </Typography.Text>
      ),
    },
  ];
  if (addedAt) items.push({ key: 'added', label: t('desk.keys.added'), children: addedAt.slice(0, 10) });
  return <Descriptions bordered size="small" column={1} style={{ marginBottom: 8 }} items={items} />;
}

export function DeskKeysPage() {
  const { t } = useTranslation();
  const status = useApi('desk.status', {});
  // one guard for both cards: no export while a pairing is under way, and no pairing during an export
  const guard = useSubmitGuard();
  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadFailed error={status.error} onRetry={() => void status.refetch()} />;
  const { own, office } = status.data;
  return (
    <>
      <PageHead title={t('desk.keys.title')} />
      <OwnKeyCard own={own} guard={guard} />
      <OfficeKeyCard office={office} guard={guard} />
    </>
  );
}

type Guard = ReturnType<typeof useSubmitGuard>;

/** The desk's own key, exported as a .clkey for the office. */
function OwnKeyCard({ own, guard: { busy, run } }: { own: DeskStatus['own']; guard: Guard }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportKey = useApiMutation('desk.exportKey');
  const [exported, setExported] = useState<string | null>(null);

  const doExport = () =>
    void run(async () => {
      try {
        const r = await exportKey.mutateAsync({});
        if (r) setExported(r.path);
      } catch (e) {
        void message.error(errorText(e, t));
      }
    });

  return (
    <Card title={t('desk.keys.own')} style={{ marginBottom: 16 }}>
      <KeyFacts name={own.name} fingerprint={own.fingerprint} />
      <Typography.Paragraph type="secondary">
        {t('desk.keys.fingerprintHint')}
      </Typography.Paragraph>
      <Space>
        <Button onClick={doExport} loading={busy && exportKey.isPending}>
          {t('desk.keys.export')}
        </Button>
        {exported ? <Typography.Text type="success">{t('desk.keys.exported', { path: exported })}</Typography.Text> : null}
      </Space>
    </Card>
  );
}

/** The office's key: paired (or replaced) from its .clkey with the fingerprint typed back. */
function OfficeKeyCard({ office, guard: { busy, run } }: { office: DeskStatus['office']; guard: Guard }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pair = useApiMutation('desk.pairOffice');
  const [form] = Form.useForm<{ confirmFingerprint: string }>();
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const readKey = (file: File) => {
    if (file.size > KEY_FILE_MAX) setError(t('desk.keys.tooBig'));
    else void file.text().then((text) => setKeyFile({ name: file.name, text }));
    return false;
  };

  const submit = (v: { confirmFingerprint: string }) =>
    void run(async () => {
      setError(null);
      if (!keyFile) {
        setError(t('desk.keys.keyRequired'));
        return;
      }
      try {
        const paired = await pair.mutateAsync({ keyFileText: keyFile.text, confirmFingerprint: v.confirmFingerprint });
        void message.success(t('desk.keys.paired', { name: paired.name }));
        setKeyFile(null);
        form.resetFields();
      } catch (e) {
        if (!applyIssues(form, e, ['confirmFingerprint'])) setError(errorText(e, t));
      }
    });

  return (
    <Card title={t('desk.keys.office')}>
      {office ? (
        <KeyFacts name={office.name} fingerprint={office.fingerprint} addedAt={office.addedAt} />
      ) : (
        <Alert type="info" showIcon title={t('desk.keys.officeNone')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Title level={5}>{office ? t('desk.keys.replace') : t('desk.keys.pair')}</Typography.Title>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 520 }}>
        <Form.Item label={t('desk.keys.keyFile')} required>
          <Space>
            <Upload accept=".clkey" showUploadList={false} beforeUpload={readKey}>
              <Button>{t('desk.keys.chooseKey')}</Button>
            </Upload>
            {keyFile ? <Typography.Text>{t('desk.keys.keyChosen', { name: keyFile.name })}</Typography.Text> : null}
          </Space>
        </Form.Item>
        <Form.Item
          name="confirmFingerprint"
          label={t('desk.keys.confirm')}
          extra={t('desk.keys.confirmHint')}
          rules={[{ required: true, whitespace: true, message: t('desk.keys.confirmRequired') }]}
        >
          <Input maxLength={19} placeholder="XXXX-XXXX-XXXX-XXXX" style={{ width: 240, fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy && pair.isPending}>
          {t('desk.keys.submitPair')}
        </Button>
      </Form>
    </Card>
  );
}
