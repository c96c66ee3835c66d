/**
 * 设置管理员账号: the first start creates the administrator (there is no default password) and signs them in.
 * At a counsel's desk (`desk`) the same form creates the desk's one account, its owner, and the desk's keys (desk.setup).
 */
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { navigate, paths } from '../../router/hash';
import { applyIssues } from '../../shared/errors';
import { AuthLayout } from './AuthLayout';
import { markSignedIn } from './context';
import { authErrorText } from './errors';
import { newPasswordRules, repeatRule } from './passwordRules';
import { useApplyAuthStatus } from './status';

interface SetupForm {
  username: string;
  displayName: string;
  password: string;
  repeat: string;
}

const USERNAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/;

/** `onBack`: back to the first start's choice of end (features/desk/FirstStart.tsx). */
export function SetupScreen({ onBack, desk = false }: { onBack?: () => void; desk?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupForm>();
  const apply = useApplyAuthStatus();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (v: SetupForm) => {
    setPending(true);
    setError(null);
    try {
      const input = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password };
      const status = desk ? await call('desk.setup', input) : await call('auth.setup', input);
      markSignedIn();
      navigate(paths.home, undefined, { replace: true });
      apply(status);
    } catch (e) {
      if (!applyIssues(form, e, ['username', 'displayName', 'password'])) setError(authErrorText(e, t, 'auth.setupFailed'));
    } finally {
      setPending(false);
    }
  };

  return (
    <AuthLayout title={desk ? t('desk.setup.title') : t('auth.setupTitle')} width={480}>
      <Alert type="info" showIcon title={desk ? t('desk.setup.intro') : t('auth.setupIntro')} style={{ marginBottom: 16 }} />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<SetupForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="username"
          label={t('auth.username')}
          extra={t('auth.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('auth.usernameRequired') },
            { min: 2, max: 30, message: t('auth.usernameLength') },
            { pattern: USERNAME, message: t('auth.usernameChars') },
          ]}
        >
          <Input autoFocus autoComplete="username" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={desk ? t('desk.setup.displayName') : t('auth.displayName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { field: desk ? t('desk.setup.displayName') : t('auth.displayName') }) }, { max: 30, message: t('validation.maxLength', { max: 30 }) }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          extra={t('auth.passwordHint')}
          dependencies={['username']}
          rules={newPasswordRules(t, () => (form.getFieldValue('username') as string | undefined) ?? '')}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item name="repeat" label={t('auth.repeatPassword')} dependencies={['password']} rules={[repeatRule(t, 'password')]}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
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
