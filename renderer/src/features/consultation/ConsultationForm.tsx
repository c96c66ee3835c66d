/** The fields of 登记/编辑, with the rules the service applies, worded in the UI language. */
import { Col, Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Department } from '#domain/types';
import { categoryName } from '../../shared/format';
import { DateInput, dateRules } from '../../shared/DateInput';
import { LIMITS } from '#domain/limits';
import { SECRECY_LEVELS } from '#domain/secrecy';
import { ItemCountInput, itemCountRules } from '../../shared/ItemCountInput';
import { textCount } from '../../shared/limits';
import { SearchSelect } from '../../shared/SearchSelect';
import type { FormValues } from './formValues';

interface Props {
  form: FormInstance<FormValues>;
  initialValues: FormValues;
  categories: Category[];
  departments: Department[];
  defaultDueDays: number;
  /** the user chose 收件日期: the default 办理时限 follows, unless it was set by hand */
  onReceivedChange(): void;
  /** the user chose 类别: the default 办理时限 follows its time limit, unless it was set by hand */
  onCategoryChange?(): void;
  onDueChange(): void;
  /** under 办理时限 instead of the default's rule, e.g. the suggestion not applied over a date typed by hand */
  dueExtra?: ReactNode;
  onValuesChange?(): void;
  autoFocus?: boolean;
  /** show 密级 (registration only: the contract's update does not change it) */
  withSecrecy?: boolean;
  /** app.info's today: 收件日期 may not be after it */
  today: string;
  children?: ReactNode;
}

export function ConsultationForm(props: Props) {
  const { form, initialValues, categories, departments, defaultDueDays } = props;
  const { t, i18n } = useTranslation();
  const current = Form.useWatch([], form) as FormValues | undefined;
  // an inactive category or division stays selectable on the item that already uses it
  const categoryOptions = categories
    .filter((c) => c.active || c.id === (current?.categoryId ?? initialValues.categoryId))
    .map((c) => ({ value: c.id, label: categoryName(c, i18n.language) }));
  const departmentOptions = departments
    .filter((d) => d.active || d.id === (current?.departmentId ?? initialValues.departmentId))
    .map((d) => ({ value: d.id, label: d.name }));
  const required = (field: string) => ({ required: true, message: t('validation.required', { field }) });
  const select = (field: string) => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  const today = props.today;

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={props.onValuesChange}
      scrollToFirstError
      requiredMark
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('field.title')}
            rules={[{ ...required(t('field.title')), whitespace: true }, max(LIMITS.title)]}
          >
            <Input placeholder={t('form.titlePlaceholder')} autoFocus={props.autoFocus} count={textCount(LIMITS.title)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="categoryId" label={t('field.category')} rules={[select(t('field.category'))]}>
            <SearchSelect options={categoryOptions} onChange={props.onCategoryChange} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="departmentId" label={t('field.department')} rules={[select(t('field.department'))]}>
            <SearchSelect options={departmentOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="requester" label={t('field.requester')} rules={[max(LIMITS.requester)]}>
            <Input placeholder={t('form.requesterPlaceholder')} count={textCount(LIMITS.requester)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="receivedOn" label={t('field.receivedOn')} rules={dateRules(t, { required: t('field.receivedOn'), notAfter: today })}>
            <DateInput notAfter={today} onChange={props.onReceivedChange} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="dueOn"
            label={t('field.dueOn')}
            extra={props.dueExtra ?? t('form.dueHint', { days: defaultDueDays })}
            dependencies={['receivedOn']}
            rules={[
              ...dateRules(t),
              ({ getFieldValue }) => ({
                validator(_, value: FormValues['dueOn']) {
                  const received = getFieldValue('receivedOn') as FormValues['receivedOn'];
                  if (value && received && value < received) {
                    return Promise.reject(new Error(t('validation.dueBeforeReceived')));
                  }
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DateInput allowClear onChange={props.onDueChange} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="itemCount" label={t('field.itemCount')} tooltip={t('entry.itemCount.tooltip')} rules={itemCountRules(t)}>
            <ItemCountInput />
          </Form.Item>
        </Col>
        {props.withSecrecy ? (
          <Col span={8}>
            <Form.Item name="secrecy" label={t('entry.secrecy.label')} extra={t('entry.secrecy.hint')}>
              <Select options={SECRECY_LEVELS.map((level) => ({ value: level, label: t(`entry.secrecy.level.${level}`) }))} />
            </Form.Item>
          </Col>
        ) : null}
        <Col span={24}>
          <Form.Item name="description" label={t('field.description')} rules={[max(LIMITS.description)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} count={textCount(LIMITS.description)} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('field.note')} rules={[max(LIMITS.note)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} count={textCount(LIMITS.note)} />
          </Form.Item>
        </Col>
      </Row>
      {props.children}
    </Form>
  );
}
