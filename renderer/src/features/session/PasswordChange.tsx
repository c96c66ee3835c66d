/**
 * 修改密码: forced before anything else after an administrator set or reset the
 * password, and from the user menu at any time.
 */
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WhoAmI } from '#domain/types';
import { call } from '../../api/client';
import { CallFailed, useCallState } from '../../shared/CallState';
import { applyIssues } from '../../shared/errors';
import { AuthLayout } from './AuthLayout';
import { authErrorText } from './errors';
import { PasswordFields } from './PasswordFields';
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
      <PasswordFields
        name="newPassword"
        label={t('auth.newPassword')}
        repeatLabel={t('auth.repeatNewPassword')}
        username={() => username}
        dependencies={['currentPassword']}
        extraRules={[
          ({ getFieldValue }) => ({
            validator: (_, v?: string) =>
              v && v === getFieldValue('currentPassword') ? Promise.reject(new Error(t('auth.rules.sameAsOld'))) : Promise.resolve(),
          }),
        ]}
      />
    </>
  );
}

/** Sends the change (true when it went through); field issues land on their fields, anything else is `error`. */
function useChangePassword(form: FormInstance<ChangeForm>) {
  const { t } = useTranslation();
  const apply = useApplyAuthStatus();
  const { pending, error, run } = useCallState();
  const submit = (v: ChangeForm) =>
    run(
      async () => apply(await call('auth.changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword })),
      (e) => (applyIssues(form, e, ['newPassword']) ? null : authErrorText(e, t, 'auth.changeFailed')),
    );
  return { submit, pending, error };
}

export function ForcedPasswordChange({ user }: { user: WhoAmI }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangeForm>();
  const apply = useApplyAuthStatus();
  const { submit, pending, error } = useChangePassword(form);

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
      <CallFailed error={error} />
      <Form<ChangeForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
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
  const { submit, pending, error } = useChangePassword(form);

  const onOk = async () => {
    let v: ChangeForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (await submit(v)) {
      void message.success(t('auth.changed'));
      onClose();
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
      <CallFailed error={error} />
      <Form<ChangeForm> form={form} layout="vertical" preserve={false}>
        <ChangeFields username={user.username} autoFocus />
      </Form>
    </Modal>
  );
}
