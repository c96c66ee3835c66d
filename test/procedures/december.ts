/**
 * The fixture's year (test/reports/fixture.ts) with December's returns and a late 签发, counted by hand
 * on the 2025 calendar (calendar-2025.ts; no holidays in December). The report is for 2025, "today"
 * 2026-01-15:
 *
 *  T  contract, received 12/15 (Mon), due 12/22 (5 working days: 16 17 18 19 22); returned 12/19, the
 *     material not back by 12/31 (nor since) → its clock stood still at the year's end: pending,
 *     although 12/22 was before the year ended
 *  V  contract, received 12/01 (Mon), due 12/08; returned 12/03 → back 12/05 (2 working days: 4, 5),
 *     due 12/10; no opinion by 12/31 → missed (a return that ended within the period does not excuse it)
 *  W  contract, received 12/15, due 12/22; returned 12/19 → back 2026-01-06, after the period
 *     (12 working days: 12/22–12/31 are 8, then 2026-01-01, 01-02, 01-05, 01-06, as this ledger has no
 *     2026 holidays) → at 12/31
 *     its clock stood still: pending
 *  X  重大执法决定法制审核 (needs 签发), received 12/22, due 2026-01-09; opinion 12/29 (on time), signed
 *     2026-01-05 (7 days' wait) → at 12/31 it awaited 签发
 */
import { buildFixture } from '../reports/fixture';
import { testApp, type TestApp } from '../helpers/ledger';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { HOLIDAYS_2025 } from './calendar-2025';

/** On a test ledger closed after each test by default; pass one of your own to keep it longer. */
export async function buildDecemberReturns(on: TestApp = testApp()) {
  const f = await buildFixture(on);
  const { app } = f;
  await app.call('calendar.setHolidays', { year: 2025, days: HOLIDAYS_2025 });
  const step = (method: string, c: any, input: object) => app.call(method, { id: c.id, version: c.version, ...input });
  const contract = async (title: string, receivedOn: string) => {
    const c = await app.call('consultations.create', { title, categoryId: f.cat('contract'), departmentId: f.dept.zonghe, receivedOn, itemCount: 1 });
    return step('consultations.assign', c, { counselId: f.counsel.wang, assignedOn: receivedOn });
  };
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) throw new Error(`${what}: ${String(actual)}, expected ${String(expected)}`);
  };

  let t = await contract('T 合同', '2025-12-15');
  check('T due', t.dueOn, '2025-12-22');
  t = await step('consultations.returnForMaterial', t, { returnedOn: '2025-12-19', missing: '营业执照副本' });
  let v = await contract('V 合同', '2025-12-01');
  check('V due', v.dueOn, '2025-12-08');
  v = await step('consultations.returnForMaterial', v, { returnedOn: '2025-12-03', missing: '报价单' });
  v = await step('consultations.resume', v, { resumedOn: '2025-12-05' });
  check('V due after the return', v.dueOn, '2025-12-10');
  let w = await contract('W 合同', '2025-12-15');
  w = await step('consultations.returnForMaterial', w, { returnedOn: '2025-12-19', missing: '授权委托书' });
  w = await step('consultations.resume', w, { resumedOn: '2026-01-06' });

  let x = await app.call('consultations.create', { title: 'X 处罚决定审核', categoryId: f.cat('enforcementReview'), departmentId: f.dept.zonghe, receivedOn: '2025-12-22', dueOn: '2026-01-09', itemCount: 1 });
  x = await step('consultations.assign', x, { counselId: f.counsel.wang, assignedOn: '2025-12-22' });
  x = await step('consultations.addOpinion', x, { conclusion: 'approve', conclusionWord: '同意', text: '同意', issuedOn: '2025-12-29' });
  app.as({ username: 'leader', displayName: '办领导', roles: ['leader'] });
  x = await step('consultations.signOff', x, { opinionId: x.opinions[0].id, decision: 'sign', on: '2026-01-05' });
  app.as(LOCAL_ADMIN);
  return { f, t, v, w, x };
}
