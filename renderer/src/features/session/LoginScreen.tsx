/** 登录: user name and password; a refusal (wrong password, locked out, disabled) is said above the form. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { CallFailed } from '../../shared/CallState';
import { AuthLayout } from './AuthLayout';
import { authErrorText } from './errors';
import { useSignIn } from './useSignIn';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const { pending, error, signIn } = useSignIn();

  const submit = (v: LoginForm) =>
    signIn(
      () => call('auth.login', { username: v.username.trim(), password: v.password }),
      (e) => {
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
        return authErrorText(e, t, 'auth.loginFailed');
      },
    );

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      <CallFailed error={error} />
      <Form<LoginForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" maxLength={50} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          {t('auth.login')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
