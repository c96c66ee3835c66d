/** 待签发意见 (issue 20): the leader's queue of opinions waiting for 签发; each opens its item, where the leader signs. */
import { Checkbox, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignOffQueueRow } from '#domain/procedures';
import { useApi } from '../../api/hooks';
import { PageHead } from '../../shared/PageState';
import { ProcedureList } from './ProcedureList';

export function SignOffQueuePage() {
  const { t } = useTranslation();
  const [includeReturned, setIncludeReturned] = useState(false);
  const queue = useApi('procedures.signOffQueue', { includeReturned });
  const columns: TableColumnsType<SignOffQueueRow> = [
    { title: t('field.serialNo'), dataIndex: 'serialNo', width: 150 },
    { title: t('field.title'), dataIndex: 'title' },
    { title: t('field.category'), dataIndex: 'categoryName', width: 170 },
    { title: t('field.department'), dataIndex: 'departmentName', width: 110 },
    { title: t('procedures.round'), dataIndex: 'round', width: 60, align: 'right' },
    { title: t('field.counsel'), dataIndex: 'counselName', width: 90 },
    {
      title: t('procedures.conclusionWord'),
      key: 'conclusion',
      width: 150,
      render: (_: unknown, r) => r.conclusionWord ?? t(`conclusion.${r.conclusion}`),
    },
    { title: t('procedures.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    {
      title: t('common.status'),
      dataIndex: 'state',
      width: 90,
      render: (s: SignOffQueueRow['state']) => <Tag color={s === 'returned' ? 'red' : 'gold'}>{t(`procedures.signOffState.${s}`)}</Tag>,
    },
  ];
  return (
    <>
      <PageHead
        title={t('procedures.queueTitle')}
        hint={t('procedures.queueHint')}
        extra={<Checkbox checked={includeReturned} onChange={(e) => setIncludeReturned(e.target.checked)}>{t('procedures.showReturned')}</Checkbox>}
      />
      <ProcedureList<SignOffQueueRow> query={queue} rowKey="opinionId" empty={t('procedures.queueEmpty')} columns={columns} />
    </>
  );
}
