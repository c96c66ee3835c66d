/** 类别: built-in and custom categories. Built-in ones and ones in use cannot be deleted (the service says why). */
import { Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { FormModal } from '../../shared/FormModal';
import { LIMITS } from '#domain/limits';
import { textCount, textRules } from '../../shared/limits';
import { actionsColumn, activeColumn, AddButton, ListTable, useCatalogActions } from '../../shared/ListTable';
import { PageHead } from '../../shared/PageState';
import { ProcedureColumn } from '../procedures/ProcedureColumn';

export function CategoriesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useApi('categories.list', { includeInactive: true });
  const update = useApiMutation('categories.update');
  const remove = useApiMutation('categories.delete');
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const actions = useCatalogActions<Category>(update, can('categories.delete') ? remove : undefined, t('common.edit'), setEditing);

  return (
    <>
      <PageHead
        title={t('categories.title')}
        hint={t('categories.hint')}
        extra={<AddButton allowed={can('categories.create')} text={t('categories.add')} onClick={() => setEditing('new')} />}
      />
      <ListTable<Category>
        query={list}
        size="middle"
        columns={[
          { title: t('categories.nameZh'), dataIndex: 'nameZh' },
          { title: t('categories.nameEn'), dataIndex: 'nameEn' },
          {
            title: t('categories.builtIn'),
            dataIndex: 'builtIn',
            width: 110,
            render: (v: boolean) => (v ? <Tag color="blue">{t('categories.builtIn')}</Tag> : <Tag>{t('categories.custom')}</Tag>),
          },
          { title: t('common.inUseCount'), dataIndex: 'inUse', width: 110, align: 'right' },
          { title: t('procedures.settings'), key: 'procedure', render: (_: unknown, c: Category) => <ProcedureColumn categoryId={c.id} /> },
          activeColumn(t),
          ...actionsColumn(t, can('categories.update'), 220, (c: Category) => actions(c, t('categories.deleteConfirm', { name: c.nameZh }))),
        ]}
      />
      {editing ? <CategoryDialog category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function CategoryDialog({ category, onClose }: { category: Category | null; onClose(): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('categories.create');
  const update = useApiMutation('categories.update');
  return (
    <FormModal<{ nameZh: string; nameEn: string }>
      title={category ? t('categories.editTitle') : t('categories.add')}
      okText={t('common.save')}
      doneText={t('common.saved')}
      fields={['nameZh', 'nameEn']}
      initialValues={{ nameZh: category?.nameZh ?? '', nameEn: category?.nameEn ?? '' }}
      onClose={onClose}
      submit={(v) => {
        const fields = { nameZh: v.nameZh.trim(), nameEn: (v.nameEn ?? '').trim() };
        return category ? update.mutateAsync({ id: category.id, ...fields }) : create.mutateAsync(fields);
      }}
    >
      {() => (
        <>
          <Form.Item name="nameZh" label={t('categories.nameZh')} rules={textRules(t, LIMITS.categoryNameZh, t('categories.nameZh'))}>
            <Input count={textCount(LIMITS.categoryNameZh)} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('categories.nameEn')} rules={textRules(t, LIMITS.categoryNameEn)}>
            <Input count={textCount(LIMITS.categoryNameEn)} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
