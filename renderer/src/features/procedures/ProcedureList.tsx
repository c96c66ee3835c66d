/** The procedure lists (待签发意见, 规范性文件清理): a list page's table, each row with a 查看 that opens its item. */
import { Button } from 'antd';
import type { TFunction } from 'i18next';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../../router/hash';
import { ListTable } from '../../shared/ListTable';

function openColumn<T extends { consultationId: number }>(t: TFunction) {
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

export function ProcedureList<T extends { consultationId: number }>(props: ComponentProps<typeof ListTable<T>>) {
  const { t } = useTranslation();
  return <ListTable<T> size="middle" {...props} columns={[...(props.columns ?? []), openColumn<T>(t)]} />;
}
