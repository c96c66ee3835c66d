/** A realistic year of consultations, made through the router (fast), for the ledger, filters and screenshots. */
import { seedBasics, type App, type Basics } from './support';

interface Spec {
  title: string;
  cat: string;
  dept: number;
  receivedOn: string;
  items?: number;
  requester?: string;
  /** how far along the workflow it goes */
  to: 'registered' | 'assigned' | 'answered' | 'closed' | 'withdrawn' | 'trashed';
  counsel?: number;
  dueOn?: string;
  description?: string;
}

export const SPECS: Spec[] = [
  { title: '关于办公楼物业服务合同的合法性审查', cat: 'contract', dept: 0, receivedOn: '2025-01-08', items: 1, to: 'closed', requester: '张伟' },
  { title: '关于《国防动员潜力调查工作规程》的合法性审查', cat: 'rules', dept: 1, receivedOn: '2025-01-15', items: 3, to: 'closed', requester: '刘洋' },
  { title: '人防工程维护保养服务招标文件审查', cat: 'procurement', dept: 3, receivedOn: '2025-02-11', items: 2, to: 'closed', requester: '陈静' },
  { title: '关于群众反映人防工程占用问题的信访答复', cat: 'complaint', dept: 3, receivedOn: '2025-02-26', to: 'closed', requester: '赵磊' },
  { title: '关于某公司未按规定修建防空地下室的处罚决定法制审核', cat: 'enforcementReview', dept: 3, receivedOn: '2025-03-04', to: 'answered', counsel: 1 },
  { title: '信息化平台运维采购合同审查', cat: 'contract', dept: 0, receivedOn: '2025-03-18', items: 2, to: 'answered' },
  { title: '关于行政复议答复书的法律意见', cat: 'litigation', dept: 1, receivedOn: '2025-04-02', to: 'closed' },
  { title: '民兵训练基地租赁合同审查', cat: 'contract', dept: 2, receivedOn: '2025-04-21', to: 'withdrawn' },
  { title: '关于调整人防易地建设费标准的重大行政决策合法性审查', cat: 'decision', dept: 1, receivedOn: '2025-05-06', items: 1, to: 'assigned', counsel: 1 },
  { title: '应急物资储备库建设项目招标公告审查', cat: 'procurement', dept: 2, receivedOn: '2025-05-12', to: 'assigned', dueOn: '2025-05-19' },
  { title: '关于政府信息公开申请答复的咨询', cat: 'other', dept: 0, receivedOn: '2025-05-20', to: 'registered', dueOn: '2025-05-27' },
  { title: '车辆定点维修服务协议审查', cat: 'contract', dept: 0, receivedOn: '2025-06-03', items: 4, to: 'registered' },
  { title: '关于规范性文件清理工作的咨询', cat: 'rules', dept: 1, receivedOn: '2025-06-09', to: 'registered' },
  { title: '误登记的重复事项', cat: 'other', dept: 0, receivedOn: '2025-06-09', to: 'trashed' },
  { title: '2024 年度安保服务合同续签审查', cat: 'contract', dept: 0, receivedOn: '2024-11-20', to: 'closed' },
  { title: '2024 年度信访事项处理意见', cat: 'complaint', dept: 3, receivedOn: '2024-12-05', to: 'closed' },
];

const CONCLUSIONS = ['approve', 'approveWithChanges', 'object', 'advisory'] as const;
const OUTCOMES = ['adopted', 'adopted', 'partiallyAdopted', 'adopted'] as const;

export async function seedLedger(app: App, basics?: Basics): Promise<Basics> {
  const b = basics ?? (await seedBasics(app));
  let n = 0;
  for (const s of SPECS) {
    n += 1;
    let d = await app.call('consultations.create', {
      title: s.title,
      categoryId: b.category(s.cat),
      departmentId: b.departments[s.dept]!.id,
      requester: s.requester ?? '',
      receivedOn: s.receivedOn,
      dueOn: s.dueOn ?? null,
      itemCount: s.items ?? 1,
      description: s.description ?? `${s.title}，请法律顾问提出意见。`,
    });
    const ref = () => ({ id: d.id, version: d.version });
    if (s.to === 'trashed') {
      d = await app.call('consultations.trash', { ...ref(), reason: '重复登记' });
      continue;
    }
    if (s.to === 'withdrawn') {
      d = await app.call('consultations.withdraw', { ...ref(), reason: '提请处室已自行解决' });
      continue;
    }
    if (s.to === 'registered') continue;
    // steps dated in order (business dates): assigned the day after receipt, the opinion 4 days after receipt
    d = await app.call('consultations.assign', { ...ref(), counselId: b.counsels[s.counsel ?? 0]!.id, assignedOn: addDays(s.receivedOn, 1), ...(s.dueOn ? { dueOn: s.dueOn } : {}) });
    if (s.to === 'assigned') continue;
    const issuedOn = addDays(s.receivedOn, 4);
    d = await app.call('consultations.addOpinion', {
      ...ref(),
      conclusion: CONCLUSIONS[n % 4],
      text: '经审查，该事项总体合法合规。建议：一、明确双方权利义务；二、完善违约责任条款；三、补充争议解决方式。',
      issuedOn,
    });
    if (s.to === 'answered') continue;
    d = await app.call('consultations.recordOutcome', { ...ref(), outcome: OUTCOMES[n % 4], outcomeOn: addDays(issuedOn, 2) });
    d = await app.call('consultations.close', { ...ref(), closedOn: addDays(issuedOn, 2) });
  }
  return b;
}

function addDays(day: string, days: number): string {
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + days)).toISOString().slice(0, 10);
}
