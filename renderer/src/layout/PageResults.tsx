/** The 404 and 403 pages (antd Result, with its illustrations: loaded only when one is shown). */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../router/hash';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('nav.notFound')}
      extra={<Button onClick={() => navigate(paths.home)}>{t('nav.backHome')}</Button>}
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('nav.forbidden')}
      subTitle={t('nav.forbiddenHint')}
      extra={<Button onClick={() => navigate(paths.home)}>{t('nav.backHome')}</Button>}
    />
  );
}
