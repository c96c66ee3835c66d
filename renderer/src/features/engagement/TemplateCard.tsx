/**
 * 考核模板 (admin): the heads with their points and guidance, the grade thresholds and
 * the 一票否决 items. An assessment already opened keeps the copy it was opened on;
 * the service checks everything again (contract: assessments.setTemplate).
 */
import { App, Button, Card, Checkbox, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentHead, AssessmentTemplate, AssessmentVeto } from '#domain/engagement';
import { useApi, useApiMutation, useCan } from '../../api/hooks';
import { errorText } from '../../shared/errors';
import { RowsTable } from '../../shared/RowsTable';
import { useUnsavedChanges } from '../../shared/unsaved';

export function TemplateCard() {
  const can = useCan();
  const template = useApi('assessments.template', {});
  if (!can('assessments.setTemplate') || !template.data) return null;
  return <TemplateForm key={JSON.stringify(template.data)} initial={template.data} />;
}

function TemplateForm({ initial }: { initial: AssessmentTemplate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useApiMutation('assessments.setTemplate');
  const [tpl, setTpl] = useState(initial);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const change = (next: Partial<AssessmentTemplate>) => {
    setTpl((x) => ({ ...x, ...next }));
    setDirty(true);
  };
  const setHead = (i: number, patch: Partial<AssessmentHead>) => change({ heads: tpl.heads.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const setVeto = (i: number, patch: Partial<AssessmentVeto>) => change({ vetoes: tpl.vetoes.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const newKey = (prefix: string, taken: readonly { key: string }[]) => {
    let n = taken.length + 1;
    while (taken.some((x) => x.key === `${prefix}${n}`)) n += 1;
    return `${prefix}${n}`;
  };
  const onSave = async () => {
    try {
      await save.mutateAsync({ template: tpl });
      setDirty(false);
      void message.success(t('engagement.assessment.saved'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  const grades = ['excellent', 'competent', 'basic'] as const;
  return (
    <Card size="small" title={t('engagement.assessment.template')}>
      <RowsTable<AssessmentHead>
        rowKey="key"
        size="small"
        rows={tpl.heads}
        columns={[
          { title: t('engagement.assessment.head'), key: 'name', width: 160, render: (_: unknown, h, i) => <Input aria-label={t('engagement.assessment.head')} value={h.name} onChange={(e) => setHead(i, { name: e.target.value })} /> },
          { title: t('engagement.assessment.weight'), key: 'weight', width: 100, render: (_: unknown, h, i) => <InputNumber aria-label={t('engagement.assessment.weight')} min={1} max={100} precision={0} value={h.weight} onChange={(v) => (v === null ? undefined : setHead(i, { weight: Number(v) }))} /> },
          { title: t('engagement.assessment.guidance'), key: 'guidance', render: (_: unknown, h, i) => <Input.TextArea aria-label={t('engagement.assessment.guidance')} autoSize={{ minRows: 1, maxRows: 3 }} value={h.guidance} onChange={(e) => setHead(i, { guidance: e.target.value })} /> },
          { title: t('engagement.template.bonus'), key: 'bonus', width: 80, render: (_: unknown, h, i) => <Checkbox checked={h.bonus} onChange={(e) => setHead(i, { bonus: e.target.checked })} /> },
          { title: t('common.actions'), key: 'actions', width: 80, render: (_: unknown, _h, i) => <Button size="small" danger onClick={() => change({ heads: tpl.heads.filter((_x, j) => j !== i) })}>{t('engagement.template.remove')}</Button> },
        ]}
      />
      <Button size="small" style={{ marginTop: 8 }} onClick={() => change({ heads: [...tpl.heads, { key: newKey('h', tpl.heads), name: '', weight: 10, guidance: '', bonus: false }] })}>
        {t('engagement.template.addHead')}
      </Button>
      <Space style={{ marginTop: 12 }} wrap>
        {grades.map((g) => (
          <Space key={g}>
            {t('engagement.template.threshold', { grade: t(`engagement.assessment.grades.${g}`) })}
            <InputNumber
              aria-label={t('engagement.template.threshold', { grade: t(`engagement.assessment.grades.${g}`) })}
              min={0}
              max={200}
              precision={0}
              value={tpl.thresholds[g]}
              onChange={(v) => (v === null ? undefined : change({ thresholds: { ...tpl.thresholds, [g]: Number(v) } }))}
            />
          </Space>
        ))}
      </Space>
      <div style={{ marginTop: 12 }}>
        {tpl.vetoes.map((v, i) => (
          <Space key={v.key} style={{ display: 'flex', marginBottom: 4 }}>
            <Input aria-label={t('engagement.assessment.vetoes')} style={{ width: 640 }} value={v.text} onChange={(e) => setVeto(i, { text: e.target.value })} />
            <Button size="small" danger onClick={() => change({ vetoes: tpl.vetoes.filter((_x, j) => j !== i) })}>
              {t('engagement.template.remove')}
            </Button>
          </Space>
        ))}
        <Button size="small" onClick={() => change({ vetoes: [...tpl.vetoes, { key: newKey('v', tpl.vetoes), text: '' }] })}>
          {t('engagement.template.addVeto')}
        </Button>
      </div>
      <Input.TextArea style={{ marginTop: 12 }} aria-label={t('engagement.assessment.source')} autoSize={{ minRows: 1, maxRows: 3 }} value={tpl.source} onChange={(e) => change({ source: e.target.value })} />
      <Button type="primary" style={{ marginTop: 12 }} disabled={!dirty} loading={save.isPending} onClick={() => void onSave()}>
        {t('engagement.template.save')}
      </Button>
    </Card>
  );
}
