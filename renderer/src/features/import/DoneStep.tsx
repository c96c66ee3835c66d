/** Step 3: what the import did, with the way back (undo the whole batch). */
import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '#contract/import-contract';
import { navigate, paths } from '../../router/hash';

export function DoneStep({ result, busy, onAnother, onUndo }: { result: ImportResult; busy: boolean; onAnother(): void; onUndo(): void }) {
  const { t } = useTranslation();
  const names = (list: { name: string }[]) => (list.length ? list.map((x) => x.name).join(t('common.listSeparator')) : t('import.done.none'));
  return (
    <Result
      status="success"
      title={t('import.done.title', { count: result.rowCount })}
      subTitle={
        <>
          <div>{t('import.done.serials', { kept: result.serials.kept, assigned: result.serials.assigned })}</div>
          <div>{t('import.done.created', { departments: names(result.createdDepartments), counsels: names(result.createdCounsels) })}</div>
        </>
      }
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => navigate(paths.ledger, { year: result.byYear.at(-1)?.year })}>
            {t('import.done.toLedger')}
          </Button>
          <Button disabled={busy} onClick={onAnother}>
            {t('import.done.another')}
          </Button>
          <Button danger disabled={busy} onClick={onUndo}>
            {t('import.done.undo')}
          </Button>
        </Space>
      }
    />
  );
}
