/**
 * 节假日 (admin): one year's days off and the weekend days worked instead
 * (调休), which the default 办理时限 skips or counts. Edited as a list and saved
 * as a whole (calendar.setHolidays replaces the year).
 */
import { CloudDownloadOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeOfficial, officialSchedule } from '#domain/official-holidays';
import type { HolidayEntry } from '#domain/types';
import { useApi, useApiMutation, useAppInfo } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { parseDateInput } from '#domain/date-input';
import { LIMITS } from '#domain/limits';
import { DateInput, dateRules } from '../../shared/DateInput';
import { textCount } from '../../shared/limits';
import { fromDay } from '../../shared/format';
import { confirmLeave, useUnsavedChanges } from '../../shared/unsaved';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { LoadFailed, Loading, PageHead } from '../../shared/PageState';

type Kind = HolidayEntry['kind'];

export function HolidaysPage() {
  const { t } = useTranslation();
  const thisYear = Number(useAppInfo().data?.today.slice(0, 4) ?? new Date().getFullYear());
  const [year, setYear] = useState<number | null>(null);
  const shown = year ?? thisYear;
  return (
    <>
      <PageHead
        title={t('holidays.title')}
        extra={
          <Space>
            <label htmlFor="holiday-year">{t('holidays.year')}</label>
            <Select
              id="holiday-year"
              style={{ width: 110 }}
              value={shown}
              // another year's list replaces this one: unsaved changes are asked about first
              onChange={(y) => void confirmLeave().then((ok) => (ok ? setYear(y) : undefined))}
              options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: t('ledger.yearValue', { year: y }) }))}
            />
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('holidays.hint')} style={{ marginBottom: 16 }} />
      <YearEditor key={shown} year={shown} />
    </>
  );
}

function YearEditor({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useApi('calendar.holidays', { year });
  const save = useApiMutation('calendar.setHolidays');
  const [draft, setDraft] = useState<HolidayEntry[] | null>(null);
  // the list as changed here is unsaved until 保存; one save at a time
  useUnsavedChanges(draft !== null);
  const guard = useSubmitGuard();
  const [form] = Form.useForm<{ day: string | null; kind: Kind; name: string }>();
  const rows = useMemo(() => [...(draft ?? saved.data ?? [])].sort((a, b) => a.day.localeCompare(b.day)), [draft, saved.data]);

  if (saved.isPending) return <Loading />;
  if (saved.isError) return <LoadFailed error={saved.error} onRetry={() => void saved.refetch()} />;

  const add = (v: { day: string | null; kind: Kind; name?: string }) => {
    // the rules passed: a readable day of this year
    const parsed = parseDateInput(v.day ?? '');
    if (!parsed.ok) return;
    const day = parsed.day;
    if (rows.some((r) => r.day === day)) {
      form.setFields([{ name: 'day', errors: [t('holidays.duplicate')] }]);
      return;
    }
    setDraft([...rows, { day, kind: v.kind, name: (v.name ?? '').trim() }]);
    form.setFieldsValue({ day: null });
  };

  const onSave = () =>
    guard.run(async () => {
      try {
        await save.mutateAsync({ year, days: rows });
        setDraft(null);
        void message.success(t('holidays.saved', { year }));
      } catch (error) {
        void message.error(errorText(error, t));
      }
    });

  const weekday = (day: string) => fromDay(day)?.format('dddd') ?? '';
  const official = officialSchedule(year);
  // the State Council's days added to the list; the admin's own entries stay as they are
  const importOfficial = () => {
    if (!official) return;
    const merged = mergeOfficial(rows, official);
    if (merged.added === 0) {
      void message.info(t('holidays.officialAllThere', { year }));
      return;
    }
    setDraft(merged.days);
    void message.success(t('holidays.officialAdded', { count: merged.added, year }));
  };

  return (
    <Card size="small" variant="borderless" styles={{ body: { padding: 16 } }}>
      {rows.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          title={t('holidays.noneYet', { year })}
          description={official ? t('holidays.noneYetOfficial') : t('holidays.noneYetNoOfficial', { year })}
        />
      ) : null}
      {official ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<CloudDownloadOutlined />} onClick={importOfficial}>
            {t('holidays.importOfficial')}
          </Button>
          <Typography.Text type="secondary">
            {/* the State Council notice's own title: an official Chinese name, in the English UI too */}
            {t('holidays.officialSource')} <span lang="zh-CN">{official.source}</span>
          </Typography.Text>
        </Space>
      ) : null}
      <Form form={form} layout="inline" style={{ rowGap: 12, marginBottom: 16 }} initialValues={{ kind: 'holiday', name: '' }} onFinish={add}>
        <Form.Item
          name="day"
          label={t('holidays.day')}
          rules={[
            ...dateRules(t, { required: t('holidays.day') }),
            {
              validator(_, value: string | null) {
                const r = parseDateInput(value ?? '');
                return r.ok && Number(r.day.slice(0, 4)) !== year ? Promise.reject(new Error(t('holidays.otherYear', { year }))) : Promise.resolve();
              },
            },
          ]}
        >
          <DateInput style={{ width: 170 }} notBefore={`${year}-01-01`} notAfter={`${year}-12-31`} />
        </Form.Item>
        <Form.Item name="kind" label={t('holidays.kind')} htmlFor="holiday-kind">
          <Select
            id="holiday-kind"
            style={{ width: 130 }}
            options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`holidays.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('holidays.name')} rules={[{ max: LIMITS.holidayName, message: t('validation.maxLength', { max: LIMITS.holidayName }) }]}>
          <Input style={{ width: 190 }} count={textCount(LIMITS.holidayName)} placeholder={t('holidays.namePlaceholder')} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('common.add')}
          </Button>
        </Form.Item>
      </Form>
      <Table<HolidayEntry>
        rowKey="day"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('holidays.empty', { year })} /> }}
        columns={[
          { title: t('holidays.day'), dataIndex: 'day', width: 130 },
          { title: t('holidays.weekday'), key: 'weekday', width: 110, render: (_: unknown, r) => weekday(r.day) },
          {
            title: t('holidays.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (k: Kind) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`holidays.kinds.${k}`)}</Tag>,
          },
          { title: t('holidays.name'), dataIndex: 'name', render: (v: string) => v || t('common.none') },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, r) => (
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('holidays.remove', { day: r.day })}
                onClick={() => setDraft(rows.filter((x) => x.day !== r.day))}
              >
                {t('common.delete')}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" icon={<SaveOutlined />} disabled={draft === null || guard.busy} loading={guard.busy} onClick={() => void onSave()}>
          {t('holidays.save', { year })}
        </Button>
        {draft !== null ? (
          <Button onClick={() => setDraft(null)}>{t('holidays.discard')}</Button>
        ) : null}
      </Space>
    </Card>
  );
}
