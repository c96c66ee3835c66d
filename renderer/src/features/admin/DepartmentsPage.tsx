/** 处室: the requesting divisions. Deleting one in use is refused by the service; its message is shown. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { LIMITS } from '#domain/limits';
import { textCount, textRules } from '../../shared/limits';
import { actionsColumn, activeColumn, emptyList, ListTable, useCatalogActions } from '../../shared/ListTable';
import { PageHead } from '../../shared/PageState';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const list = useApi('departments.list', { includeInactive: true });
  const create = useApiMutation('departments.create');
  const update = useApiMutation('departments.update');
  const remove = useApiMutation('departments.delete');
  const [renaming, setRenaming] = useState<Department | null>(null);
  const actions = useCatalogActions<Department>(update, can('departments.delete') ? remove : undefined, t('departments.rename'), setRenaming);
  const [form] = Form.useForm<{ name: string }>();

  const add = async ({ name }: { name: string }) => {
    try {
      await create.mutateAsync({ name: name.trim() });
      void message.success(t('common.saved'));
      form.resetFields();
    } catch (error) {
      if (!applyIssues(form, error, ['name'])) void message.error(errorText(error, t));
    }
  };

  return (
    <>
      <PageHead title={t('departments.title')} />
      {can('departments.create') ? (
        <Form form={form} name="department-add" layout="inline" onFinish={(v) => void add(v)} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={t('departments.name')} rules={textRules(t, LIMITS.departmentName, t('departments.name'))}>
            <Input placeholder={t('departments.namePlaceholder')} style={{ width: 280 }} count={textCount(LIMITS.departmentName)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
              {t('departments.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
      <ListTable<Department>
        query={list}
        empty={emptyList(t('departments.empty'))}
        columns={[
          { title: t('departments.name'), dataIndex: 'name' },
          { title: t('common.inUseCount'), dataIndex: 'inUse', width: 120, align: 'right' },
          activeColumn(t),
          ...actionsColumn(t, can('departments.update'), 240, (d: Department) => actions(d, t('departments.deleteConfirm', { name: d.name }))),
        ]}
      />
      {renaming ? (
        <FormModal<{ name: string }>
          title={t('departments.renameTitle')}
          okText={t('common.save')}
          doneText={t('common.saved')}
          fields={['name']}
          initialValues={{ name: renaming.name }}
          onClose={() => setRenaming(null)}
          submit={(v) => update.mutateAsync({ id: renaming.id, name: v.name.trim() })}
        >
          {() => (
            <Form.Item name="name" label={t('departments.name')} rules={textRules(t, LIMITS.departmentName, t('departments.name'))}>
              <Input count={textCount(LIMITS.departmentName)} />
            </Form.Item>
          )}
        </FormModal>
      ) : null}
    </>
  );
}
