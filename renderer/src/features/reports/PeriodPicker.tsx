/** The report's period: a calendar year, or a custom range of days (at most ten years). */
import { Form, Segmented, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { DateInput } from '../../shared/DateInput';
import type { Period } from './period';

interface Props {
  period: Period;
  currentYear: number;
  onChange(next: Period): void;
}

export function PeriodPicker({ period, currentYear, onChange }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Period['kind']>(period.kind);
  useEffect(() => setMode(period.kind), [period.kind]);
  const knownYears = useApi('consultations.years', {});
  const shownYear = period.kind === 'year' ? period.year : Number(period.from.slice(0, 4));
  // the years with consultations, this year, the year before and the one shown
  const years = [...new Set<number>([currentYear, currentYear - 1, shownYear, ...(knownYears.data ?? [])])].sort((a, b) => b - a);
  const shown = period.kind === 'range' ? { from: period.from, to: period.to } : { from: `${shownYear}-01-01`, to: `${shownYear}-12-31` };
  // the two ends as typed (understood days only); the period changes once both are there and in order
  const [ends, setEnds] = useState<{ from: string | null; to: string | null }>(shown);
  useEffect(() => setEnds({ from: shown.from, to: shown.to }), [shown.from, shown.to]);
  const reversed = ends.from !== null && ends.to !== null && ends.to < ends.from;
  const setEnd = (which: 'from' | 'to', day: string | null) => {
    const next = { ...ends, [which]: day };
    setEnds(next);
    if (next.from && next.to && next.from <= next.to) onChange({ kind: 'range', from: next.from, to: next.to });
  };
  const endInput = (which: 'from' | 'to', id: string, label: string, notBefore?: string) => (
    <DateInput id={id} standalone aria-label={label} placeholder={label} value={ends[which]} notBefore={notBefore} style={{ width: 170 }} onChange={(day) => setEnd(which, day)} />
  );

  return (
    <Form layout="inline" className="report-period report-no-print" aria-label={t('reports.period')} style={{ rowGap: 8 }}>
      <Form.Item>
        <Segmented
          aria-label={t('reports.period')}
          value={mode}
          options={[
            { value: 'year', label: t('reports.byYear') },
            { value: 'range', label: t('reports.byRange') },
          ]}
          onChange={(v) => {
            const next = v as Period['kind'];
            setMode(next);
            // back to years: the year the range started in
            if (next === 'year' && period.kind === 'range') onChange({ kind: 'year', year: shownYear });
          }}
        />
      </Form.Item>
      {mode === 'year' ? (
        <Form.Item label={t('reports.year')} htmlFor="report-year">
          <Select
            id="report-year"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 112 }}
            value={String(shownYear)}
            options={years.map((y) => ({ value: String(y), label: t('reports.yearOption', { year: y }) }))}
            onChange={(v) => onChange({ kind: 'year', year: Number(v) })}
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('reports.range')} htmlFor="report-range" help={reversed ? <Typography.Text type="danger">{t('reports.rangeReversed')}</Typography.Text> : undefined}>
          <Space size={8} align="start">
            {endInput('from', 'report-range', t('reports.rangeStart'))}
            <span style={{ lineHeight: '32px' }}>–</span>
            {endInput('to', 'report-range-end', t('reports.rangeEnd'), ends.from ?? undefined)}
          </Space>
        </Form.Item>
      )}
    </Form>
  );
}
