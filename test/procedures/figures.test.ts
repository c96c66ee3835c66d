/**
 * The annual report with the clock (issue 20), on the hand-built year of test/reports/fixture.ts.
 * The fixture has no returns: its figures are the ones tally.test.ts worked out by hand. Three
 * items are added, each counted by hand on the 2025 calendar (calendar-2025.ts):
 *
 *  P  contract, received 4/24, due 4/30; returned 4/28 → back 5/6 (3 working days, due 5/8),
 *     returned 5/7 → back 5/12 (3, due 5/13); extended to 5/20; opinion 5/19 → on time
 *     (without the clock it would be late: 5/19 > 4/30)
 *  R  contract, received 4/24, due 4/30; returned 4/28 → back 5/6 (3, due 5/8); opinion 5/9 → late
 *  S  重大执法决定法制审核, received 6/2, due 6/20; opinion 6/5, 签发 6/9 (4 days' wait) → on time
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { ledgerDetailRows } from '../../db/queries/tally';
import { buildFixture, names } from '../reports/fixture';
import { buildDecemberReturns } from './december';
import { testApp } from '../helpers/ledger';
import { HOLIDAYS_2025 } from './calendar-2025';

describe('the report\'s figures with the working-day clock', () => {
  it('items without returns count as before; paused days are excluded from on-time; returns, pauses and sign-off waits are reported', async () => {
    const f = await buildFixture(testApp());
    const { app } = f;
    const tally = () => app.call<Tally>('reports.tally', { year: 2025 });
    const ci = (x: { count: number; items: number }) => [x.count, x.items];

    // the fixture's own figures (tally.test.ts), with the procedures in place
    let t = await tally();
    expect([ci(t.turnaround.dueTracked), ci(t.turnaround.dueMet), ci(t.turnaround.dueMissed), t.turnaround.onTimeRate.text]).toEqual([[6, 10], [4, 8], [2, 2], '66.7%']);
    expect(await app.call('procedures.figures', { year: 2025 })).toEqual({ returns: 0, returnedItems: 0, averagePausedDays: null, signedOff: 0, averageSignOffDays: null, extensions: 0, awaitingMaterial: 0, awaitingSignOff: 0 });

    await app.call('calendar.setHolidays', { year: 2025, days: HOLIDAYS_2025 });
    const contract = async (title: string) => {
      const c = await app.call('consultations.create', { title, categoryId: f.cat('contract'), departmentId: f.dept.zonghe, receivedOn: '2025-04-24', itemCount: 1 });
      return app.call('consultations.assign', { id: c.id, version: c.version, counselId: f.counsel.wang, assignedOn: '2025-04-25' });
    };
    const step = (method: string, c: any, input: object) => app.call(method, { id: c.id, version: c.version, ...input });

    let p = await contract('P 合同');
    expect(p.dueOn).toBe('2025-04-30');
    p = await step('consultations.returnForMaterial', p, { returnedOn: '2025-04-28', missing: '营业执照' });
    p = await step('consultations.resume', p, { resumedOn: '2025-05-06' });
    p = await step('consultations.returnForMaterial', p, { returnedOn: '2025-05-07', missing: '报价单' });
    p = await step('consultations.resume', p, { resumedOn: '2025-05-12' });
    p = await step('consultations.extend', p, { grantedOn: '2025-05-13', newDueOn: '2025-05-20', reason: '征求财务处意见' });
    p = await step('consultations.addOpinion', p, { conclusion: 'approve', text: '同意', issuedOn: '2025-05-19' });

    let r = await contract('R 合同');
    r = await step('consultations.returnForMaterial', r, { returnedOn: '2025-04-28', missing: '授权委托书' });
    r = await step('consultations.resume', r, { resumedOn: '2025-05-06' });
    expect(r.dueOn).toBe('2025-05-08');
    r = await step('consultations.addOpinion', r, { conclusion: 'approve', text: '同意', issuedOn: '2025-05-09' });

    let s = await app.call('consultations.create', { title: 'S 处罚决定审核', categoryId: f.cat('enforcementReview'), departmentId: f.dept.zonghe, receivedOn: '2025-06-02', dueOn: '2025-06-20', itemCount: 1 });
    s = await step('consultations.assign', s, { counselId: f.counsel.wang, assignedOn: '2025-06-02' });
    s = await step('consultations.addOpinion', s, { conclusion: 'approve', conclusionWord: '同意', text: '同意', issuedOn: '2025-06-05' });
    app.as({ username: 'leader', displayName: '办领导', roles: ['leader'] });
    await step('consultations.signOff', s, { opinionId: s.opinions[0].id, decision: 'sign', on: '2025-06-09' });

    t = await tally();
    // tracked 6 + P R S = 9 (10 + 3 项); met 4 + P S = 6 (8 + 2); missed F I + R = 3
    expect([ci(t.turnaround.dueTracked), ci(t.turnaround.dueMet), ci(t.turnaround.dueMissed), t.turnaround.onTimeRate.text]).toEqual([[9, 13], [6, 10], [3, 3], '66.7%']);
    const missed = names(f, (await app.call('reports.drilldown', { year: 2025, key: 'due:missed' })).ids);
    expect(missed.sort()).toEqual([`#${r.id}`, 'F', 'I']);
    // returns 3 (P twice, R once) on 2 items, paused 3 + 3 + 3 working days; one 签发 after 4 days; one extension
    expect(await app.call('procedures.figures', { year: 2025 })).toEqual({ returns: 3, returnedItems: 2, averagePausedDays: 3, signedOff: 1, averageSignOffDays: 4, extensions: 1, awaitingMaterial: 0, awaitingSignOff: 0 });
    // another year has none of them
    expect((await app.call('procedures.figures', { year: 2024 })).returns).toBe(0);
    expect(p.status).toBe('answered');
  });

  it('an earlier period counts an item still returned for material (退回补正) at its end as pending, not missed', async () => {
    const { f, t, v, w, x } = await buildDecemberReturns();
    const { app } = f;
    // With the fixture's own tracked 6 (10 项), met 4 (8), missed 2 (2): tracked 8 (12), met 5 (9) with X,
    // missed 3 (3) with V → 5/8 = 62.5% (without the fix T is missed too: 9 tracked, 55.6%).
    const t25 = await app.call<Tally>('reports.tally', { year: 2025 });
    const ci = (y: { count: number; items: number }) => [y.count, y.items];
    expect([ci(t25.turnaround.dueTracked), ci(t25.turnaround.dueMet), ci(t25.turnaround.dueMissed), t25.turnaround.onTimeRate.text]).toEqual([[8, 12], [5, 9], [3, 3], '62.5%']);
    const missed = names(f, (await app.call('reports.drilldown', { year: 2025, key: 'due:missed' })).ids);
    expect(missed.sort()).toEqual([`#${v.id}`, 'F', 'I']);
    // the detail ledger of the exports says the same (未到期 for T and W)
    const due = new Map([...ledgerDetailRows(app.ledger.sqlite, { from: '2025-01-01', to: '2025-12-31', today: '2026-01-15' })].map((r) => [r.id, r.due]));
    expect([due.get(t.id), due.get(v.id), due.get(w.id), due.get(x.id)]).toEqual(['pending', 'missed', 'pending', 'met']);
    // the procedures' figures of 2025: returns T V W (3 items), paused V 2 and W 12 → 7; X signed after 7 days;
    // at the year's end T and W awaited material and X awaited 签发
    expect(await app.call('procedures.figures', { year: 2025 })).toEqual({
      returns: 3,
      returnedItems: 3,
      averagePausedDays: 7,
      signedOff: 1,
      averageSignOffDays: 7,
      extensions: 0,
      awaitingMaterial: 2,
      awaitingSignOff: 1,
    });
  });
});
