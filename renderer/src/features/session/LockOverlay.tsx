/**
 * The lock screen, laid over the app (which stays mounted underneath, with any
 * unsaved form): it hides the data, takes the focus, makes everything else
 * inert (the app's tree by its gate, dialogs and popups, which live in their
 * own containers, here), and needs the password to go away.
 */
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { WhoAmI } from '#domain/types';
import { call } from '../../api/client';
import { authErrorText } from './errors';
import { useApplyAuthStatus } from './status';

/** Everything outside the app's own root (antd's dialogs and popups live there) is inert while locked. */
function useInertOutside(inside: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const own = Array.from(document.body.children).find((el) => inside.current && el.contains(inside.current));
    const made: Element[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === own || el.hasAttribute('inert')) continue;
      el.setAttribute('inert', '');
      made.push(el);
    }
    return () => {
      for (const el of made) el.removeAttribute('inert');
    };
  }, [inside]);
}

export function LockOverlay({ user, onSignOut }: { user: WhoAmI; onSignOut(): Promise<void> }) {
  const ref = useRef<HTMLDivElement>(null);
  useInertOutside(ref);
  return <LockCard user={user} onSignOut={onSignOut} innerRef={ref} />;
}

function LockCard({ user, onSignOut, innerRef }: { user: WhoAmI; onSignOut(): Promise<void>; innerRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const apply = useApplyAuthStatus();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  const unlock = async ({ password }: { password: string }) => {
    setPending(true);
    setError(null);
    try {
      apply(await call('auth.unlock', { password }));
    } catch (e) {
      setError(authErrorText(e, t, 'auth.unlockFailed'));
      form.setFieldValue('password', '');
      // locked out while unlocking ends the session: find out
      try {
        apply(await call('auth.status', {}));
      } catch {
        /* keep showing the lock */
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <div ref={innerRef} className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock-card">
        <LockOutlined className="lock-icon" />
        <Typography.Title level={1} id="lock-title" className="lock-title">
          {t('lock.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('lock.hint', { name: user.displayName })}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16, textAlign: 'left' }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void unlock(v)} requiredMark={false} style={{ textAlign: 'left' }}>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoFocus autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={pending}>
            {t('lock.unlock')}
          </Button>
        </Form>
        <Button type="link" style={{ marginTop: 8 }} onClick={() => setConfirmSignOut(true)}>
          {t('lock.signOut')}
        </Button>
      </div>
      <Modal
        open={confirmSignOut}
        getContainer={false}
        zIndex={2200}
        title={t('lock.signOutTitle')}
        okText={t('auth.signOut')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onOk={() => void onSignOut()}
        onCancel={() => setConfirmSignOut(false)}
      >
        {t('lock.signOutWarning')}
      </Modal>
    </div>
  );
}
