/**
 * 设置管理员账号: the first start creates the administrator (there is no default password) and signs them in.
 * At a counsel's desk (`desk`) the same form creates the desk's one account, its owner, and the desk's keys (desk.setup).
 */
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { CallFailed } from '../../shared/CallState';
import { applyIssues } from '../../shared/errors';
import { textRules } from '../../shared/limits';
import { AuthLayout } from './AuthLayout';
import { authErrorText } from './errors';
import { PasswordFields } from './PasswordFields';
import { usernameRules } from './passwordRules';
import { useSignIn } from './useSignIn';

interface SetupForm {
  username: string;
  displayName: string;
  password: string;
  repeat: string;
}

/** `onBack`: back to the first start's choice of end (features/desk/FirstStart.tsx). */
export function SetupScreen({ onBack, desk = false }: { onBack?: () => void; desk?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupForm>();
  const { pending, error, signIn } = useSignIn();
  const displayName = desk ? t('desk.setup.displayName') : t('auth.displayName');

  const submit = (v: SetupForm) => {
    const input = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password };
    return signIn(
      () => (desk ? call('desk.setup', input) : call('auth.setup', input)),
      (e) => (applyIssues(form, e, ['username', 'displayName', 'password']) ? null : authErrorText(e, t, 'auth.setupFailed')),
    );
  };

  return (
    <AuthLayout title={desk ? t('desk.setup.title') : t('auth.setupTitle')} width={480}>
      <Alert type="info" showIcon title={desk ? t('desk.setup.intro') : t('auth.setupIntro')} style={{ marginBottom: 16 }} />
      <CallFailed error={error} />
      <Form<SetupForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="username" label={t('auth.username')} extra={t('auth.usernameHint')} rules={usernameRules(t)}>
          <Input autoFocus autoComplete="username" maxLength={30} />
        </Form.Item>
        <Form.Item name="displayName" label={displayName} rules={textRules(t, 30, displayName)}>
          <Input maxLength={30} />
        </Form.Item>
        <PasswordFields
          label={t('auth.password')}
          repeatLabel={t('auth.repeatPassword')}
          username={() => (form.getFieldValue('username') as string | undefined) ?? ''}
          dependencies={['username']}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          {pending && desk ? t('desk.setup.making') : desk ? t('desk.setup.submit') : t('auth.setupSubmit')}
        </Button>
        {onBack ? (
          <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
            {t('desk.firstStart.back')}
          </Button>
        ) : null}
      </Form>
    </AuthLayout>
  );
}
