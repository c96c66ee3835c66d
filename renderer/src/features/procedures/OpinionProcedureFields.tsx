/**
 * The procedure's part of the opinion form (issue 20): the category's conclusion word
 * (choosing it sets the conclusion it counts as) and the checklist, each point marked
 * 符合/不符合/不适用 with a note. Used inside the opinion dialog, the correction dialog (更正意见,
 * prefilled from the version it corrects) and the counsel's form.
 */
import { Form, Input, Radio, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_RESULTS, PROCEDURE_LIMITS, type CheckMark } from '#domain/procedures';
import { useApi } from '../../api/hooks';

/** The values these fields add to the opinion form, as the contract takes them. */
export interface OpinionProcedureValues {
  conclusionWord?: string | null;
  checklist?: CheckMark[];
}

export function procedureInput(v: OpinionProcedureValues): { conclusionWord?: string; checklist?: CheckMark[] } {
  return {
    ...(v.conclusionWord ? { conclusionWord: v.conclusionWord } : {}),
    ...(v.checklist && v.checklist.length > 0 ? { checklist: v.checklist.map((m) => ({ point: m.point, result: m.result, note: (m.note ?? '').trim() })) } : {}),
  };
}

export function OpinionProcedureFields({ categoryId }: { categoryId: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const procedure = useApi('procedures.get', { categoryId });
  const settings = procedure.data?.settings;
  // The category's points, each with the mark already in the form (a correction starts from the version
  // it corrects) or unmarked; a point the category no longer has is dropped, a new one is to be marked.
  useEffect(() => {
    if (!settings || settings.checklist.length === 0) return;
    const marked = (form.getFieldValue('checklist') as CheckMark[] | undefined) ?? [];
    const points = settings.checklist.map((point) => marked.find((m) => m.point === point) ?? { point, note: '' });
    if (marked.length !== points.length || marked.some((m, i) => m !== points[i])) form.setFieldValue('checklist', points);
  }, [settings, form]);
  // a conclusion chosen that the word does not count as: the word no longer applies
  const conclusion = Form.useWatch('conclusion', form) as string | undefined;
  useEffect(() => {
    const word = form.getFieldValue('conclusionWord') as string | null | undefined;
    const choice = settings?.conclusionWords.find((w) => w.word === word);
    if (choice && conclusion !== undefined && choice.conclusion !== conclusion) form.setFieldValue('conclusionWord', null);
  }, [conclusion, settings, form]);
  if (!settings) return null;
  return (
    <>
      {settings.conclusionWords.length > 0 ? (
        <Form.Item name="conclusionWord" label={t('procedures.conclusionWord')}>
          <Radio.Group
            options={settings.conclusionWords.map((w) => ({ value: w.word, label: t('procedures.wordCountsAs', { word: w.word, conclusion: t(`conclusion.${w.conclusion}`) }) }))}
            onChange={(e) => {
              const w = settings.conclusionWords.find((x) => x.word === e.target.value);
              if (w) form.setFieldValue('conclusion', w.conclusion);
            }}
          />
        </Form.Item>
      ) : null}
      {settings.checklist.length > 0 ? (
        <Form.Item label={t('procedures.checklist')} extra={t('procedures.checklistHint')} required>
          <Form.List name="checklist">
            {(fields) => (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                data-testid="checklist-input"
                columns={[
                  {
                    title: t('procedures.point'),
                    key: 'point',
                    render: (_: unknown, f) => (
                      <>
                        {/* registered, so the form's values carry the point with its mark */}
                        <Form.Item name={[f.name, 'point']} hidden>
                          <Input />
                        </Form.Item>
                        <Typography.Text>{settings.checklist[f.name]}</Typography.Text>
                      </>
                    ),
                  },
                  {
                    title: t('procedures.result'),
                    key: 'result',
                    width: 250,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'result']} noStyle rules={[{ required: true, message: t('validation.select', { field: t('procedures.result') }) }]}>
                        <Radio.Group size="small" aria-label={`${t('procedures.result')} ${settings.checklist[f.name]}`} options={CHECK_RESULTS.map((r) => ({ value: r, label: t(`procedures.results.${r}`) }))} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('procedures.note'),
                    key: 'note',
                    width: 200,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'note']} noStyle rules={[{ max: PROCEDURE_LIMITS.checkNote, message: t('validation.maxLength', { max: PROCEDURE_LIMITS.checkNote }) }]}>
                        <Input size="small" aria-label={`${t('procedures.note')} ${settings.checklist[f.name]}`} />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            )}
          </Form.List>
        </Form.Item>
      ) : null}
    </>
  );
}
