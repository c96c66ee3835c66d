/** The 审查程序 cell of the categories table: the procedure in short, and (admin) the button that opens its settings. */
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useCan } from '../../api/hooks';
import { ProcedureSettingsDialog, ProcedureSummary } from './ProcedureSettings';

export function ProcedureColumn({ categoryId }: { categoryId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const list = useApi('procedures.list', {});
  const [open, setOpen] = useState(false);
  const p = list.data?.find((x) => x.categoryId === categoryId);
  if (!p) return null;
  return (
    <Space size="small" wrap>
      <ProcedureSummary p={p} />
      {can('procedures.save') ? (
        <Button size="small" onClick={() => setOpen(true)} aria-label={`${t('procedures.settings')} ${p.nameZh}`}>
          {t('procedures.settings')}
        </Button>
      ) : null}
      {open ? <ProcedureSettingsDialog categoryId={categoryId} onClose={() => setOpen(false)} /> : null}
    </Space>
  );
}
