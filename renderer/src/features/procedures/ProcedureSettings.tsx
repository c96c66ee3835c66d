/**
 * 审查程序设置 of one category (issue 20), opened from 类别: time limit, when the clock
 * starts, 签发, validity tracking, checklist and conclusion words, with the default's
 * source beside them. The service checks everything again (procedures.save).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLOCK_STARTS, PROCEDURE_LIMITS, type CategoryProcedure, type ConclusionWord } from '#domain/procedures';
import { CONCLUSIONS } from '#domain/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';

interface Values {
  useDefaultDays: boolean;
  timeLimitDays: number | null;
  clockStart: CategoryProcedure['settings']['clockStart'];
  signOff: boolean;
  tracksValidity: boolean;
  checklist: string[];
  conclusionWords: ConclusionWord[];
}

const FIELDS = ['timeLimitDays', 'clockStart', 'signOff', 'tracksValidity', 'checklist', 'conclusionWords'] as const;

export function ProcedureSettingsDialog({ categoryId, onClose }: { categoryId: number; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useApi('procedures.get', { categoryId });
  const settings = useApi('settings.get', {});
  const save = useApiMutation('procedures.save');
  const reset = useApiMutation('procedures.reset');
  if (!current.data || !settings.data) return null;
  const p = current.data;
  const office = settings.data.defaultDueDays;

  const restore = async () => {
    try {
      await reset.mutateAsync({ categoryId, version: p.version });
      void message.success(t('procedures.restored'));
      onClose();
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <FormModal<Values>
      title={t('procedures.settingsTitle', { name: p.nameZh })}
      okText={t('common.save')}
      doneText={t('common.saved')}
      width={760}
      fields={FIELDS}
      initialValues={{ ...p.settings, useDefaultDays: p.settings.timeLimitDays === null }}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({
          categoryId,
          version: p.version,
          timeLimitDays: v.useDefaultDays ? null : v.timeLimitDays,
          clockStart: v.clockStart,
          signOff: v.signOff,
          tracksValidity: v.tracksValidity,
          checklist: (v.checklist ?? []).map((s) => s.trim()),
          conclusionWords: (v.conclusionWords ?? []).map((w) => ({ word: w.word.trim(), conclusion: w.conclusion })),
        })
      }
    >
      {() => (
        <div data-testid="procedure-settings">
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('procedures.source')} description={p.defaults.source} />
          <Space align="start" size="large" wrap>
            <Form.Item label={t('procedures.timeLimit')} required>
              <Space>
                <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.useDefaultDays !== b.useDefaultDays}>
                  {({ getFieldValue }) => (
                    <Form.Item
                      noStyle
                      name="timeLimitDays"
                      rules={getFieldValue('useDefaultDays') ? [] : [{ required: true, message: t('validation.required', { field: t('procedures.timeLimit') }) }]}
                    >
                      <InputNumber min={1} max={PROCEDURE_LIMITS.timeLimitDays} precision={0} disabled={getFieldValue('useDefaultDays') as boolean} aria-label={t('procedures.timeLimit')} />
                    </Form.Item>
                  )}
                </Form.Item>
                <Form.Item noStyle name="useDefaultDays" valuePropName="checked">
                  <Checkbox>{t('procedures.useDefaultDays', { days: office })}</Checkbox>
                </Form.Item>
              </Space>
            </Form.Item>
          </Space>
          <Form.Item name="clockStart" label={t('procedures.clockStart')}>
            <Radio.Group options={CLOCK_STARTS.map((c) => ({ value: c, label: t(c === 'receipt' ? 'procedures.clockStartReceipt' : 'procedures.clockStartComplete') }))} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="signOff" label={t('procedures.signOff')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="tracksValidity" label={t('procedures.tracksValidity')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('procedures.checklist')}</Typography.Title>
          <Form.List name="checklist">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                    <Form.Item
                      name={f.name}
                      style={{ width: 560, marginBottom: 8 }}
                      rules={[
                        { required: true, whitespace: true, message: t('validation.required', { field: t('procedures.point') }) },
                        { max: PROCEDURE_LIMITS.pointLength, message: t('validation.maxLength', { max: PROCEDURE_LIMITS.pointLength }) },
                      ]}
                    >
                      <Input aria-label={`${t('procedures.point')} ${i + 1}`} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < PROCEDURE_LIMITS.points ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 16 }}>
                    {t('procedures.addPoint')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('procedures.conclusionWords')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('procedures.conclusionWordsHint')}</Typography.Paragraph>
          <Form.List name="conclusionWords">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[f.name, 'word']}
                      style={{ width: 200, marginBottom: 8 }}
                      rules={[
                        { required: true, whitespace: true, message: t('validation.required', { field: t('procedures.word') }) },
                        { max: PROCEDURE_LIMITS.wordLength, message: t('validation.maxLength', { max: PROCEDURE_LIMITS.wordLength }) },
                      ]}
                    >
                      <Input placeholder={t('procedures.word')} aria-label={t('procedures.word')} />
                    </Form.Item>
                    <Typography.Text type="secondary">{t('procedures.countsAs')}</Typography.Text>
                    <Form.Item name={[f.name, 'conclusion']} style={{ width: 240, marginBottom: 8 }} rules={[{ required: true, message: t('validation.required', { field: t('procedures.countsAs') }) }]}>
                      <Select options={CONCLUSIONS.map((c) => ({ value: c, label: t(`conclusion.${c}`) }))} aria-label={t('procedures.countsAs')} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < PROCEDURE_LIMITS.words ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ word: '', conclusion: 'approve' })}>
                    {t('procedures.addWord')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
          {p.custom ? (
            <div style={{ marginTop: 16 }}>
              <Popconfirm title={t('procedures.restoreDefaultConfirm')} okText={t('procedures.restoreDefault')} cancelText={t('common.cancel')} onConfirm={() => void restore()}>
                <Button>{t('procedures.restoreDefault')}</Button>
              </Popconfirm>
            </div>
          ) : null}
        </div>
      )}
    </FormModal>
  );
}

/** One line for the categories table: the time limit and how it runs. */
export function ProcedureSummary({ p }: { p: CategoryProcedure }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Typography.Text>{t('procedures.days', { count: p.effectiveDays })}</Typography.Text>
      <Typography.Text type="secondary">· {t(p.settings.clockStart === 'receipt' ? 'procedures.startReceipt' : 'procedures.startComplete')}</Typography.Text>
      {p.settings.signOff ? <Typography.Text type="warning">· {t('procedures.needsSignOff')}</Typography.Text> : null}
    </Space>
  );
}
