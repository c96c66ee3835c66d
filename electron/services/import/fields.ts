/**
 * The words old ledgers use: column headers for each field, and the values of
 * 状态, 意见结论, 采纳情况 and 类别. All are compared by matchKey/headerKey
 * (text.ts), so spaces, full-width letters and bracket styles do not matter.
 * The app's own export (明细台账) is among them, so an export imports back.
 */
import { IMPORT_FIELD_LABELS, type ImportField } from '#domain/import-fields';
import type { Conclusion, ConsultationStatus, Outcome } from '#domain/types';
import { headerKey, matchKey } from './text';

/** A known header that is deliberately not imported (序号, the export's computed columns). */
export const IGNORED = 'ignored' as const;
export type HeaderMeaning = ImportField | typeof IGNORED;

/** Headers per field, strongest first: when two columns claim a field, the stronger header wins. */
const HEADERS: Record<HeaderMeaning, readonly string[]> = {
  serialNo: ['编号', '咨询编号', '事项编号', '登记编号', '台账编号', '文号', '登记号'],
  title: ['事项名称', '咨询事项名称', '咨询事项', '事项', '事项标题', '标题', '名称', '审查事项', '送审事项', '合同名称', '文件名称', '项目名称'],
  category: ['类别', '事项类别', '咨询类别', '事项类型', '咨询类型', '类型', '分类', '业务类别'],
  department: ['提请处室', '承办处室', '送审科室', '送审处室', '提请部门', '承办部门', '提请单位', '送审单位', '申请处室', '来文处室', '业务处室', '处室', '科室', '部门'],
  requester: ['提请人', '经办人', '联系人', '送审人', '申请人', '承办人'],
  receivedOn: ['收件日期', '登记日期', '收文日期', '送审日期', '提请日期', '受理日期', '咨询日期', '收件时间', '登记时间', '收文时间', '送审时间', '提请时间', '受理时间', '咨询时间', '日期'],
  dueOn: ['办理时限', '办结时限', '答复期限', '截止日期', '要求完成日期', '要求办结日期', '要求完成时间', '要求办结时间', '完成时限', '时限', '期限'],
  itemCount: ['项数', '件数', '事项数', '涉及项数', '数量'],
  counsel: ['法律顾问', '承办律师', '指派顾问', '指派律师', '经办律师', '承办顾问', '顾问律师', '律师', '顾问'],
  counselFirm: ['律师事务所', '律所', '所属律所', '事务所'],
  assignedOn: ['分派日期', '指派日期', '交办日期', '分派时间', '指派时间'],
  status: ['状态', '当前状态', '办理状态', '办理情况', '办结情况', '办理进度', '进展'],
  opinionOn: ['意见出具日期', '出具意见日期', '意见日期', '首次意见日期', '意见出具时间', '出具日期', '答复日期', '回复日期', '反馈日期', '审查日期'],
  conclusion: ['意见结论', '最新意见结论', '审查结论', '审查意见结论', '意见类型', '结论'],
  opinionText: ['意见内容', '法律意见', '法律意见内容', '顾问意见', '律师意见', '审查意见', '意见摘要', '主要意见', '意见要点'],
  outcome: ['采纳情况', '意见采纳情况', '是否采纳', '采纳结果'],
  outcomeReason: ['未采纳理由', '不采纳理由', '未采纳原因', '不采纳原因', '未采纳说明', '采纳说明'],
  outcomeOn: ['采纳登记日期', '采纳情况登记日期', '采纳日期'],
  closedOn: ['办结日期', '完成日期', '结案日期', '办结时间'],
  description: ['事项说明', '事项内容', '咨询内容', '主要内容', '具体内容', '内容摘要', '情况说明', '基本情况', '简要情况', '说明'],
  note: ['备注', '附注', '备考', '其他说明'],
  // the export's derived columns and row numbers: known, so they help find the header, but not imported
  ignored: ['序号', '记录号', '期末状态', '意见份数', '最近意见日期', '首次意见用时', '是否按时', '登记人', '最后修改时间', '最后修改人'],
};

interface HeaderHit {
  meaning: HeaderMeaning;
  /** lower is stronger */
  rank: number;
}

const HEADER_INDEX = new Map<string, HeaderHit>();
for (const [meaning, words] of Object.entries(HEADERS) as [HeaderMeaning, readonly string[]][]) {
  words.forEach((w, rank) => {
    const key = headerKey(w);
    if (!HEADER_INDEX.has(key)) HEADER_INDEX.set(key, { meaning, rank });
  });
}
for (const [field, label] of Object.entries(IMPORT_FIELD_LABELS) as [ImportField, string][]) {
  if (HEADER_INDEX.get(headerKey(label))?.meaning !== field) throw new Error(`import: canonical header ${label} must map to ${field}`);
}
/** For "contains" matches: longer words first, only words of 3+ characters (2 would match too much). */
const CONTAINED = [...HEADER_INDEX.entries()].filter(([k]) => [...k].length >= 3).sort((a, b) => b[0].length - a[0].length);

