/** Loading and failure of a page's main query, the same way on every screen. */
import { Alert, Button, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={errorText(error, t)}
      action={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}

/** The page's title (with its buttons on the right) and, under it, an optional hint in grey. */
export function PageHead({ title, extra, hint }: { title: ReactNode; extra?: ReactNode; hint?: ReactNode }) {
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        {extra ? <div>{extra}</div> : null}
      </div>
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
    </>
  );
}
