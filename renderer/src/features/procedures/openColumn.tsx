/** The 查看 column of the procedure lists: opens the item. */
import { Button } from 'antd';
import type { TFunction } from 'i18next';
import { navigate, paths } from '../../router/hash';

export function openColumn<T extends { consultationId: number }>(t: TFunction) {
  return {
    title: t('common.actions'),
    key: 'open',
    width: 80,
    render: (_: unknown, r: T) => (
      <Button size="small" type="link" onClick={() => navigate(paths.detail(r.consultationId))}>
        {t('procedures.open')}
      </Button>
    ),
  };
}
