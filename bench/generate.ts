/**
 * Deterministic realistic ledger at scale N: consultations over 20 years with
 * opinions, status history, audit records (a real hash chain), divisions and
 * counsel, Chinese titles, and the search index. A bulk path that writes the same
 * rows the services would, in large transactions.
 */
import { openDatabase, type Ledger } from '../db/open';
import { indexNewConsultation } from '../db/queries/search';
import { appendAuditRaw } from '../electron/services/audit';
import { addDays } from '#domain/dates';

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEPARTMENTS = ['综合处', '政策法规处', '财务处', '人防工程处', '指挥通信处', '宣传教育处', '机关党委', '信息中心', '装备处', '规划建设处', '执法监察支队', '后勤服务中心'];
export const SUBJECTS = ['物业服务', '办公设备采购', '人防工程租赁', '信息系统运维', '宣传品印制', '车辆维修', '食堂承包', '安防监控', '档案数字化', '培训服务', '工程监理', '法律顾问服务', '疏散基地建设', '警报器维护', '会议服务'];
export const KINDS: Record<string, string[]> = {
  rules: ['管理办法（征求意见稿）合法性审查', '规范性文件备案审查', '工作规则修订'],
  contract: ['合同审查', '补充协议审查', '框架协议审查'],
  procurement: ['招标文件审查', '采购需求合法性论证', '评标办法审查'],
  complaint: ['信访事项答复意见', '投诉处理意见', '群众来信答复'],
  enforcementReview: ['行政处罚决定法制审核', '责令限期改正决定审核', '行政强制措施审核'],
  litigation: ['行政复议答复', '应诉答辩状审查', '诉讼风险评估'],
  decision: ['重大行政决策合法性审查', '专家论证意见', '风险评估报告审查'],
  other: ['法律咨询', '政策解读', '合规提示'],
};
export const CATEGORY_WEIGHTS: [string, number][] = [['contract', 30], ['procurement', 20], ['rules', 15], ['complaint', 12], ['enforcementReview', 10], ['litigation', 5], ['decision', 4], ['other', 4]];

export const COUNSELS = ['王明', '李华', '张伟', '刘洋', '陈静', '杨帆'].map((name) => `${name}律师`);

export interface GenerateOptions {
  n: number;
  seed: number;
  lastYear?: number;
  years?: number;
}

