/**
 * An earlier period counts an unanswered item against the due date in force at ITS end, not against
 * a due date a 延期 or a 退回补正 dated after the period moved later (db/queries/tally.ts, DUE_AT_END).
 * On the hand-built year of test/reports/fixture.ts (tracked 6 (10 项), met 4 (8), missed 2 (2)),
 * with the 2025 calendar (calendar-2025.ts: no December holidays) and the 2026 元旦 of the State
 * Council's schedule (1/1–1/3 off, Sunday 1/4 worked). Counted by hand:
 *
 *  Y  contract, received 2025-12-10, 办理时限 set to 2025-12-20; no opinion by 12/31; 延期 granted on
 *     2026-01-05 to 2026-01-20; opinion 2026-01-15.
 *     2025 report: at 12/31 the due date in force was 12/20, before 2026-01-01 → missed (超期)
 *       (without the rule: the current 2026-01-20 is not yet due on 12/31 → pending, 未到期).
 *     Report 2025-12-01 – 2026-01-31: at 1/31 the due date was 1/20, opinion 1/15 → met (按期).
 *  Z  contract, received 2025-12-22 (Mon), due after 5 working days: 12/23 24 25 26 29 → 2025-12-29;
 *     no opinion by 12/31; returned 2026-01-05 (Mon) → material back 2026-01-19 (Mon): paused
 *     working days after the return up to the day it came back: 1/6 7 8 9 12 13 14 15 16 19 = 10;
 *     due 12/29 + 10 working days: 12/30 (1), 12/31 (2), [1/1–1/3 off], 1/4 Sun worked (3), 1/5 (4),
 *     1/6 (5), 1/7 (6), 1/8 (7), 1/9 (8), 1/12 (9), 1/13 (10) → 2026-01-13; opinion 2026-01-20.
 *     2025 report: at 12/31 the due date was 12/29 (the return came after the year) → missed
 *       (without the rule: 2026-01-13 → pending).
 *     Report 2025-12-01 – 2026-01-31: due 1/13, opinion 1/20 → missed.
 *
 * 2025: tracked 6 + Y Z = 8 (12 项), met 4 (8), missed 2 + Y Z = 4 (4) → 4/8 = 50.0%
 * (without the rule Y and Z are pending: 6 (10), 4 (8), 2 (2), 66.7%).
 *
 * The rule reads the date each change replaced, so changes must be dated in the order they are entered:
 *  U  extended on 2026-01-05; an extension or a return dated before that is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { ledgerDetailRows } from '../../db/queries/tally';
import { buildFixture, names } from '../reports/fixture';
import { testApp } from '../helpers/ledger';
import { HOLIDAYS_2025 } from './calendar-2025';

const NEW_YEAR_2026 = [
  ...['01', '02', '03'].map((d) => ({ day: `2026-01-${d}`, kind: 'holiday', name: '元旦' })),
  { day: '2026-01-04', kind: 'workday', name: '元旦调休' },
];

describe('the due date in force at the end of a period', () => {
  it('an extension or a return dated after the period does not make an item overdue at its end pending', async () => {
    const f = await buildFixture(testApp());
    const { app } = f;
    await app.call('calendar.setHolidays', { year: 2025, days: HOLIDAYS_2025 });
    app.clock.set('2026-01-21T02:00:00.000Z');
    await app.call('calendar.setHolidays', { year: 2026, days: NEW_YEAR_2026 });
    const step = (method: string, c: any, input: object) => app.call(method, { id: c.id, version: c.version, ...input });
    const contract = async (title: string, receivedOn: string, dueOn?: string) => {
      const c = await app.call('consultations.create', { title, categoryId: f.cat('contract'), departmentId: f.dept.zonghe, receivedOn, itemCount: 1, ...(dueOn ? { dueOn } : {}) });
      return step('consultations.assign', c, { counselId: f.counsel.wang, assignedOn: receivedOn });
    };

    let y = await contract('Y 合同', '2025-12-10', '2025-12-20');
    expect(y.dueOn).toBe('2025-12-20');
    y = await step('consultations.extend', y, { grantedOn: '2026-01-05', newDueOn: '2026-01-20', reason: '征求财务处意见' });
    y = await step('consultations.addOpinion', y, { conclusion: 'approve', text: '同意', issuedOn: '2026-01-15' });

    let z = await contract('Z 合同', '2025-12-22');
    expect(z.dueOn).toBe('2025-12-29');
    z = await step('consultations.returnForMaterial', z, { returnedOn: '2026-01-05', missing: '营业执照副本' });
    z = await step('consultations.resume', z, { resumedOn: '2026-01-19' });
    expect(z.dueOn).toBe('2026-01-13');
    z = await step('consultations.addOpinion', z, { conclusion: 'approve', text: '同意', issuedOn: '2026-01-20' });

    // the 2025 report: the figure, its drill-down and the detail ledger of the exports agree
    const ci = (x: { count: number; items: number }) => [x.count, x.items];
    const t25 = await app.call<Tally>('reports.tally', { year: 2025 });
    expect([ci(t25.turnaround.dueTracked), ci(t25.turnaround.dueMet), ci(t25.turnaround.dueMissed), t25.turnaround.onTimeRate.text]).toEqual([[8, 12], [4, 8], [4, 4], '50.0%']);
    const missed = names(f, (await app.call('reports.drilldown', { year: 2025, key: 'due:missed' })).ids);
    expect(missed.sort()).toEqual([`#${y.id}`, `#${z.id}`, 'F', 'I'].sort());
    const due25 = new Map([...ledgerDetailRows(app.ledger.sqlite, { from: '2025-01-01', to: '2025-12-31', today: '2026-01-21' })].map((r) => [r.id, r.due]));
    expect([due25.get(y.id), due25.get(z.id)]).toEqual(['missed', 'missed']);

    // a period ending after the extension and the return counts them with the moved due dates
    const range = { from: '2025-12-01', to: '2026-01-31' };
    const met = (await app.call('reports.drilldown', { ...range, key: 'due:met' })).ids as number[];
    const missedInRange = (await app.call('reports.drilldown', { ...range, key: 'due:missed' })).ids as number[];
    expect([met.includes(y.id), missedInRange.includes(y.id), met.includes(z.id), missedInRange.includes(z.id)]).toEqual([true, false, false, true]);
    const dueRange = new Map([...ledgerDetailRows(app.ledger.sqlite, { ...range, today: '2026-01-21' })].map((r) => [r.id, r.due]));
    expect([dueRange.get(y.id), dueRange.get(z.id)]).toEqual(['met', 'missed']);

    // the chain of due dates follows the business dates: a step dated before the last extension is refused
    let u = await contract('U 合同', '2025-12-22');
    u = await step('consultations.extend', u, { grantedOn: '2026-01-05', newDueOn: '2026-01-30', reason: '补充调查' });
    await expect(step('consultations.extend', u, { grantedOn: '2025-12-30', newDueOn: '2026-02-06', reason: '补记' })).rejects.toThrow('延期日期（2025-12-30）不能早于上次延期日期（2026-01-05）');
    await expect(step('consultations.returnForMaterial', u, { returnedOn: '2026-01-02', missing: '报价单' })).rejects.toThrow('退回日期（2026-01-02）不能早于上次延期日期（2026-01-05）');
    const after = await app.call('consultations.get', { id: u.id });
    expect([after.version, after.dueOn]).toEqual([u.version, '2026-01-30']);
  });
});
