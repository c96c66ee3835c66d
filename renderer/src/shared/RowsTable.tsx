/**
 * A table of rows already at hand (part of a loaded answer, or rows being edited):
 * every row at once, no paging; rowKey defaults to "id". A list page with its own
 * query uses ListTable.
 */
import { Table } from 'antd';
import type { TableProps } from 'antd';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination'> & { rows: readonly T[] };

export function RowsTable<T extends object>({ rows, ...table }: Props<T>) {
  return <Table<T> rowKey="id" pagination={false} dataSource={rows} {...table} />;
}
