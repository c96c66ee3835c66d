/** The report's period: a calendar year, or a custom range of days (at most ten years). */
import { DatePicker, Form, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { DAY_FORMAT, fromDay, toDay } from '../../shared/format';
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
  const range: [Dayjs | null, Dayjs | null] =
    period.kind === 'range' ? [fromDay(period.from), fromDay(period.to)] : [fromDay(`${shownYear}-01-01`), fromDay(`${shownYear}-12-31`)];

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
        <Form.Item label={t('reports.range')} htmlFor="report-range">
          <DatePicker.RangePicker
            id={{ start: 'report-range', end: 'report-range-end' }}
            format={DAY_FORMAT}
            allowClear={false}
            value={range}
            placeholder={[t('reports.rangeStart'), t('reports.rangeEnd')]}
            style={{ width: 260 }}
            onChange={(values) => {
              const from = toDay(values?.[0]);
              const to = toDay(values?.[1]);
              if (from && to) onChange({ kind: 'range', from, to });
            }}
          />
        </Form.Item>
      )}
    </Form>
  );
}
