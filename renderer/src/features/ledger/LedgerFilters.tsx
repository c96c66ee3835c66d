/** The filter bar of the ledger: year, category, status, division, counsel, keyword, overdue. */
import { ClearOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUSES } from '#domain/types';
import { useApi } from '../../api/hooks';
import { FilterSelect } from '../../shared/FilterSelect';
import { categoryName } from '../../shared/format';
import { isFiltered, type LedgerFilter } from './filterState';

interface Props {
  filter: LedgerFilter;
  currentYear: number;
  onChange(next: Partial<LedgerFilter>): void;
  onReset(): void;
  /** at the right end of the bar (the row density switch) */
  extra?: ReactNode;
}

export function LedgerFilters({ filter, currentYear, onChange, onReset, extra }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useApi('categories.list', { includeInactive: true });
  const departments = useApi('departments.list', { includeInactive: true });
  const counsels = useApi('counsels.list', { includeInactive: true });
  const [text, setText] = useState(filter.text);
  useEffect(() => setText(filter.text), [filter.text]);

  const knownYears = useApi('consultations.years', {});
  // the years that have consultations, this year, and the one in the URL
  const years = new Set<number>([currentYear, ...(knownYears.data ?? [])]);
  if (typeof filter.year === 'number') years.add(filter.year);
  const yearOptions = [
    ...[...years].sort((a, b) => b - a).map((y) => ({ value: String(y), label: t('ledger.yearValue', { year: y }) })),
    { value: 'all', label: t('ledger.allYears') },
  ];

  // the choices of a category, a division and a counsel: each its select's id, label, width, "any" text and options
  const catalogues = {
    categoryId: { id: 'ledger-category', label: t('field.category'), width: 196, placeholder: t('ledger.anyCategory'), options: (categories.data ?? []).map((c) => ({ value: c.id, label: categoryName(c, i18n.language) })) },
    departmentId: { id: 'ledger-department', label: t('field.department'), width: 150, placeholder: t('ledger.anyDepartment'), options: (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })) },
    counselId: { id: 'ledger-counsel', label: t('field.counsel'), width: 132, placeholder: t('ledger.anyCounsel'), options: (counsels.data ?? []).map((c) => ({ value: c.id, label: c.name })) },
  };
  const catalogueChoice = (field: keyof typeof catalogues) => (
    <FilterSelect<number> {...catalogues[field]} value={filter[field]} onChange={(v?: number) => onChange({ [field]: v })} />
  );

  return (
    <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label={t('ledger.filters')}>
      <Form.Item label={t('ledger.year')} htmlFor="ledger-year">
        <Select
          id="ledger-year"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 112 }}
          value={String(filter.year)}
          options={yearOptions}
          onChange={(v) => onChange({ year: v === 'all' ? 'all' : Number(v) })}
        />
      </Form.Item>
      {catalogueChoice('categoryId')}
      <FilterSelect<LedgerFilter['status']>
        id="ledger-status"
        label={t('field.status')}
        width={132}
        placeholder={t('ledger.anyStatus')}
        value={filter.status}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onChange={(v?: LedgerFilter['status']) => onChange({ status: v })}
      />
      {catalogueChoice('departmentId')}
      {catalogueChoice('counselId')}
      <Form.Item label={t('ledger.keyword')} htmlFor="ledger-keyword">
        <Input.Search
          id="ledger-keyword"
          style={{ width: 300 }}
          allowClear
          maxLength={100}
          placeholder={t('ledger.keywordPlaceholder')}
          enterButton={t('ledger.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => onChange({ text: v })}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox checked={filter.overdue} onChange={(e) => onChange({ overdue: e.target.checked })}>
          {t('ledger.overdueOnly')}
        </Checkbox>
      </Form.Item>
      {isFiltered(filter) ? (
        <Form.Item>
          <Button icon={<ClearOutlined />} onClick={onReset}>
            {t('ledger.resetFilters')}
          </Button>
        </Form.Item>
      ) : null}
      {extra ? <Form.Item style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}>{extra}</Form.Item> : null}
    </Form>
  );
}
