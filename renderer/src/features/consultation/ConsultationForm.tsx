/** The fields of 登记/编辑, with the rules the service applies, worded in the UI language. */
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Department } from '#domain/types';
import { categoryName, DAY_FORMAT } from '../../shared/format';
import type { FormValues } from './formValues';

interface Props {
  form: FormInstance<FormValues>;
  initialValues: FormValues;
  categories: Category[];
  departments: Department[];
  defaultDueDays: number;
  /** the user chose 收件日期: the default 办理时限 follows, unless it was set by hand */
  onReceivedChange(): void;
  onDueChange(): void;
  onValuesChange?(): void;
  autoFocus?: boolean;
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
            rules={[{ ...required(t('field.title')), whitespace: true }, max(200)]}
          >
            <Input placeholder={t('form.titlePlaceholder')} autoFocus={props.autoFocus} maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="categoryId" label={t('field.category')} rules={[select(t('field.category'))]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={categoryOptions} placeholder={t('form.selectPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="departmentId" label={t('field.department')} rules={[select(t('field.department'))]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} placeholder={t('form.selectPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="requester" label={t('field.requester')} rules={[max(50)]}>
            <Input placeholder={t('form.requesterPlaceholder')} maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="receivedOn" label={t('field.receivedOn')} rules={[select(t('field.receivedOn'))]}>
            <DatePicker style={{ width: '100%' }} format={DAY_FORMAT} allowClear={false} onChange={props.onReceivedChange} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="dueOn"
            label={t('field.dueOn')}
            extra={t('form.dueHint', { days: defaultDueDays })}
            dependencies={['receivedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, value: FormValues['dueOn']) {
                  const received = getFieldValue('receivedOn') as FormValues['receivedOn'];
                  if (value && received && value.isBefore(received, 'day')) {
                    return Promise.reject(new Error(t('validation.dueBeforeReceived')));
                  }
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} format={DAY_FORMAT} onChange={props.onDueChange} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="itemCount"
            label={t('field.itemCount')}
            rules={[
              { required: true, message: t('validation.itemCountRange') },
              { type: 'integer', min: 1, max: 999, message: t('validation.itemCountRange') },
            ]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('field.description')} rules={[max(20_000)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('field.note')} rules={[max(2_000)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
      </Row>
      {props.children}
    </Form>
  );
}
