/**
 * 年度统计 (#/reports): the report of a period, or, with a drill-down key in the
 * URL, the consultations behind one of its figures. Both live in the hash
 * (see period.ts), so Back returns from a drill-down to the report.
 */
import { useMemo } from 'react';
import { useAppInfo } from '../../api/hooks';
import { useScreenLocation } from '../../router/hash';
import { LoadFailed, Loading } from '../../shared/PageState';
import { DrilldownView } from './DrilldownView';
import { readDrill, readPeriod } from './period';
import { ReportView } from './ReportView';
import './reports.css';

export function ReportsPage() {
  const info = useAppInfo();
  const location = useScreenLocation();
  const currentYear = info.data ? Number(info.data.today.slice(0, 4)) : null;
  const period = useMemo(() => (currentYear === null ? null : readPeriod(location.query, currentYear)), [location.query, currentYear]);
  const drill = useMemo(() => readDrill(location.query), [location.query]);
  if (info.isError) return <LoadFailed error={info.error} onRetry={() => void info.refetch()} />;
  if (!period || currentYear === null) return <Loading />;
  if (drill) return <DrilldownView period={period} drill={drill} />;
  return <ReportView period={period} currentYear={currentYear} />;
}
