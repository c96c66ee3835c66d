/**
 * A list page's table over a paged answer ({ rows, total }): the answer's rows in a
 * fixed layout, with the table's spinner while any fetch runs (another page, another
 * filter). The paging itself is the caller's (`pagination`).
 */
import type { ComponentProps } from 'react';
import { ListTable } from './ListTable';

type ListProps<T extends object> = ComponentProps<typeof ListTable<T>>;
type Props<T extends object> = Omit<ListProps<T>, 'query' | 'rows'> & {
  query: ListProps<T>['query'] & { data: { rows: readonly T[] } | undefined; isFetching: boolean };
};

export function PagedListTable<T extends object>({ query, ...table }: Props<T>) {
  return <ListTable<T> query={query} rows={query.data?.rows} loading={query.isFetching} tableLayout="fixed" {...table} />;
}
