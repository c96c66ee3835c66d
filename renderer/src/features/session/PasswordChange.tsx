/**
 * 修改密码: forced before anything else after an administrator set or reset the
 * password, and from the user menu at any time.
 */
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WhoAmI } from '#domain/types';
import { call } from '../../api/client';
import { applyIssues } from '../../shared/errors';
import { AuthLayout } from './AuthLayout';
import { authErrorText } from './errors';
import { newPasswordRules, repeatRule } from './passwordRules';
import { useApplyAuthStatus } from './status';

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

function ChangeFields({ username, autoFocus }: { username: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoFocus={autoFocus} autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordHint')}
        dependencies={['currentPassword']}
        rules={[
          ...newPasswordRules(t, () => username),
          ({ getFieldValue }) => ({
            validator: (_, v?: string) =>
              v && v === getFieldValue('currentPassword') ? Promise.reject(new Error(t('auth.rules.sameAsOld'))) : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="repeat" label={t('auth.repeatNewPassword')} dependencies={['newPassword']} rules={[repeatRule(t, 'newPassword')]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </>
  );
}

/** Sends the change; field issues land on their fields, anything else is returned as text. */
function useChangePassword(form: FormInstance<ChangeForm>) {
  const { t } = useTranslation();
  const apply = useApplyAuthStatus();
  const [pending, setPending] = useState(false);
  const submit = async (v: ChangeForm): Promise<string | null> => {
    setPending(true);
    try {
      apply(await call('auth.changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword }));
      return null;
    } catch (e) {
      if (applyIssues(form, e, ['newPassword'])) return '';
      return authErrorText(e, t, 'auth.changeFailed');
    } finally {
      setPending(false);
    }
  };
  return { submit, pending };
}

export function ForcedPasswordChange({ user }: { user: WhoAmI }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangeForm>();
  const apply = useApplyAuthStatus();
  const { submit, pending } = useChangePassword(form);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: ChangeForm) => {
    setError(null);
    const problem = await submit(v);
    if (problem) setError(problem);
  };

  const signOut = async () => {
    try {
      apply(await call('auth.logout', {}));
    } catch {
      /* the login screen comes anyway once the status is read again */
    }
  };

  return (
    <AuthLayout title={t('auth.changeTitle')} width={460}>
      <Alert type="warning" showIcon title={t('auth.mustChange', { name: user.displayName })} style={{ marginBottom: 16 }} />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ChangeForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <ChangeFields username={user.username} autoFocus />
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          {t('auth.changeSubmit')}
        </Button>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void signOut()}>
          {t('auth.signOut')}
        </Button>
      </Form>
    </AuthLayout>
  );
}

export function ChangePasswordDialog({ user, onClose }: { user: WhoAmI; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeForm>();
  const { submit, pending } = useChangePassword(form);
  const [error, setError] = useState<string | null>(null);

  const onOk = async () => {
    let v: ChangeForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const problem = await submit(v);
    if (problem === null) {
      void message.success(t('auth.changed'));
      onClose();
    } else if (problem) {
      setError(problem);
    }
  };

  return (
    <Modal
      open
      title={t('auth.changeTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending }}
      onOk={() => void onOk()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ChangeForm> form={form} layout="vertical" preserve={false}>
        <ChangeFields username={user.username} autoFocus />
      </Form>
    </Modal>
  );
}
