/** A form's drop-down that finds its options by their label as one types, with the form's placeholder (请选择). */
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

export function SearchSelect<V>(props: SelectProps<V>) {
  const { t } = useTranslation();
  return <Select<V> showSearch={{ optionFilterProp: 'label' }} placeholder={t('form.selectPlaceholder')} {...props} />;
}
