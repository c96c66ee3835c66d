/**
 * The detail ledger (明细台账) of the exports: every field of every counted
 * consultation, one column each, shared by the XLSX sheet and the CSV file.
 */
import { formatSerialNo } from '#domain/ledger-view';
import type { LedgerDetailRow } from '../../../../db/queries/tally';
import { CONCLUSION_ZH, DUE_ZH, OUTCOME_ZH, STATUS_ZH, zh } from '#domain/labels';

export type ColumnKind = 'text' | 'day' | 'instant' | 'number';

export interface LedgerColumn {
  header: string;
  kind: ColumnKind;
  value: (row: LedgerDetailRow) => string | number | null;
}

const text = (header: string, value: (r: LedgerDetailRow) => string | null): LedgerColumn => ({ header, kind: 'text', value });
const day = (header: string, value: (r: LedgerDetailRow) => string | null): LedgerColumn => ({ header, kind: 'day', value });
const instant = (header: string, value: (r: LedgerDetailRow) => string | null): LedgerColumn => ({ header, kind: 'instant', value });
const num = (header: string, value: (r: LedgerDetailRow) => number | null): LedgerColumn => ({ header, kind: 'number', value });

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  text('编号', (r) => formatSerialNo(r.serialPrefix, r.serialYear, r.serialSeq)),
  text('事项名称', (r) => r.title),
  text('类别', (r) => r.categoryName),
  text('提请处室', (r) => r.departmentName),
  text('提请人', (r) => r.requester),
  day('收件日期', (r) => r.receivedOn),
  day('办理时限', (r) => r.dueOn),
  num('项数', (r) => r.itemCount),
  text('法律顾问', (r) => r.counselName),
  text('律师事务所', (r) => r.counselFirm),
  day('分派日期', (r) => r.assignedOn),
  text('当前状态', (r) => zh(STATUS_ZH, r.status)),
  text('期末状态', (r) => zh(STATUS_ZH, r.statusAtEnd)),
  num('意见份数', (r) => r.opinionCount),
  day('首次意见日期', (r) => r.firstOn),
  day('最近意见日期', (r) => r.lastOn),
  num('首次意见用时（天）', (r) => r.days),
  text('是否按时', (r) => zh(DUE_ZH, r.due)),
  text('最新意见结论', (r) => zh(CONCLUSION_ZH, r.conclusion ?? 'none')),
  text('采纳情况', (r) => zh(OUTCOME_ZH, r.outcome ?? 'none')),
  text('意见要点', (r) => r.lastText),
  // one column for why an opinion was not adopted, one for how (and how far) it was adopted
  text('采纳说明', (r) => (r.outcome === 'notAdopted' ? null : r.outcomeReason)),
  text('未采纳理由', (r) => (r.outcome === 'notAdopted' ? r.outcomeReason : null)),
  day('采纳登记日期', (r) => r.outcomeOn),
  day('办结日期', (r) => r.closedOn),
  text('事项说明', (r) => r.description),
  text('备注', (r) => r.note),
  instant('登记时间', (r) => r.createdAt),
  text('登记人', (r) => r.createdBy),
  instant('最后修改时间', (r) => r.updatedAt),
  text('最后修改人', (r) => r.updatedBy),
  num('记录号', (r) => r.id),
];
