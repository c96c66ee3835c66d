/**
 * One modal form for every dialog that writes: runs the form's rules, calls the
 * service, puts field issues next to their fields, and on a stale version
 * (someone else changed the record) closes with a note: the queries are
 * refreshed, and the user decides again on fresh data.
 */
import { Alert, App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { applyIssues, errorText } from './errors';
import { useSubmitGuard } from './useSubmitGuard';
import { useState } from 'react';
import { confirmDiscard, useUnsavedChanges } from './unsaved';

interface Props<V> {
  title: string;
  okText: string;
  danger?: boolean;
  warning?: ReactNode;
  /** form field names that server issues may point at */
  fields: readonly string[];
  initialValues?: Partial<V>;
  onClose(): void;
  submit(values: V): Promise<unknown>;
  doneText: string;
  /** shown when the record changed under the dialog */
  staleText?: string;
  width?: number;
  children?: (form: FormInstance<V>) => ReactNode;
}

export function FormModal<V extends object>(props: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const cancel = () => {
    if (!dirty) props.onClose();
    else void confirmDiscard().then((ok) => (ok ? props.onClose() : undefined));
  };

  // from the first click until the answer: one request, the button disabled
  const onOk = () => guard.run(submit);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    try {
      await props.submit(values);
      void message.success(props.doneText);
      setDirty(false);
      props.onClose();
    } catch (error) {
      if (applyIssues(form, error, props.fields)) return;
      const stale = error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION');
      if (stale && props.staleText) {
        void message.warning(error.code === 'CONFLICT' ? props.staleText : errorText(error, t));
        props.onClose();
      } else {
        void message.error(errorText(error, t));
      }
    }
  };

  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: props.danger, loading: guard.busy, disabled: guard.busy }}
      onOk={() => void onOk()}
      onCancel={cancel}
      mask={{ closable: false }}
      width={props.width ?? 560}
    >
      {props.warning ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={props.warning} /> : null}
      <Form<V> form={form} layout="vertical" initialValues={props.initialValues} preserve={false} onValuesChange={() => setDirty(true)}>
        {props.children?.(form)}
      </Form>
    </Modal>
  );
}
