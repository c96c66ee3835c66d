/** A workflow dialog: a FormModal that, on a stale version, closes and says the item was reloaded. */
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/FormModal';

export function ActionModal<V extends object>(props: Omit<ComponentProps<typeof FormModal<V>>, 'staleText'>) {
  const { t } = useTranslation();
  return <FormModal<V> {...props} staleText={t('action.refreshed')} />;
}
