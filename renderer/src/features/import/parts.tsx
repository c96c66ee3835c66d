/** The wizard's table and choice list: every step's table is small, fixed in layout and shows all its rows (scrolled, not paged). */
import { Select, Table, type SelectProps, type TableProps } from 'antd';

export function StepTable<T extends object>(props: TableProps<T>) {
  return <Table<T> size="small" tableLayout="fixed" pagination={false} {...props} />;
}

/** A choice in a table cell: the cell's width, searched by its labels. */
export function CellSelect<V>(props: SelectProps<V>) {
  return <Select<V> size="small" style={{ width: '100%' }} showSearch={{ optionFilterProp: 'label' }} {...props} />;
}
