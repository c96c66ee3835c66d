/**
 * 年度统计: the period picker and exports, the headline figures with the
 * previous period, the report sentence, the charts, the tables and the items
 * open at the period's end. Every number opens its consultations.
 */
import { Alert, Card, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useSettings } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { formatInstant } from '../../shared/format';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';
import { CarriedOverTable } from './CarriedOverTable';
import { YearCaseFilesButton } from '../documents/YearCaseFilesButton';
import { ExportButtons } from './ExportButtons';
import { FigureOpenerContext, type FigureOpener } from './FigureLink';
import { nameBook, periodLabel } from './labels';
import { drillQuery, periodQuery, periodToInput, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { ReportTables } from './ReportTables';
import { SentenceCard } from './SentenceCard';
import { CostCard } from '../engagement/CostCard';
import { SummaryFigures } from './SummaryFigures';
import { ProcedureFiguresCard } from '../procedures/ProcedureFiguresCard';

const ReportCharts = lazy(() => import('./charts/ReportCharts'));

/** While the report is on screen, the print stylesheet lays it out (and hides the app's frame). */
function usePrintableBody(): void {
  useEffect(() => {
    document.body.classList.add('report-printable');
    return () => document.body.classList.remove('report-printable');
  }, []);
}

function Section({ title, breakBefore, children }: { title: string; breakBefore?: boolean; children: ReactNode }) {
  return (
    <section className={`report-section${breakBefore ? ' report-page-break' : ''}`} aria-label={title}>
      <h2 className="report-section-title">{title}</h2>
      {children}
    </section>
  );
}

export function ReportView({ period, currentYear }: { period: Period; currentYear: number }) {
  const { t, i18n } = useTranslation();
  usePrintableBody();
  const input = periodToInput(period);
  const tally = useApi('reports.tally', input, { keepPrevious: true });
  const categories = useApi('categories.list', { includeInactive: true });
  const settings = useSettings();
  const data = tally.data;
  const names = useMemo(() => (data ? nameBook(data, categories.data, i18n.language, t) : null), [data, categories.data, i18n.language, t]);
  const opener = useMemo<FigureOpener>(() => ({ open: (key, prev) => navigate(paths.reports, drillQuery(period, { key, prev })) }), [period]);
  const label = periodLabel(period, t);

  const head = (
    <PageHead
      title={t('reports.title')}
      extra={
        <Space wrap size={8}>
          <ExportButtons period={input} disabled={!data || tally.isPlaceholderData} />
          <YearCaseFilesButton year={period.kind === 'year' ? period.year : null} />
        </Space>
      }
    />
  );
  const picker = (
    <div className="report-toolbar report-no-print">
      <PeriodPicker period={period} currentYear={currentYear} onChange={(p) => navigate(paths.reports, periodQuery(p))} />
      {tally.isFetching ? <Spin size="small" description={t('reports.refreshing')} /> : null}
    </div>
  );

  if (tally.isError && !data) {
    return (
      <>
        {head}
        {picker}
        <LoadFailed error={tally.error} onRetry={() => void tally.refetch()} />
      </>
    );
  }
  if (!data || !names) {
    return (
      <>
        {head}
        {picker}
        <Loading />
      </>
    );
  }

  const previousWord = period.kind === 'year' ? t('reports.previous.year') : t('reports.previous.range');
  return (
    <FigureOpenerContext.Provider value={opener}>
      {head}
      {picker}
      <div className={`report-body${tally.isPlaceholderData ? ' report-stale' : ''}`} aria-busy={tally.isFetching}>
        <header className="report-print-head">
          <div className="report-print-office">{settings.data?.officeName}</div>
          <h1>{t('reports.printTitle', { period: label })}</h1>
        </header>
        <div className="report-caption">
          <Typography.Title level={2} className="report-period-title">
            {label}
          </Typography.Title>
          <Typography.Text type="secondary">{t('reports.generatedAt', { at: formatInstant(data.generatedAt) })}</Typography.Text>
          <Typography.Text type="secondary" className="report-no-print">
            {t('reports.charts.clickHint')}
          </Typography.Text>
        </div>
        {data.scope === 'own' ? <Alert type="info" showIcon title={t('reports.ownScope')} style={{ marginBottom: 12 }} /> : null}
        {data.total.count === 0 ? (
          <Alert type="warning" showIcon title={t('reports.emptyPeriod', { period: label })} style={{ marginBottom: 12 }} />
        ) : null}

        <Section title={t('reports.sections.summary')}>
          <SummaryFigures tally={data} previousWord={previousWord} />
          <SentenceCard sentence={data.sentence} />
          <CostCard period={input} />
          <ProcedureFiguresCard period={input} />
        </Section>

        <Section title={t('reports.sections.charts')} breakBefore>
          <Suspense fallback={<Card size="small"><Loading /></Card>}>
            <ReportCharts tally={data} names={names} />
          </Suspense>
        </Section>

        <Section title={t('reports.sections.tables')} breakBefore>
          <ReportTables tally={data} names={names} />
        </Section>

        <Section title={t('reports.sections.carriedOver')} breakBefore>
          <CarriedOverTable tally={data} />
        </Section>
      </div>
    </FigureOpenerContext.Provider>
  );
}
