/** 处室: the requesting divisions. Deleting one in use is refused by the service; its message is shown. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { LIMITS } from '#domain/limits';
import { textCount } from '../../shared/limits';
import { LoadFailed, PageHead } from '../../shared/PageState';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const list = useApi('departments.list', { includeInactive: true });
  const create = useApiMutation('departments.create');
  const update = useApiMutation('departments.update');
  const remove = useApiMutation('departments.delete');
  const [renaming, setRenaming] = useState<Department | null>(null);
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
      <PageHead title={t('departments.title')} />
      {can('departments.create') ? (
        <Form form={form} name="department-add" layout="inline" onFinish={(v) => void add(v)} style={{ marginBottom: 16 }}>
          <Form.Item
            name="name"
            label={t('departments.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: t('departments.name') }) },
              { max: LIMITS.departmentName, message: t('validation.maxLength', { max: LIMITS.departmentName }) },
            ]}
          >
            <Input placeholder={t('departments.namePlaceholder')} style={{ width: 280 }} count={textCount(LIMITS.departmentName)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
              {t('departments.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
      {list.isError ? <LoadFailed error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Department>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.empty')} /> }}
        columns={[
          { title: t('departments.name'), dataIndex: 'name' },
          { title: t('common.inUseCount'), dataIndex: 'inUse', width: 120, align: 'right' },
          {
            title: t('common.status'),
            dataIndex: 'active',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
          ...(can('departments.update')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 240,
                  render: (_: unknown, d: Department) => (
                    <Space>
                      <Button size="small" onClick={() => setRenaming(d)}>
                        {t('departments.rename')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => void run(update.mutateAsync({ id: d.id, active: !d.active }), t('common.saved'))}
                      >
                        {d.active ? t('common.disable') : t('common.enable')}
                      </Button>
                      {can('departments.delete') ? (
                        <Popconfirm
                          title={t('departments.deleteConfirm', { name: d.name })}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => run(remove.mutateAsync({ id: d.id }), t('common.deleted'))}
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
            <Form.Item
              name="name"
              label={t('departments.name')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required', { field: t('departments.name') }) },
                { max: LIMITS.departmentName, message: t('validation.maxLength', { max: LIMITS.departmentName }) },
              ]}
            >
              <Input count={textCount(LIMITS.departmentName)} />
            </Form.Item>
          )}
        </FormModal>
      ) : null}
    </>
  );
}
