/**
 * 处室、顾问和类别 named in the file that the ledger does not know: create them
 * or map them to an existing entry (categories: map only; creating one is the
 * administrator's, on the categories screen).
 */
import { Card, Checkbox, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCategoryEntry, ImportNameEntry, ImportPlanView } from '#contract/import-contract';
import { useApi } from '../../api/hooks';
import { currentLanguage } from '../../i18n';
import { categoryName } from '../../shared/format';
import { withCategory, withName, type ImportChoices } from './choices';
import { CellSelect, StepTable } from './parts';

interface Props {
  plan: ImportPlanView;
  choices: ImportChoices;
  onChange(update: (c: ImportChoices) => ImportChoices): void;
}

export function NamesCard({ plan, choices, onChange }: Props) {
  const { t } = useTranslation();
  const departments = plan.departments.filter((d) => d.resolution !== 'matched');
  const counsels = plan.counsels.filter((d) => d.resolution !== 'matched');
  const categories = plan.categories.filter((c) => !c.match || c.match.via === 'choice');
  const nothing = departments.length + counsels.length + categories.length === 0;
  return (
    <Card size="small" title={t('import.names.title')}>
      {nothing ? (
        <Typography.Text type="secondary">{t('import.names.allMatched')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('import.names.hint')}</Typography.Paragraph>
          {departments.length ? <NameTable kind="departments" entries={departments} onChange={onChange} /> : null}
          {counsels.length ? <NameTable kind="counsels" entries={counsels} onChange={onChange} /> : null}
          {categories.length ? <CategoryTable entries={categories} onChange={onChange} /> : null}
          {departments.length + counsels.length ? (
            <Checkbox checked={choices.createMissing} onChange={(e) => onChange((c) => ({ ...c, createMissing: e.target.checked }))}>
              {t('import.names.createAll')}
            </Checkbox>
          ) : null}
        </>
      )}
    </Card>
  );
}

function Rows({ entry }: { entry: { rows: number; sampleRows: number[] } }) {
  const { t } = useTranslation();
  return (
    <span>
      {entry.rows} <Typography.Text type="secondary">{t('import.names.sampleRows', { rows: entry.sampleRows.join(t('common.listSeparator')) })}</Typography.Text>
    </span>
  );
}

function NameTable({ kind, entries, onChange }: { kind: 'departments' | 'counsels'; entries: ImportNameEntry[]; onChange: Props['onChange'] }) {
  const { t } = useTranslation();
  const existing = useApi(kind === 'departments' ? 'departments.list' : 'counsels.list', {});
  const suggested = (e: ImportNameEntry) => new Set(e.suggestions.map((s) => s.id));
  const optionsOf = (e: ImportNameEntry) => [
    { value: 'create', label: t('import.names.create') },
    // similar names first
    ...[...(existing.data ?? [])]
      .sort((a, b) => Number(suggested(e).has(b.id)) - Number(suggested(e).has(a.id)))
      .map((x) => ({ value: String(x.id), label: t('import.names.mapTo', { name: x.name }) })),
  ];
  const valueOf = (e: ImportNameEntry) => (e.resolution === 'create' ? 'create' : e.resolution === 'map' && e.targetId ? String(e.targetId) : undefined);
  return (
    <ChoiceTable<ImportNameEntry, string>
      title={t(`import.names.${kind}`)}
      choose={{ key: 'resolution', title: t('import.names.resolution') }}
      entries={entries}
      choice={(e) => ({
        unresolved: e.resolution === 'unresolved',
        placeholder: t('import.names.unresolved'),
        value: valueOf(e),
        options: optionsOf(e),
        onChange: (v) => onChange((c) => withName(c, kind, e.name, v === undefined ? undefined : v === 'create' ? 'create' : Number(v))),
      })}
    />
  );
}

function CategoryTable({ entries, onChange }: { entries: ImportCategoryEntry[]; onChange: Props['onChange'] }) {
  const { t } = useTranslation();
  const categories = useApi('categories.list', {});
  const lang = currentLanguage();
  return (
    <ChoiceTable<ImportCategoryEntry, number>
      title={t('import.names.categories')}
      choose={{ key: 'category', title: t('import.names.categoryChoose') }}
      entries={entries}
      choice={(e) => ({
        unresolved: !e.match,
        placeholder: <Tag color="error">{t('import.names.unresolved')}</Tag>,
        value: e.match?.id,
        options: (categories.data ?? []).map((c) => ({ value: c.id, label: categoryName(c, lang) })),
        onChange: (v) => onChange((c) => withCategory(c, e.name, v)),
      })}
    />
  );
}

/** What a name from the file is to become: whether it is still unresolved, the select's "unresolved" text, value and options, and what a choice does. */
interface Choice<V extends string | number> {
  unresolved: boolean;
  placeholder: ReactNode;
  value: V | undefined;
  options: { value: V; label: string }[];
  onChange(v: V | undefined): void;
}

/** The names of one kind: each name, the rows it stands in, and the choice made for it (marked while unresolved). */
function ChoiceTable<E extends { name: string; rows: number; sampleRows: number[] }, V extends string | number>(props: { title: string; choose: { key: string; title: string }; entries: E[]; choice: (e: E) => Choice<V> }) {
  const { t } = useTranslation();
  const { choose, choice } = props;
  return (
    <StepTable<E>
      rowKey="name"
      style={{ marginBottom: 12 }}
      dataSource={props.entries}
      columns={[
        { title: props.title, dataIndex: 'name', ellipsis: true },
        { title: t('import.names.rows'), key: 'rows', width: 200, render: (_: unknown, e) => <Rows entry={e} /> },
        {
          ...choose,
          width: 300,
          render: (_: unknown, e) => {
            const { unresolved, ...select } = choice(e);
            return <CellSelect<V> status={unresolved ? 'error' : undefined} aria-label={`${choose.title} ${e.name}`} allowClear {...select} />;
          },
        },
      ]}
    />
  );
}
