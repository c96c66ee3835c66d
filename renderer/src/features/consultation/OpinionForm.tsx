/**
 * The counsel's opinion form, on the page itself (not behind a button): the item
 * was opened from 我的待办 to be answered. Field issues land next to their
 * fields; a stale version reloads the item and says so.
 */
import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationDetail } from '#domain/types';
import { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useToday } from './actions/ActionModal';
import { applyIssues, errorText } from '../../shared/errors';
import { OpinionFields, opinionInput, type OpinionValues } from './actions/StepDialogs';
import { useSubmitGuard } from '../../shared/useSubmitGuard';
import { useState } from 'react';
import { useUnsavedChanges } from '../../shared/unsaved';

export function OpinionForm({ detail }: { detail: ConsultationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useToday(detail);
  const [form] = Form.useForm<OpinionValues>();
  const add = useApiMutation('consultations.addOpinion');
  const round = detail.opinions.length + 1;

  const guard = useSubmitGuard();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const submit = (v: OpinionValues) =>
    guard.run(async () => {
    try {
      await add.mutateAsync({ id: detail.id, version: detail.version, ...opinionInput(v) });
      form.resetFields();
      setDirty(false);
      void message.success(t('action.done', { action: t('action.addOpinion') }));
    } catch (error) {
      if (applyIssues(form, error, ['conclusion', 'text', 'issuedOn', 'conclusionWord', 'checklist'])) return;
      if (error instanceof ApiError && error.code === 'CONFLICT') void message.warning(t('action.refreshed'));
      else void message.error(errorText(error, t));
    }
    });

  return (
    <Card size="small" title={round === 1 ? t('detail.opinionFormTitle') : t('detail.opinionFormNext', { round })} className="opinion-form">
      <Form<OpinionValues> form={form} layout="vertical" initialValues={{ issuedOn: today, text: '' }} onFinish={(v) => void submit(v)} onValuesChange={() => setDirty(true)}>
        <OpinionFields today={today} receivedOn={detail.receivedOn} categoryId={detail.categoryId} />
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={guard.busy} disabled={guard.busy}>
          {t('detail.submitOpinion')}
        </Button>
      </Form>
    </Card>
  );
}
