/** 法律顾问: the roster of lawyers (with their firm and engagement period); disabled, never deleted. */
import { AutoComplete, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counsel } from '#domain/types';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { parseDateInput } from '#domain/date-input';
import { LIMITS } from '#domain/limits';
import { DateInput, dateRules } from '../../shared/DateInput';
import { textCount, textRules } from '../../shared/limits';
import { actionsColumn, activeColumn, AddButton, CatalogRowActions, emptyList, ListTable, useRun } from '../../shared/ListTable';
import { FormModal } from '../../shared/FormModal';
import { PageHead } from '../../shared/PageState';

interface CounselForm {
  name: string;
  firm: string;
  phone: string;
  engagedFrom: string | null;
  engagedTo: string | null;
}

export function CounselsPage() {
  const { t } = useTranslation();
  const run = useRun();
  const can = useCan();
  const list = useApi('counsels.list', { includeInactive: true });
  const update = useApiMutation('counsels.update');
  const [editing, setEditing] = useState<Counsel | 'new' | null>(null);

  const toggle = (c: Counsel) =>
    run(update.mutateAsync({ id: c.id, version: c.version, active: !c.active }), t(c.active ? 'counsels.disabled' : 'counsels.enabled', { name: c.name }));

  return (
    <>
      <PageHead
        title={t('counsels.title')}
        extra={<AddButton allowed={can('counsels.create')} text={t('counsels.add')} onClick={() => setEditing('new')} />}
      />
      <ListTable<Counsel>
        query={list}
        empty={emptyList(t('counsels.empty'))}
        columns={[
          { title: t('counsels.name'), dataIndex: 'name', width: 140 },
          { title: t('counsels.firm'), dataIndex: 'firm' },
          { title: t('counsels.phone'), dataIndex: 'phone', width: 160, render: (v: string) => v || t('common.none') },
          {
            title: t('counsels.engagement'),
            key: 'engagement',
            width: 240,
            render: (_: unknown, c) =>
              c.engagedFrom || c.engagedTo ? `${c.engagedFrom ?? ''} ~ ${c.engagedTo ?? t('counsels.open')}` : t('common.none'),
          },
          activeColumn(t),
          ...actionsColumn(t, can('counsels.update'), 160, (c: Counsel) => (
            <CatalogRowActions editText={t('common.edit')} onEdit={() => setEditing(c)} active={c.active} onToggle={() => void toggle(c)} />
          )),
        ]}
      />
      {editing ? <CounselDialog counsel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

/** 律师事务所: typed, or taken from the firm records (so one firm is spelled one way; a new name becomes a new firm). */
function FirmInput(props: { value?: string; onChange?: (value: string) => void; id?: string }) {
  const records = useApi('firms.list', { includeInactive: true });
  const typed = (props.value ?? '').trim();
  const firms = (records.data ?? []).map((f) => f.name).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const options = firms.filter((f) => f !== typed && f.includes(typed)).map((f) => ({ value: f }));
  return (
    <AutoComplete {...props} options={options}>
      <Input count={textCount(LIMITS.firm)} />
    </AutoComplete>
  );
}

function CounselDialog({ counsel, onClose }: { counsel: Counsel | null; onClose(): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('counsels.create');
  const update = useApiMutation('counsels.update');
  const title = counsel ? t('counsels.editTitle') : t('counsels.add');
  return (
    <FormModal<CounselForm>
      title={title}
      okText={t('common.save')}
      doneText={t('common.saved')}
      staleText={t('errors.CONFLICT')}
      fields={['name', 'firm', 'phone', 'engagedFrom', 'engagedTo']}
      initialValues={{
        name: counsel?.name ?? '',
        firm: counsel?.firm ?? '',
        phone: counsel?.phone ?? '',
        engagedFrom: counsel?.engagedFrom ?? null,
        engagedTo: counsel?.engagedTo ?? null,
      }}
      onClose={onClose}
      submit={(v) => {
        const fields = {
          name: v.name.trim(),
          firm: v.firm.trim(),
          phone: (v.phone ?? '').trim(),
          // the rules passed: each is a readable day or empty
          engagedFrom: v.engagedFrom || null,
          engagedTo: v.engagedTo || null,
        };
        return counsel ? update.mutateAsync({ id: counsel.id, version: counsel.version, ...fields }) : create.mutateAsync(fields);
      }}
    >
      {() => (
        <>
          <Form.Item name="name" label={t('counsels.name')} rules={textRules(t, LIMITS.counselName, t('counsels.name'))}>
            <Input count={textCount(LIMITS.counselName)} />
          </Form.Item>
          <Form.Item name="firm" label={t('counsels.firm')} rules={textRules(t, LIMITS.firm, t('counsels.firm'))}>
            <FirmInput />
          </Form.Item>
          <Form.Item name="phone" label={t('counsels.phone')} rules={textRules(t, LIMITS.phone)}>
            <Input count={textCount(LIMITS.phone)} />
          </Form.Item>
          <Space size={16} align="start">
            <Form.Item name="engagedFrom" label={t('counsels.engagedFrom')} rules={dateRules(t)}>
              <DateInput allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="engagedTo"
              label={t('counsels.engagedTo')}
              dependencies={['engagedFrom']}
              rules={[
                ...dateRules(t),
                ({ getFieldValue }) => ({
                  validator(_, value: string | null) {
                    const to = parseDateInput(value ?? '');
                    const from = parseDateInput((getFieldValue('engagedFrom') as string | null) ?? '');
                    return to.ok && from.ok && to.day < from.day ? Promise.reject(new Error(t('validation.endBeforeStart'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DateInput allowClear style={{ width: 200 }} />
            </Form.Item>
          </Space>
        </>
      )}
    </FormModal>
  );
}
