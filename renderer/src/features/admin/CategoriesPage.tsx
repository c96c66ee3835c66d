/** 类别: built-in and custom categories. Built-in ones and ones in use cannot be deleted (the service says why). */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { LIMITS } from '#domain/limits';
import { textCount } from '../../shared/limits';
import { LoadFailed, PageHead } from '../../shared/PageState';
import { ProcedureColumn } from '../procedures/ProcedureColumn';

export function CategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const list = useApi('categories.list', { includeInactive: true });
  const update = useApiMutation('categories.update');
  const remove = useApiMutation('categories.delete');
  const [editing, setEditing] = useState<Category | 'new' | null>(null);

  const run = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <>
      <PageHead
        title={t('categories.title')}
        extra={
          can('categories.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('categories.add')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('categories.hint')}</Typography.Paragraph>
      {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Category>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
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
          {
            title: t('common.status'),
            dataIndex: 'active',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
          ...(can('categories.update')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 220,
                  render: (_: unknown, c: Category) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(c)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="small" onClick={() => void run(update.mutateAsync({ id: c.id, active: !c.active }), t('common.saved'))}>
                        {c.active ? t('common.disable') : t('common.enable')}
                      </Button>
                      {can('categories.delete') ? (
                        <Popconfirm
                          title={t('categories.deleteConfirm', { name: c.nameZh })}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => run(remove.mutateAsync({ id: c.id }), t('common.deleted'))}
                        >
                          <Button size="small" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
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
          <Form.Item
            name="nameZh"
            label={t('categories.nameZh')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: t('categories.nameZh') }) },
              { max: LIMITS.categoryNameZh, message: t('validation.maxLength', { max: LIMITS.categoryNameZh }) },
            ]}
          >
            <Input count={textCount(LIMITS.categoryNameZh)} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('categories.nameEn')} rules={[{ max: LIMITS.categoryNameEn, message: t('validation.maxLength', { max: LIMITS.categoryNameEn }) }]}>
            <Input count={textCount(LIMITS.categoryNameEn)} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
