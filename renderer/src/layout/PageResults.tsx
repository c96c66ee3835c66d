/** The 404 and 403 pages (antd Result, with its illustrations: loaded only when one is shown). */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { navigate, paths } from '../router/hash';

export function NotFound() {
  const { t } = useTranslation();
  return <BackHome status="404" title={t('nav.notFound')} />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <BackHome status="403" title={t('nav.forbidden')} subTitle={t('nav.forbiddenHint')} />;
}

/** A page that cannot be shown, with the way back to the home page. */
function BackHome({ status, title, subTitle }: { status: '403' | '404'; title: string; subTitle?: string }) {
  const { t } = useTranslation();
  return <Result status={status} title={title} subTitle={subTitle} extra={<Button onClick={() => navigate(paths.home)}>{t('nav.backHome')}</Button>} />;
}

/**
 * A consultation that cannot be shown: someone else's item opened by a counsel
 * (the service answers as if it did not exist, so ids cannot be probed) or one
 * that is gone. The way back is the caller's home list.
 */
export function ItemUnavailable({ counselOnly }: { counselOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={counselOnly ? t('detail.noAccess') : t('detail.notFound')}
      subTitle={counselOnly ? t('detail.noAccessHint') : t('detail.notFoundHint')}
      extra={
        <Button type="primary" onClick={() => (counselOnly ? navigate(paths.queue) : navigate(paths.ledger))}>
          {counselOnly ? t('nav.backToQueue') : t('nav.backToLedger')}
        </Button>
      }
    />
  );
}

/** The item's query failed because the item is hidden from the caller or missing (not a failure to retry). */
export function isUnavailableItem(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');
}
