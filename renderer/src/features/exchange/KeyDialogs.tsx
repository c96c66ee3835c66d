/** The admin's key dialogs on the 数据交换 screen: make the office key, pair (or replace) a counsel's key, revoke one. */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerKeyView } from '#contract/exchange-contract';
import type { Counsel } from '#domain/types';
import { useApiMutation, useSettings } from '../../api/hooks';
import { FormModal } from '../../shared/FormModal';
import { textRules } from '../../shared/limits';
import { Fingerprint } from './Fingerprint';
import { normalizeFingerprint } from './typed-fingerprint';

/** the contract's minimum for the key password (exchange-contract.ts, exchangeSetupInput) */
const MIN_KEY_PASSWORD = 8;

/** The office key's password: long enough, and typed again the same. */
function keyPasswordRules(t: TFunction): { rules: FormRule[]; againRules: FormRule[] } {
  const mismatch = t('exchange.setup.mismatch');
  return {
    rules: [{ required: true, min: MIN_KEY_PASSWORD, message: t('exchange.setup.tooShort') }, { max: 200, message: t('validation.maxLength', { max: 200 }) }],
    againRules: [
      { required: true, message: mismatch },
      ({ getFieldValue }) => ({
        validator: (_, value: string) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(mismatch))),
      }),
    ],
  };
}

export function SetupDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const keyPassword = keyPasswordRules(t);
  const settings = useSettings();
  const setup = useApiMutation('exchange.setup');
  return (
    <FormModal<{ name: string; password: string; again: string }>
      title={t('exchange.setup.title')}
      okText={t('exchange.setup.ok')}
      doneText={t('exchange.setup.done')}
      fields={['name', 'password']}
      initialValues={{ name: settings.data?.officeName ?? '' }}
      onClose={onClose}
      submit={(v) => setup.mutateAsync({ name: v.name.trim(), password: v.password })}
    >
      {() => (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('exchange.setup.intro')} />
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('exchange.setup.lost')} />
          <Form.Item name="name" label={t('exchange.setup.name')} rules={textRules(t, 100, t('exchange.own.name'))}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('exchange.setup.password')} extra={t('exchange.setup.passwordHint')} rules={keyPassword.rules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="again" label={t('exchange.setup.again')} dependencies={['password']} rules={keyPassword.againRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface AddPeerForm {
  keyFileText: string;
  confirmFingerprint: string;
  confirmReplace: boolean;
}

/**
 * The counsel's .clkey: picked (read in the page, a few hundred bytes of text; no path goes to
 * the main process) or pasted. A picked file's text is not shown: the fingerprint written in it
 * must not be copied into the field below, it is read out on the phone.
 */
function KeyFileInput({ value, onChange, id }: { value?: string; onChange?: (text: string) => void; id?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          {t('exchange.addPeer.pick')}
        </Button>
        {picked ? (
          <>
            <Typography.Text type="success">{t('exchange.addPeer.picked', { name: picked })}</Typography.Text>
            <Button
              type="link"
              size="small"
              onClick={() => {
                setPicked(null);
                onChange?.('');
              }}
            >
              {t('exchange.addPeer.clear')}
            </Button>
          </>
        ) : null}
        <input
          ref={input}
          type="file"
          accept=".clkey"
          aria-label={t('exchange.addPeer.pick')}
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            file.text().then(
              (text) => {
                setPicked(file.name);
                onChange?.(text);
              },
              () => void message.error(t('exchange.addPeer.readFailed')),
            );
          }}
        />
      </Space>
      {picked ? null : (
        <Input.TextArea
          id={id}
          rows={4}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          placeholder={t('exchange.addPeer.paste')}
          aria-label={t('exchange.addPeer.paste')}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      )}
    </>
  );
}

export function AddPeerDialog({ counsel, current, onClose }: { counsel: Counsel; current: PeerKeyView | null; onClose(): void }) {
  const { t } = useTranslation();
  const addPeer = useApiMutation('exchange.addPeer');
  return (
    <FormModal<AddPeerForm>
      title={t('exchange.addPeer.title', { name: counsel.name })}
      okText={t('exchange.addPeer.ok')}
      doneText={t('exchange.addPeer.done')}
      danger={current !== null}
      warning={current ? t('exchange.addPeer.replaceWarning', { name: counsel.name, fingerprint: current.fingerprint }) : undefined}
      fields={['keyFileText', 'confirmFingerprint']}
      width={640}
      onClose={onClose}
      submit={(v) =>
        addPeer.mutateAsync({ counselId: counsel.id, keyFileText: v.keyFileText, confirmFingerprint: normalizeFingerprint(v.confirmFingerprint) ?? v.confirmFingerprint })
      }
    >
      {() => (
        <>
          <Form.Item name="keyFileText" label={t('exchange.addPeer.file')} rules={[{ required: true, whitespace: true, message: t('exchange.addPeer.pasteRequired') }]}>
            <KeyFileInput />
          </Form.Item>
          <Form.Item
            name="confirmFingerprint"
            label={t('exchange.addPeer.fingerprint')}
            extra={t('exchange.addPeer.fingerprintHint')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  normalizeFingerprint(value ?? '') ? Promise.resolve() : Promise.reject(new Error(t('exchange.addPeer.fingerprintFormat'))),
              },
            ]}
          >
            <Input placeholder="XXXX-XXXX-XXXX-XXXX" autoComplete="off" style={{ fontFamily: 'monospace', fontSize: 16, maxWidth: 320 }} />
          </Form.Item>
          {current ? (
            <Form.Item
              name="confirmReplace"
              valuePropName="checked"
              rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('exchange.addPeer.confirmReplace', { name: counsel.name })))) }]}
            >
              <Checkbox>
                {t('exchange.addPeer.confirmReplace', { name: counsel.name })} {t('exchange.addPeer.confirmReplaceText', { fingerprint: current.fingerprint })}
              </Checkbox>
            </Form.Item>
          ) : null}
        </>
      )}
    </FormModal>
  );
}

export function RevokeDialog({ peer, onClose }: { peer: PeerKeyView; onClose(): void }) {
  const { t } = useTranslation();
  const revoke = useApiMutation('exchange.revokePeer');
  return (
    <FormModal<{ reason: string }>
      title={t('exchange.revoke.title', { name: peer.counselName ?? peer.name })}
      okText={t('exchange.revoke.ok')}
      doneText={t('exchange.revoke.done')}
      danger
      warning={t('exchange.revoke.warning', { fingerprint: peer.fingerprint })}
      fields={['reason']}
      onClose={onClose}
      submit={(v) => revoke.mutateAsync({ id: peer.id, reason: v.reason.trim() })}
    >
      {() => (
        <>
          <Typography.Paragraph>
            <Fingerprint value={peer.fingerprint} /> {peer.name}
          </Typography.Paragraph>
          <Form.Item name="reason" label={t('exchange.revoke.reason')} rules={textRules(t, 200, t('exchange.revoke.reason'))}>
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
