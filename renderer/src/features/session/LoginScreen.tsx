/** 登录: user name and password; a refusal (wrong password, locked out, disabled) is said above the form. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { navigate, paths } from '../../router/hash';
import { AuthLayout } from './AuthLayout';
import { markSignedIn } from './context';
import { authErrorText } from './errors';
import { useApplyAuthStatus } from './status';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const apply = useApplyAuthStatus();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (v: LoginForm) => {
    setPending(true);
    setError(null);
    try {
      const status = await call('auth.login', { username: v.username.trim(), password: v.password });
      markSignedIn();
      navigate(paths.home, undefined, { replace: true });
      apply(status);
    } catch (e) {
      setError(authErrorText(e, t, 'auth.loginFailed'));
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setPending(false);
    }
  };

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
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
