/** 规范性文件清理 (issue 20): documents whose validity ends within six months or has ended. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpiringDocument } from '#domain/procedures';
import { useApi } from '../../api/hooks';
import { PageHead } from '../../shared/PageState';
import { ProcedureList } from './ProcedureList';

export function ExpiringDocumentsPage() {
  const { t } = useTranslation();
  const list = useApi('procedures.expiring', {});
  const columns = [
    { title: t('procedures.docNumber'), dataIndex: 'docNumber', width: 190 },
    { title: t('field.title'), dataIndex: 'title' },
    { title: t('field.department'), dataIndex: 'departmentName', width: 120 },
    { title: t('procedures.docIssuedOn'), dataIndex: 'issuedOn', width: 110 },
    { title: t('procedures.validUntil'), dataIndex: 'validUntil', width: 110 },
    {
      title: t('common.status'),
      dataIndex: 'expired',
      width: 100,
      render: (expired: boolean) => (expired ? <Tag color="red">{t('procedures.expired')}</Tag> : <Tag color="orange">{t('procedures.expiresSoon')}</Tag>),
    },
    { title: t('field.serialNo'), dataIndex: 'serialNo', width: 150 },
  ];
  return (
    <>
      <PageHead title={t('procedures.expiringTitle')} hint={t('procedures.expiringHint')} />
      <ProcedureList<ExpiringDocument> query={list} rowKey="consultationId" empty={t('procedures.expiringEmpty')} columns={columns} />
    </>
  );
}