/** What a header cell means: exact (after headerKey), else the one meaning of every longer word it contains. */
export function headerMeaning(text: string): HeaderHit | null {
  const key = headerKey(text);
  if (!key) return null;
  const exact = HEADER_INDEX.get(key);
  if (exact) return exact;
  const hits = CONTAINED.filter(([w]) => key.includes(w)).map(([, hit]) => hit);
  if (hits.length === 0) return null;
  const meanings = new Set(hits.map((h) => h.meaning));
  // a contained word is weaker than any exact header
  return meanings.size === 1 ? { meaning: hits[0]!.meaning, rank: 100 + Math.min(...hits.map((h) => h.rank)) } : null;
}

function vocabulary<T extends string>(table: Record<T, readonly string[]>): Map<string, Exclude<T, 'none'> | null> {
  const map = new Map<string, Exclude<T, 'none'> | null>();
  for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
    const meaning = value === 'none' ? null : (value as Exclude<T, 'none'>);
    for (const w of [value, ...words]) map.set(matchKey(w), meaning);
  }
  return map;
}

/** Values of 状态 (the app's labels, and what people write). */
export const STATUS_WORDS = vocabulary<ConsultationStatus>({
  registered: ['已登记', '登记', '待分派', '未分派', '待办', '未办理', '已收件'],
  assigned: ['已分派', '分派', '已指派', '办理中', '在办', '正在办理', '待出具意见', '审查中', '未办结'],
  answered: ['已出具意见', '出具意见', '已答复', '已回复', '已出具', '已反馈'],
  closed: ['已办结', '办结', '已完成', '完成', '已结束', '结束', '已归档', '归档'],
  withdrawn: ['已撤回', '撤回', '已撤销', '撤销', '已取消', '取消'],
});

/** Values of 意见结论; 'none' (尚未出具意见 in the export) means empty. */
export const CONCLUSION_WORDS = vocabulary<Conclusion | 'none'>({
  approve: ['同意/无异议', '同意', '无异议', '同意无异议', '通过', '可行', '合法'],
  approveWithChanges: ['修改后同意', '原则同意', '修改后通过', '有修改意见', '建议修改', '修改完善后同意', '基本同意'],
  object: ['不同意/存在法律风险', '不同意', '存在法律风险', '有法律风险', '存在风险', '有风险', '不予通过', '不可行'],
  advisory: ['咨询答复(无结论)', '咨询答复', '答复', '无结论', '咨询意见', '解答'],
  none: ['尚未出具意见', '未出具意见', '无'],
});

/** Values of 采纳情况; 'none' (未登记 in the export) means empty. */
export const OUTCOME_WORDS = vocabulary<Outcome | 'none'>({
  adopted: ['采纳', '已采纳', '全部采纳', '是', '采用'],
  partiallyAdopted: ['部分采纳', '部分采用', '基本采纳'],
  notAdopted: ['未采纳', '不采纳', '没有采纳', '否', '未采用'],
  none: ['未登记', '待定', '尚未反馈'],
});

/** Category variants by built-in code: exact spellings (after matchKey). */
export const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  rules: ['规范性文件', '制度', '制度建设', '规范性文件审查', '文件审查', '制度审查', '规章制度', '制度建设(规范性文件)'],
  contract: ['合同', '合同审查', '合同审核', '合同签订', '合同签署', '合同管理', '协议', '协议审查', '合同协议'],
  procurement: ['采购', '政府采购', '招标', '招投标', '招标采购', '采购招标', '招标投标'],
  complaint: ['信访', '投诉', '信访投诉', '举报', '信访举报', '投诉举报'],
  enforcementReview: ['执法审核', '法制审核', '重大执法决定', '重大执法决定法制审核', '执法决定审核', '行政执法', '行政处罚', '法制审查'],
  litigation: ['复议', '诉讼', '应诉', '行政复议', '行政诉讼', '复议诉讼', '行政复议与诉讼', '诉讼应诉', '复议与诉讼', '仲裁'],
  decision: ['决策', '重大决策', '重大行政决策', '决策审查', '重大决策审查'],
  other: ['其他', '其它', '其他事项'],
};

/** Words that, found inside a longer text, point at one category (used only when exactly one category is pointed at). */
export const CATEGORY_KEYWORDS: Record<string, readonly string[]> = {
  rules: ['规范性文件', '制度'],
  contract: ['合同', '协议'],
  procurement: ['采购', '招标'],
  complaint: ['信访', '投诉', '举报'],
  enforcementReview: ['执法', '法制审核', '处罚'],
  litigation: ['复议', '诉讼', '应诉', '仲裁'],
  decision: ['决策'],
};

/** Put in 备注 of the template's example row: a row still carrying it is refused, so the example is never imported by mistake. */
export const TEMPLATE_EXAMPLE_NOTE = '示例行：导入前请删除本行';
