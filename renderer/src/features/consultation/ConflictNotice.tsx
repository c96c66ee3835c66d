/** After a conflict and a reload: what was merged in, and where both sides changed a field. */
import { Alert, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, Department } from '#domain/types';
import { categoryName } from '../../shared/format';
import type { ConsultationFields, FormField } from './formValues';

export interface Reloaded {
  version: number;
  theirs: ConsultationFields;
  takenFromTheirs: FormField[];
  clashes: FormField[];
}

const LABEL_KEY = {
  title: 'field.title',
  categoryId: 'field.category',
  departmentId: 'field.department',
  requester: 'field.requester',
  receivedOn: 'field.receivedOn',
  dueOn: 'field.dueOn',
  itemCount: 'field.itemCount',
  description: 'field.description',
  note: 'field.note',
} as const satisfies Record<FormField, string>;

interface Props {
  reloaded: Reloaded;
  categories: Category[];
  departments: Department[];
  onUseTheirs(field: FormField): void;
}

export function ConflictNotice({ reloaded, categories, departments, onUseTheirs }: Props) {
  const { t, i18n } = useTranslation();
  const label = (f: FormField) => t(LABEL_KEY[f]);
  const show = (f: FormField): string => {
    const v = reloaded.theirs[f];
    if (f === 'categoryId') {
      const c = categories.find((x) => x.id === v);
      return c ? categoryName(c, i18n.language) : String(v);
    }
    if (f === 'departmentId') return departments.find((x) => x.id === v)?.name ?? String(v);
    return v === null || v === undefined || v === '' ? t('form.empty') : String(v);
  };
  const { takenFromTheirs, clashes } = reloaded;
  return (
    <Alert
      type={clashes.length > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={t('form.reloadedTitle', { version: reloaded.version })}
      description={
        <>
          {takenFromTheirs.length > 0 ? (
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t('form.reloadedMerged', { fields: takenFromTheirs.map(label).join(t('common.listSeparator')) })}
            </Typography.Paragraph>
          ) : null}
          {clashes.length > 0 ? (
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{t('form.reloadedKept')}</Typography.Paragraph>
              <List
                size="small"
                dataSource={clashes}
                renderItem={(f) => (
                  <List.Item
                    actions={[
                      <Button key="use" size="small" onClick={() => onUseTheirs(f)}>
                        {t('form.useServer')}
                      </Button>,
                    ]}
                  >
                    <Typography.Text strong>{label(f)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 12 }} ellipsis>
                      {t('form.serverValue', { value: show(f) })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </>
          ) : (
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('form.reloadedNoOverlap')}</Typography.Paragraph>
          )}
        </>
      }
    />
  );
}
