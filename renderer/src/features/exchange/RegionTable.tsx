/** A small unpaged table in a region named by its label (the screens' tables are found by that name, in tests and by screen readers). */
import { Table, type TableProps } from 'antd';

export function RegionTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  return (
    <div role="region" aria-label={label}>
      <Table<T> size="small" pagination={false} {...props} />
    </div>
  );
}
