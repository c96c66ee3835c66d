/**
 * The words of the engagement (聘用合同) and the yearly assessment (年度履职考核):
 * ratings, grades, the scoresheet template and its arithmetic, money in fen.
 * Plain data and functions (no zod, no database): the services, the contract,
 * the exports and the renderer import them from here.
 */

/** An engagement ending within this many days is a reminder. */
export const ENGAGEMENT_REMINDER_DAYS = 60;

/** The registrar's rating when an item closes: 满意 / 基本满意 / 不满意. */
export const RATINGS = ['satisfied', 'fair', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' };

/** The grades of the assessment, best first. */
export const GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };

export interface AssessmentHead {
  /** stable key (letters, digits, -), used in the scores */
  key: string;
  name: string;
  /** the most points the head gives (its weight) */
  weight: number;
  guidance: string;
  /** 加分项: points on top, the total may exceed the sum of the other weights */
  bonus: boolean;
}

export interface AssessmentVeto {
  key: string;
  text: string;
}

export interface AssessmentTemplate {
  name: string;
  /** where the template comes from (a local rule, or the app's sample) */
  source: string;
  heads: AssessmentHead[];
  /** the lowest total for each grade but the last (不称职 is below 基本称职's minimum) */
  thresholds: Record<Exclude<Grade, 'incompetent'>, number>;
  vetoes: AssessmentVeto[];
}

/**
 * The template that ships with the app. Its heads, grades and 一票否决 items follow
 * the structure common to local rules for assessing government legal counsel
 * (e.g. the provincial 党政机关法律顾问工作考核办法 of several provinces: 职责履行,
 * 服务质量, 执业规范, 工作纪律 and 加分项; 优秀/称职/基本称职/不称职); the
 * points are a sample. An office replaces them with its own rule's (设置 → 考核模板).
 */
export const DEFAULT_ASSESSMENT_TEMPLATE: AssessmentTemplate = {
  name: '法律顾问年度履职考核表',
  source: '本应用示例模板：结构参照各地党政机关法律顾问工作考核办法的常见做法（职责履行、服务质量、执业规范、工作纪律、加分项），分值为示例，请按本单位考核办法修改。',
  heads: [
    { key: 'duty', name: '职责履行', weight: 30, guidance: '按聘用合同服务清单履行职责；按时出具法律意见；参加会议、论证等。', bonus: false },
    { key: 'quality', name: '服务质量', weight: 30, guidance: '法律意见的准确性、针对性和可操作性；意见采纳情况；服务评价。', bonus: false },
    { key: 'conduct', name: '执业规范', weight: 20, guidance: '遵守律师执业规范；无利益冲突；保守国家秘密、工作秘密和商业秘密。', bonus: false },
    { key: 'discipline', name: '工作纪律', weight: 20, guidance: '遵守聘用单位工作制度；不以法律顾问身份从事与职责无关的活动。', bonus: false },
    { key: 'bonus', name: '加分项', weight: 5, guidance: '在重大事项中作出突出贡献、获得表彰等，酌情加分。', bonus: true },
  ],
  thresholds: { excellent: 90, competent: 75, basic: 60 },
  vetoes: [
    { key: 'secret', text: '泄露国家秘密、工作秘密或者当事人商业秘密、个人隐私的' },
    { key: 'conflict', text: '利用法律顾问身份谋取不正当利益，或者代理与聘用单位有利益冲突的案件的' },
    { key: 'harm', text: '因故意或者重大过失出具错误法律意见，造成重大损失或者恶劣影响的' },
  ],
};

/** A head's score: points in tenths of a point (so sums are exact) and the assessor's remark. */
export interface HeadScore {
  /** tenths of a point, 0 ..= weight × 10 */
  tenths: number;
  remark: string;
}

export interface ScoreResult {
  /** tenths of a point */
  totalTenths: number;
  /** null until every head is scored */
  grade: Grade | null;
  /** a 一票否决 item was ticked: 不称职 whatever the points */
  vetoed: boolean;
  missing: string[];
}

/** The total and the grade that follows from the template (一票否决 first). */
/** The head's score, own properties only (a key such as "constructor" is never read off the prototype). */
export function headScore(scores: Readonly<Record<string, HeadScore>>, key: string): HeadScore | undefined {
  return Object.hasOwn(scores, key) ? scores[key] : undefined;
}

export function scoreAssessment(template: AssessmentTemplate, scores: Readonly<Record<string, HeadScore>>, vetoes: readonly string[]): ScoreResult {
  const missing = template.heads.filter((h) => headScore(scores, h.key) === undefined).map((h) => h.key);
  const totalTenths = template.heads.reduce((sum, h) => sum + (headScore(scores, h.key)?.tenths ?? 0), 0);
  const vetoed = vetoes.some((v) => template.vetoes.some((t) => t.key === v));
  let grade: Grade | null = null;
  if (vetoed) grade = 'incompetent';
  else if (missing.length === 0) grade = gradeOf(template, totalTenths);
  return { totalTenths, grade, vetoed, missing };
}

export function gradeOf(template: AssessmentTemplate, totalTenths: number): Grade {
  const t = template.thresholds;
  if (totalTenths >= t.excellent * 10) return 'excellent';
  if (totalTenths >= t.competent * 10) return 'competent';
  if (totalTenths >= t.basic * 10) return 'basic';
  return 'incompetent';
}

/** 12.5 from 125 tenths. */
export function pointsText(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** 12,345.60 from 1234560 fen (integer arithmetic, no float rounding). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fen from a typed amount in yuan ("12,345.6", "12345.60", "100"): at most two
 * decimals, no sign; null when it is not such an amount. Parsed as text, never as a float.
 */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
