/**
 * The consultations behind one figure of the report, in the ledger's table:
 * reports.drilldown gives exactly the ids the figure counted, and
 * consultations.list shows those ids, sorted and paged like the ledger.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Table } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationRow } from '#domain/types';
import { useApi } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { ledgerColumns } from '../ledger/columns';
import { PAGE_SIZES, SORT_FIELDS } from '#domain/ledger-view';
import type { LedgerFilter } from '../ledger/filterState';
import { describeKey, nameBook, periodLabel, spansYears } from './labels';
import { drillQuery, fromReportPeriod, periodQuery, periodToInput, type DrillState, type Period } from './period';

interface Props {
  /** the report's period (the one in the URL) */
  period: Period;
  drill: DrillState;
}

export function DrilldownView({ period, drill }: Props) {
  const { t, i18n } = useTranslation();
  // the tally names the figure (cached: it is the report just left)
  const tally = useApi('reports.tally', periodToInput(period));
  const categories = useApi('categories.list', { includeInactive: true });
  const firms = useApi('firms.list', { includeInactive: true });
  const figurePeriod = drill.prev && tally.data ? fromReportPeriod(tally.data.previous.period) : period;
  const ready = !drill.prev || tally.isSuccess;
  const drilldown = useApi('reports.drilldown', { ...periodToInput(figurePeriod), key: drill.key }, { enabled: ready });
  const ids = drilldown.data?.ids;
  const list = useApi(
    'consultations.list',
    { ids: ids ?? [], sort: drill.sort, order: drill.order, page: drill.page, pageSize: drill.pageSize },
    { enabled: ids !== undefined && ids.length > 0, keepPrevious: true },
  );

  const back = () => navigate(paths.reports, periodQuery(period));
  const update = (next: Partial<DrillState>) => navigate(paths.reports, drillQuery(period, { ...drill, ...next }), { replace: true });

  const head = (
    <PageHead
      title={t('reports.drill.title')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('reports.drill.back')}
        </Button>
      }
    />
  );
  if (drilldown.isError) {
    return (
      <>
        {head}
        <LoadFailed error={drilldown.error} onRetry={() => void drilldown.refetch()} />
      </>
    );
  }
  if (!drilldown.data || !tally.data) {
    return (
      <>
        {head}
        {tally.isError ? <LoadFailed error={tally.error} onRetry={() => void tally.refetch()} /> : <Loading />}
      </>
    );
  }

  const d = drilldown.data;
  const names = nameBook(tally.data, categories.data, i18n.language, t, firms.data);
  const figure = describeKey(d.key, names, spansYears(drill.prev ? tally.data.previous : tally.data), t);
  const what = `${periodLabel(figurePeriod, t)}${t('reports.keys.separator')}${t('reports.drill.figure', { label: figure, count: d.count, items: d.items })}`;
  const filter: LedgerFilter = {
    year: 'all',
    overdue: false,
    text: '',
    sort: drill.sort,
    order: drill.order,
    page: drill.page,
    pageSize: drill.pageSize,
  };

  const onTableChange: TableProps<ConsultationRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = SORT_FIELDS.find((f) => f === s?.columnKey);
      if (field && s?.order) update({ sort: field, order: s.order === 'ascend' ? 'asc' : 'desc', page: 1 });
      else update({ sort: 'receivedOn', order: 'asc', page: 1 });
    } else if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? drill.pageSize });
    }
  };

  return (
    <>
      {head}
      <Alert type="info" showIcon className="report-drill-banner" title={t('reports.drill.from', { what })} style={{ marginBottom: 12 }} />
      <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
        {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<ConsultationRow>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          loading={d.ids.length > 0 && list.isFetching}
          columns={ledgerColumns(t, i18n.language, filter)}
          dataSource={d.ids.length > 0 ? (list.data?.rows ?? []) : []}
          onChange={onTableChange}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.drill.empty')} /> }}
          pagination={{
            current: drill.page,
            pageSize: drill.pageSize,
            total: d.ids.length > 0 ? (list.data?.total ?? 0) : 0,
            showSizeChanger: true,
            pageSizeOptions: [...PAGE_SIZES],
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Card>
    </>
  );
}
