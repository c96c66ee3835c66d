/**
 * One choice of a filter bar, the same on every list: a labelled form item (the
 * label points at the select), searchable by label, cleared back to "any" (the
 * placeholder), its menu as wide as its longest option.
 */
import { Form, Select } from 'antd';
import type { SelectProps } from 'antd';

type Props<V> = Omit<SelectProps<V>, 'id' | 'style'> & {
  id: string;
  label: string;
  width: number;
  /** the form field, on a form that holds the filter's values */
  name?: string;
};

export function FilterSelect<V>({ id, label, width, name, ...select }: Props<V>) {
  return (
    <Form.Item name={name} label={label} htmlFor={id}>
      <Select<V> id={id} showSearch={{ optionFilterProp: 'label' }} style={{ width }} allowClear popupMatchSelectWidth={false} {...select} />
    </Form.Item>
  );
}
