/**
 * The columns an old ledger may have (导入旧台账), zod-free: the wizard's screen,
 * the import service, the template and the CLI read them from here.
 */
/** What a column of an old ledger can hold. Order = order of the template's columns. */
export const IMPORT_FIELDS = [
  'serialNo',
  'title',
  'category',
  'department',
  'requester',
  'receivedOn',
  'dueOn',
  'itemCount',
  'counsel',
  'counselFirm',
  'assignedOn',
  'status',
  'opinionOn',
  'conclusion',
  'opinionText',
  'outcome',
  'outcomeReason',
  'outcomeOn',
  'closedOn',
  'description',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The canonical column header of each field (the template uses these). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  serialNo: '编号',
  title: '事项名称',
  category: '类别',
  department: '提请处室',
  requester: '提请人',
  receivedOn: '收件日期',
  dueOn: '办理时限',
  itemCount: '项数',
  counsel: '法律顾问',
  counselFirm: '律师事务所',
  assignedOn: '分派日期',
  status: '状态',
  opinionOn: '意见出具日期',
  conclusion: '意见结论',
  opinionText: '意见内容',
  outcome: '采纳情况',
  outcomeReason: '未采纳理由',
  outcomeOn: '采纳登记日期',
  closedOn: '办结日期',
  description: '事项说明',
  note: '备注',
};

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['title', 'category', 'department', 'receivedOn'];

/** Columns beyond this are not read; more rows than MAX_IMPORT_ROWS are refused. */
export const MAX_IMPORT_COLUMNS = 256;
export const MAX_IMPORT_ROWS = 50_000;
