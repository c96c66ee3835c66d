/** 咨询台账: the year's consultations, newest first, filtered, sorted and paged by the service. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Segmented, Table, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationRow } from '#domain/types';
import { useApi, useAppInfo, useAuthStatus, useCan } from '../../api/hooks';
import { readUserPref, writeUserPref } from '../../shared/userPrefs';
import { navigate, paths, useScreenLocation } from '../../router/hash';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { ledgerColumns } from './columns';
import { PAGE_SIZES, SORT_FIELDS } from '#domain/ledger-view';
import { filterToInput, filterToQuery, isFiltered, readFilter, rememberLedgerQuery, type LedgerFilter } from './filterState';
import { LedgerFilters } from './LedgerFilters';
import { RemindersBar } from '../queue/RemindersBar';

/** Shown once, on an empty ledger: not part of the usual first screen. */
const FirstRunGuide = lazy(() => import('./FirstRunGuide').then((m) => ({ default: m.FirstRunGuide })));

export function LedgerPage() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const can = useCan();
  if (info.isPending) return <Loading />;
  if (info.isError) return <LoadFailed error={info.error} onRetry={() => void info.refetch()} />;
  return (
    <>
      <PageHead
        title={t('ledger.title')}
        extra={
          can('consultations.create') ? (
            <Tooltip title={t('ledger.shortcutNew')}>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(paths.new)}>
                {t('ledger.register')}
              </Button>
            </Tooltip>
          ) : null
        }
      />
      <RemindersBar />
      {info.data.isFirstRun ? (
        <Suspense fallback={<Loading />}>
          <FirstRunGuide />
        </Suspense>
      ) : (
        <LedgerTable currentYear={Number(info.data.today.slice(0, 4))} />
      )}
    </>
  );
}

const DENSITIES = ['standard', 'compact'] as const;
type Density = (typeof DENSITIES)[number];

/** The ledger's row density, remembered for each user on this computer. */
function useDensity(): [Density, (d: Density) => void] {
  const username = useAuthStatus().data?.user?.username;
  const [density, setState] = useState<Density>(() => (readUserPref(username, 'ledgerDensity') === 'compact' ? 'compact' : 'standard'));
  const set = (d: Density) => {
    setState(d);
    writeUserPref(username, 'ledgerDensity', d);
  };
  return [density, set];
}

function LedgerTable({ currentYear }: { currentYear: number }) {
  const { t, i18n } = useTranslation();
  const location = useScreenLocation();
  const filter = useMemo(() => readFilter(location.query, currentYear), [location.query, currentYear]);
  const query = useMemo(() => filterToQuery(filter, currentYear), [filter, currentYear]);
  useEffect(() => rememberLedgerQuery(query), [query]);
  const list = useApi('consultations.list', filterToInput(filter));
  const [density, setDensity] = useDensity();

  const update = (next: Partial<LedgerFilter>) => {
    // any change of the filter starts again from page 1, unless it is the page itself
    const page = next.page ?? 1;
    navigate(paths.ledger, filterToQuery({ ...filter, ...next, page }, currentYear), { replace: true });
  };

  const onTableChange: TableProps<ConsultationRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = SORT_FIELDS.find((f) => f === s?.columnKey);
      if (field && s?.order) update({ sort: field, order: s.order === 'ascend' ? 'asc' : 'desc' });
      else update({ sort: 'receivedOn', order: 'desc' });
    } else if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? filter.pageSize });
    }
  };

  const emptyText = isFiltered(filter)
    ? t('ledger.emptyFiltered')
    : filter.year === 'all'
      ? t('ledger.emptyFiltered')
      : t('ledger.emptyYear', { year: filter.year });

  return (
    <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
      <LedgerFilters
        filter={filter}
        currentYear={currentYear}
        onChange={update}
        onReset={() => update({ categoryId: undefined, departmentId: undefined, counselId: undefined, status: undefined, overdue: false, text: '' })}
        extra={
          <Segmented<Density>
            aria-label={t('ledger.density')}
            value={density}
            onChange={setDensity}
            options={DENSITIES.map((d) => ({ value: d, label: t(`ledger.densities.${d}`) }))}
          />
        }
      />
      {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ConsultationRow>
        rowKey="id"
        size={density === 'compact' ? 'small' : 'middle'}
        className={density === 'compact' ? 'ledger-table ledger-compact' : 'ledger-table'}
        tableLayout="fixed"
        loading={list.isFetching}
        columns={ledgerColumns(t, i18n.language, filter)}
        dataSource={list.data?.rows ?? []}
        onChange={onTableChange}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [...PAGE_SIZES],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
