/**
 * A list page's table, one way on every screen: the load failure (with retry)
 * above a table of the query's rows, no paging unless asked, the empty text;
 * and the columns and row actions the list pages share.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';
import { LoadFailed } from './PageState';

/** what the table needs of a useApi query */
interface ListQuery<D> {
  data: D | undefined;
  isError: boolean;
  error: unknown;
  isPending: boolean;
  refetch(): unknown;
}

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'locale'> & {
  /** the table's text when there are no rows */
  empty?: ReactNode;
} & (
    | { query: ListQuery<readonly T[]>; rows?: undefined }
    /** rows taken out of a larger answer (a page of results, a report) */
    | { query: ListQuery<unknown>; rows: readonly T[] | undefined }
  );

/** rows default to the query's answer, rowKey to "id" */
export function ListTable<T extends object>({ query, rows, empty, ...table }: Props<T>) {
  const data = rows ?? (query as ListQuery<readonly T[]>).data;
  return (
    <>
      {query.isError ? <LoadFailed error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        loading={query.isPending}
        pagination={false}
        dataSource={data ?? []}
        locale={empty === undefined ? undefined : { emptyText: empty }}
        {...table}
      />
    </>
  );
}

/** A list's 新增 button at the head of its page, shown only where the caller may add. */
export function AddButton({ allowed = true, text, onClick }: { allowed?: boolean; text: string; onClick(): void }) {
  return allowed ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {text}
    </Button>
  ) : null;
}

/** the small "no data" picture, with a sentence under it */
export function emptyList(description?: ReactNode) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

/** 状态: 启用 / 停用, for records that are disabled rather than deleted */
export function activeColumn(t: TFunction) {
  return {
    title: t('common.status'),
    dataIndex: 'active',
    width: 100,
    render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
  };
}

/** 操作: the row's buttons, a column only where the caller may use them (spread it into the columns) */
export function actionsColumn<T>(t: TFunction, allowed: boolean, width: number, render: (row: T) => ReactNode) {
  return allowed ? [{ title: t('common.actions'), key: 'actions', width, render: (_: unknown, row: T) => render(row) }] : [];
}

/** Runs a write and says how it went: the done text, or the service's message. */
export function useRun() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
}

interface CatalogRecord {
  id: number;
  active: boolean;
}
interface Mutation<I> {
  mutateAsync(input: I): Promise<unknown>;
}

/**
 * The row buttons of a catalogue whose records are disabled by `update({ id, active })`
 * and deleted by `remove({ id })` (remove is left out where the caller may not delete).
 */
export function useCatalogActions<T extends CatalogRecord>(
  update: Mutation<{ id: number; active: boolean }>,
  remove: Mutation<{ id: number }> | undefined,
  editText: string,
  onEdit: (row: T) => void,
) {
  const { t } = useTranslation();
  const run = useRun();
  return (row: T, deleteConfirm: string) => (
    <CatalogRowActions
      editText={editText}
      onEdit={() => onEdit(row)}
      active={row.active}
      onToggle={() => void run(update.mutateAsync({ id: row.id, active: !row.active }), t('common.saved'))}
      deleteConfirm={deleteConfirm}
      onDelete={remove ? () => run(remove.mutateAsync({ id: row.id }), t('common.deleted')) : undefined}
    />
  );
}

/**
 * The buttons of a catalogue row: edit (or rename), disable / enable, and, where
 * allowed, delete after a confirmation (the service refuses one in use and says why).
 */
export function CatalogRowActions(props: {
  editText: string;
  onEdit(): void;
  active: boolean;
  onToggle(): void;
  deleteConfirm?: string;
  onDelete?(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { onDelete } = props;
  return (
    <Space>
      <Button size="small" onClick={props.onEdit}>
        {props.editText}
      </Button>
      <Button size="small" onClick={props.onToggle}>
        {props.active ? t('common.disable') : t('common.enable')}
      </Button>
      {onDelete ? (
        <Popconfirm
          title={props.deleteConfirm}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onDelete()}
        >
          <Button size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
