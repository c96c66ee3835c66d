/** 列对应: each column of the file, its samples, and what it is imported as (proposed from its header; the user may correct it). */
import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type ImportField } from '#domain/import-fields';
import type { ImportColumn, ImportPlanView } from '#contract/import-contract';
import { CellSelect, StepTable } from './parts';

const NOT_IMPORTED = '';

export function MappingTable({ plan, onChange }: { plan: ImportPlanView; onChange(column: number, field: ImportField | null): void }) {
  const { t } = useTranslation();
  const fieldLabel = (f: ImportField) =>
    REQUIRED_IMPORT_FIELDS.includes(f) ? t('import.mapping.required', { field: t(`import.fields.${f}`) }) : t(`import.fields.${f}`);
  const options = [{ value: NOT_IMPORTED, label: t('import.mapping.notImported') }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: fieldLabel(f) }))];
  return (
    <Card size="small" title={t('import.mapping.title')}>
      <Typography.Paragraph type="secondary">{t('import.mapping.hint')}</Typography.Paragraph>
      {plan.missingRequired.length ? (
        <Typography.Paragraph type="danger">
          {t('import.mapping.missingRequired', { fields: plan.missingRequired.map((f) => t(`import.fields.${f}`)).join(t('common.listSeparator')) })}
        </Typography.Paragraph>
      ) : null}
      <StepTable<ImportColumn>
        rowKey="index"
        scroll={{ y: 360 }}
        dataSource={plan.columns}
        columns={[
          { title: t('import.mapping.column'), dataIndex: 'letter', width: 60 },
          { title: t('import.mapping.header'), dataIndex: 'header', width: 170, ellipsis: true },
          {
            title: t('import.mapping.field'),
            key: 'field',
            width: 220,
            render: (_: unknown, c) => (
              <CellSelect
                aria-label={`${t('import.mapping.field')} ${c.letter} ${c.header}`}
                value={c.field ?? NOT_IMPORTED}
                options={options}
                onChange={(v: string) => onChange(c.index, v === NOT_IMPORTED ? null : (v as ImportField))}
              />
            ),
          },
          {
            title: t('import.mapping.samples'),
            key: 'samples',
            ellipsis: true,
            render: (_: unknown, c) =>
              c.samples.map((s, i) => (
                <Tag key={i} variant="outlined">
                  {s}
                </Tag>
              )),
          },
        ]}
      />
    </Card>
  );
}
