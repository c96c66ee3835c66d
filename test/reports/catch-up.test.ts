/**
 * Catch-up entry (issue 18): everything below is typed in in December 2026, with the
 * business dates of March–July. The report of 2026-01-01…06-30 must give what a hand
 * count of the BUSINESS DATES gives — the figures are written out here by hand, not
 * computed by the code under test. (Counted by entry time, D would be answered, F
 * withdrawn and not counted, and the July opinion one more 份.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { Drilldown, Tally } from '#contract/reports-contract';
import type { ConsultationDetail } from '#domain/types';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
let app: TestApp;
const ids: Record<string, number> = {};

type Step =
  | ['assign', string, string | null]
  | ['opinion', string, string]
  | ['outcome', string, string]
  | ['close', string]
  | ['withdraw', string];

async function item(name: string, receivedOn: string, itemCount: number, steps: Step[], cat: number, dept: number, counsel: number) {
  let c: ConsultationDetail = await register(app, { title: `事项${name}`, categoryId: cat, departmentId: dept, receivedOn, itemCount });
  const ref = () => ({ id: c.id, version: c.version });
  for (const s of steps) {
    if (s[0] === 'assign') c = await app.call('consultations.assign', { ...ref(), counselId: counsel, assignedOn: s[1], dueOn: s[2] });
    if (s[0] === 'opinion') c = await app.call('consultations.addOpinion', { ...ref(), conclusion: s[2], text: `意见${name}`, issuedOn: s[1] });
    if (s[0] === 'outcome') {
      c = await app.call('consultations.recordOutcome', { ...ref(), outcome: s[2], outcomeOn: s[1], reason: s[2] === 'notAdopted' ? '另有考虑' : '' });
    }
    if (s[0] === 'close') c = await app.call('consultations.close', { ...ref(), closedOn: s[1] });
    if (s[0] === 'withdraw') c = await app.call('consultations.withdraw', { ...ref(), reason: '处室撤回', withdrawnOn: s[1] });
  }
  ids[name] = c.id;
}

let dir = '';
// one ledger for the whole file, in its own folder (the shared helpers close theirs after every test)
afterAll(() => {
  app.ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-catch-up-'));
  app = testApp(openDatabase(path.join(dir, 'ledger.sqlite3')));
  app.clock.set('2026-12-07T02:00:00.000Z'); // all of it typed in on 7 December
  const b = await seedBasics(app);
  const [cat, dept, counsel] = [b.cat('contract'), b.dept.id, b.counsel.id];
  await item('A', '2026-03-02', 2, [['assign', '2026-03-03', '2026-03-16'], ['opinion', '2026-03-10', 'approve'], ['outcome', '2026-03-12', 'adopted'], ['close', '2026-03-20']], cat, dept, counsel);
  await item('B', '2026-04-01', 1, [['assign', '2026-04-02', '2026-04-10'], ['opinion', '2026-04-08', 'object'], ['outcome', '2026-04-15', 'notAdopted'], ['close', '2026-05-20']], cat, dept, counsel);
  await item('C', '2026-05-06', 1, [['assign', '2026-05-07', '2026-05-15'], ['opinion', '2026-05-25', 'approveWithChanges']], cat, dept, counsel);
  // D: answered and closed only in July
  await item('D', '2026-06-10', 3, [['assign', '2026-06-11', '2026-06-20'], ['opinion', '2026-07-15', 'approve'], ['outcome', '2026-07-16', 'adopted'], ['close', '2026-07-20']], cat, dept, counsel);
  await item('E', '2026-03-15', 1, [['withdraw', '2026-04-01']], cat, dept, counsel);
  // F: withdrawn only in July, so open (registered) at the end of June
  await item('F', '2026-06-20', 1, [['withdraw', '2026-07-05']], cat, dept, counsel);
  // G: a second round (补充意见) in June; no due date
  await item('G', '2026-05-10', 1, [['assign', '2026-05-11', null], ['opinion', '2026-05-12', 'approve'], ['opinion', '2026-06-01', 'advisory'], ['outcome', '2026-06-05', 'partiallyAdopted'], ['close', '2026-06-06']], cat, dept, counsel);
  await item('H', '2026-07-02', 1, [], cat, dept, counsel); // after the period
});

const named = (list: number[]) => list.map((id) => Object.keys(ids).find((k) => ids[k] === id));

describe('a custom period of catch-up entries counts by business dates', () => {
  it('statuses at the end of June, 次 and 项, and the withdrawn line', async () => {
    const t = await app.call<Tally>('reports.tally', PERIOD);
    // counted: A B C D F G (E withdrawn in April; F withdrawn only in July)
    expect([t.total.count, t.total.items]).toEqual([6, 2 + 1 + 1 + 3 + 1 + 1]);
    expect([t.withdrawn.count, t.withdrawn.items]).toEqual([1, 1]);
    expect(t.byStatus.map((s) => [s.status, s.count, s.items])).toEqual([
      ['registered', 1, 1], // F
      ['assigned', 1, 3], // D
      ['answered', 1, 1], // C
      ['closed', 3, 4], // A B G
    ]);
    expect(named((await app.call<Drilldown>('reports.drilldown', { ...PERIOD, key: 'status:closed' })).ids)).toEqual(['A', 'B', 'G']);
  });

  it('the carried-over list', async () => {
    const t = await app.call<Tally>('reports.tally', PERIOD);
    expect(t.carriedOver.asOf).toBe('2026-06-30');
    expect([t.carriedOver.total.count, t.carriedOver.total.items]).toEqual([3, 5]);
    expect(t.carriedOver.rows.map((r) => [named([r.id])[0], r.statusAtEnd, r.status])).toEqual([
      ['C', 'answered', 'answered'],
      ['D', 'assigned', 'closed'],
      ['F', 'registered', 'withdrawn'],
    ]);
    expect(named((await app.call<Drilldown>('reports.drilldown', { ...PERIOD, key: 'carriedOver' })).ids)).toEqual(['C', 'D', 'F']);
  });

  it('months, opinions (份), conclusions and outcomes', async () => {
    const t = await app.call<Tally>('reports.tally', PERIOD);
    expect(t.byMonth.map((m) => [m.month, m.count, m.items])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 0, 0],
      ['2026-03', 1, 2], // A (E withdrawn)
      ['2026-04', 1, 1], // B
      ['2026-05', 2, 2], // C G
      ['2026-06', 2, 4], // D F
    ]);
    // A 1 + B 1 + C 1 + G 2 (补充意见) ; D's July opinion is not in the period
    expect(t.opinions.documents).toBe(5);
    expect(t.opinions.answered.count).toBe(4);
    const conclusions = Object.fromEntries(t.byConclusion.map((c) => [c.conclusion, c.count]));
    expect(conclusions).toEqual({ approve: 1, approveWithChanges: 1, object: 1, advisory: 1, none: 2 });
    const outcomes = Object.fromEntries(t.byOutcome.map((o) => [o.outcome, o.count]));
    expect(outcomes).toEqual({ adopted: 1, partiallyAdopted: 1, notAdopted: 1, none: 3 });
    expect([t.adoption.adopted.count, t.adoption.withOutcome.count, t.adoption.rate.text]).toEqual([2, 3, '66.7%']);
  });

  it('turnaround and on time', async () => {
    const t = await app.call<Tally>('reports.tally', PERIOD);
    // days to the first opinion: A 8, B 7, C 19, G 2 → median of 2 7 8 19
    expect(t.turnaround.medianDays).toBe(7.5);
    // A met (03-10 ≤ 03-16), B met (04-08 ≤ 04-10), C missed (05-25 > 05-15), D missed (not answered by 06-30, due 06-20)
    expect([t.turnaround.dueMet.count, t.turnaround.dueMissed.count, t.turnaround.onTimeRate.text]).toEqual([2, 2, '50.0%']);
    expect(named((await app.call<Drilldown>('reports.drilldown', { ...PERIOD, key: 'due:missed' })).ids)).toEqual(['C', 'D']);
  });

  it('the whole year, seen today, has July’s steps', async () => {
    const t = await app.call<Tally>('reports.tally', { year: 2026 });
    expect([t.total.count, t.withdrawn.count]).toEqual([6, 2]); // A B C D G H; E F withdrawn
    expect(t.opinions.documents).toBe(6);
    expect(t.carriedOver.rows.map((r) => named([r.id])[0])).toEqual(['C', 'H']);
  });
});