export function generateLedger(file: string, opts: GenerateOptions): Ledger {
  const ledger = openDatabase(file);
  const { sqlite } = ledger;
  const random = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const lastYear = opts.lastYear ?? 2025;
  const years = opts.years ?? 20;
  const now = new Date(`${lastYear}-12-31T08:00:00Z`);

  const catIds = new Map((sqlite.prepare('SELECT code, id FROM categories').all() as { code: string; id: number }[]).map((r) => [r.code, r.id]));
  const totalWeight = CATEGORY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickCategory = () => {
    let x = random() * totalWeight;
    for (const [code, w] of CATEGORY_WEIGHTS) if ((x -= w) < 0) return code;
    return 'other';
  };

  sqlite.transaction(() => {
    const insDept = sqlite.prepare('INSERT INTO departments (name, active, sort_order, created_at) VALUES (?, 1, ?, ?)');
    DEPARTMENTS.forEach((d, i) => insDept.run(d, i * 10, now.toISOString()));
    const insCounsel = sqlite.prepare('INSERT INTO counsels (name, firm, phone, engaged_from, engaged_to, active, version, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)');
    COUNSELS.forEach((name, i) =>
      insCounsel.run(name, i % 2 ? '某某律师事务所' : '某某某律师事务所', `1380000000${i}`, `${lastYear - years + 1}-01-01`, i === 5 ? `${lastYear}-06-30` : null, i === 5 ? 0 : 1, now.toISOString()),
    );
  }).immediate();
  const deptNames = new Map((sqlite.prepare('SELECT id, name FROM departments').all() as { id: number; name: string }[]).map((d) => [d.id, d.name]));
  const deptIds = [...deptNames.keys()];
  const counselIds = sqlite.prepare('SELECT id FROM counsels').pluck().all() as number[];

  const insC = sqlite.prepare(`INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, description, category_id, department_id,
    requester, received_on, due_on, item_count, counsel_id, assigned_on, status, outcome, outcome_reason, outcome_on, closed_on, note,
    version, created_at, created_by, updated_at, updated_by) VALUES
    ('法咨', @year, @seq, @title, @description, @categoryId, @departmentId, @requester, @receivedOn, @dueOn, @itemCount, @counselId,
     @assignedOn, @status, @outcome, @reason, @outcomeOn, @closedOn, '', 1, @at, 'registrar', @at, 'registrar')`);
  const insH = sqlite.prepare('INSERT INTO status_history (consultation_id, from_status, to_status, at, actor, reason, business_on) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const setStatusOn = sqlite.prepare('UPDATE consultations SET status_on = ? WHERE id = ?');
  const insO = sqlite.prepare(`INSERT INTO opinions (consultation_id, round, counsel_id, conclusion, text, issued_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'counsel')`);
  const insSerial = sqlite.prepare('INSERT INTO serial_counters (year, last_seq) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last_seq = excluded.last_seq');

  const perYear = Math.floor(opts.n / years);
  for (let y = 0; y < years; y++) {
    const year = lastYear - years + 1 + y;
    const count = y === years - 1 ? opts.n - perYear * (years - 1) : perYear;
    const days = Array.from({ length: count }, () => Math.floor(random() * 365)).sort((a, b) => a - b);
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const receivedOn = addDays(`${year}-01-01`, days[i]!);
        const code = pickCategory();
        const status = random() < 0.03 ? 'withdrawn' : year < lastYear || random() < 0.7 ? 'closed' : pick(['registered', 'assigned', 'answered', 'closed'] as const);
        const counselId = status === 'registered' ? null : pick(counselIds);
        const answered = status === 'answered' || status === 'closed';
        const firstOpinionOn = addDays(receivedOn, 1 + Math.floor(random() * 12));
        const outcome = answered && random() < 0.9 ? (random() < 0.85 ? 'adopted' : random() < 0.6 ? 'partiallyAdopted' : 'notAdopted') : null;
        const at = `${receivedOn}T02:00:00.000Z`;
        const row = {
          year,
          seq: i + 1,
          title: `关于${pick(SUBJECTS)}${pick(KINDS[code]!)}的请示`,
          description: `${pick(DEPARTMENTS)}提请对${pick(SUBJECTS)}事项进行法律审查，涉及金额约${Math.floor(random() * 500)}万元，请于办理时限内出具书面法律意见。`,
          categoryId: catIds.get(code)!,
          departmentId: pick(deptIds),
          requester: pick(['张科长', '李主任', '王处长', '赵干事', '刘科员', '陈副处长']),
          receivedOn,
          dueOn: addDays(receivedOn, 10),
          itemCount: random() < 0.8 ? 1 : 2 + Math.floor(random() * 3),
          counselId,
          assignedOn: counselId ? receivedOn : null,
          status,
          outcome,
          reason: outcome === 'notAdopted' ? '经研究决定暂缓实施' : null,
          outcomeOn: outcome ? addDays(firstOpinionOn, 3) : null,
          closedOn: status === 'closed' ? addDays(firstOpinionOn, 5) : null,
          at,
        };
        const id = Number(insC.run(row).lastInsertRowid);
        // business dates: the day each step happened (the entry time `at` is the receipt's)
        insH.run(id, null, 'registered', at, 'registrar', '', receivedOn);
        if (counselId) insH.run(id, 'registered', 'assigned', at, 'registrar', '', receivedOn);
        let statusOn = receivedOn;
        const opinions: string[] = [];
        if (answered) {
          const rounds = random() < 0.15 ? 2 : 1;
          for (let r = 1; r <= rounds; r++) {
            opinions.push(`经审查，${row.title.slice(2, 14)}总体合法，建议完善违约责任、争议解决等条款。`);
            insO.run(id, r, counselId, pick(['approve', 'approveWithChanges', 'object', 'advisory']), opinions.at(-1), addDays(firstOpinionOn, (r - 1) * 4), at);
          }
          insH.run(id, 'assigned', 'answered', at, 'counsel', '', (statusOn = firstOpinionOn));
        }
        if (status === 'closed') insH.run(id, 'answered', 'closed', at, 'registrar', '', (statusOn = row.closedOn!));
        if (status === 'withdrawn') insH.run(id, counselId ? 'assigned' : 'registered', 'withdrawn', at, 'registrar', '处室撤回', statusOn);
        setStatusOn.run(statusOn, id);
        appendAuditRaw(sqlite, new Date(at), 'registrar', { action: 'consultations.create', entity: 'consultation', entityId: id, after: row });
        indexNewConsultation(sqlite, id, {
          ...row,
          department: deptNames.get(row.departmentId)!,
          serialNo: `法咨〔${year}〕${row.seq}号`,
          note: '',
          outcomeReason: row.reason,
          opinions,
          attachments: [],
        });
      }
      insSerial.run(year, count);
    }).immediate();
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  return ledger;
}
