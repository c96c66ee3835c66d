/** The frame of the screens before the app (first start, login, forced password change, recovery): one card, centred. */
import { DatabaseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { LanguageSwitch } from '../../shared/LanguageSwitch';

export function AuthLayout({ title, width = 420, children }: { title: ReactNode; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth-page">
      <div className="auth-top">
        <span className="auth-brand">
          <DatabaseOutlined style={{ marginRight: 8 }} />
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </div>
      <div className="auth-center">
        <Card className="auth-card" style={{ width }} variant="borderless">
          <Typography.Title level={1} className="auth-title">
            {title}
          </Typography.Title>
          {children}
        </Card>
      </div>
    </main>
  );
}

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="auth-page auth-center">
      <Spin description={t('app.loading')} />
    </div>
  );
}

export function StartFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('app.loadFailed')}>
      <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />
      <Button type="primary" onClick={onRetry}>
        {t('app.retry')}
      </Button>
    </AuthLayout>
  );
}
