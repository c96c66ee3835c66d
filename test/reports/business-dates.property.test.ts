/**
 * Issue 18 (fast-check): random sequences of workflow steps through the real services,
 * each with a random business date. Dates in order (and not after today) are taken;
 * the status at the end of any period, as the report counts it, equals the status a
 * plain model computes from the business dates alone (the entry time is the same for
 * every step: 31 December). A date out of order or after today is refused and writes
 * nothing: no history row, no audit record, no new version.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Drilldown } from '#contract/reports-contract';
import { addDays } from '#domain/dates';
import { STATUSES, type ConsultationDetail, type ConsultationStatus } from '#domain/types';
import { register, seedBasics, testApp } from '../helpers/ledger';

const TODAY = '2026-12-31';
const ACTIONS = ['assign', 'opinion', 'outcome', 'close', 'withdraw', 'reopen'] as const;
type Act = (typeof ACTIONS)[number];

/** The workflow written out by hand (docs/DOMAIN.md): the steps each status offers. */
const OFFERED: Record<ConsultationStatus, Act[]> = {
  registered: ['assign', 'withdraw'],
  assigned: ['assign', 'opinion', 'withdraw'],
  answered: ['opinion', 'outcome', 'close', 'withdraw'],
  closed: ['reopen'],
  withdrawn: ['reopen'],
};

interface GenStep {
  pick: number;
  /** days after the latest step; negative: out of order */
  gap: number;
}
interface GenItem {
  received: number;
  steps: GenStep[];
}

const genItem: fc.Arbitrary<GenItem> = fc.record({
  received: fc.integer({ min: 0, max: 330 }), // 2026-01-01 … 2026-11-27
  steps: fc.array(fc.record({ pick: fc.nat(5), gap: fc.integer({ min: -5, max: 40 }) }), { maxLength: 7 }),
});

describe('status at the end of a period from business dates alone', () => {
  it('random valid steps give the model’s status at any day; invalid dates are refused and write nothing', async () => {
    const app = testApp();
    app.clock.set(`${TODAY}T02:00:00.000Z`);
    const b = await seedBasics(app);
    const s = app.ledger.sqlite;
    const count = (sql: string) => s.prepare(sql).pluck().get() as number;
    await fc.assert(
      fc.asyncProperty(fc.array(genItem, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 4 }), async (items, ends) => {
        s.exec('DELETE FROM opinions; DELETE FROM status_history; DELETE FROM request_keys; DELETE FROM consultations;');
        /** per item: (business date, status) changes, in order */
        const model = new Map<number, { on: string; status: ConsultationStatus }[]>();
        let serial = 0;
        for (const g of items) {
          const receivedOn = addDays('2026-01-01', g.received);
          let c: ConsultationDetail = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn, title: `t${serial++}` });
          const changes = [{ on: receivedOn, status: 'registered' as ConsultationStatus }];
          let latest = receivedOn;
          let withdrawnFrom: ConsultationStatus = 'registered';
          for (const st of g.steps) {
            const allowed = ACTIONS.filter((a) => OFFERED[c.status].includes(a));
            const act = allowed[st.pick % allowed.length]!;
            const on = addDays(latest, st.gap);
            const ref = { id: c.id, version: c.version };
            const call: [string, object] = {
              assign: ['consultations.assign', { ...ref, counselId: b.counsel.id, assignedOn: on }],
              opinion: ['consultations.addOpinion', { ...ref, conclusion: 'approve', text: '同意', issuedOn: on }],
              outcome: ['consultations.recordOutcome', { ...ref, outcome: 'adopted', outcomeOn: on }],
              close: ['consultations.close', { ...ref, closedOn: on }],
              withdraw: ['consultations.withdraw', { ...ref, reason: '撤回', withdrawnOn: on }],
              reopen: ['consultations.reopen', { ...ref, reason: '重新办理', reopenedOn: on }],
            }[act] as [string, object];
            const valid = on >= latest && on <= TODAY;
            const before = [count('SELECT count(*) FROM status_history'), count('SELECT count(*) FROM audit_log'), count('SELECT count(*) FROM opinions')];
            const r = await app.router.call(call[0], call[1]);
            if (!valid) {
              expect(r.ok, `${act} on ${on} after ${latest}`).toBe(false);
              if (!r.ok) expect(r.error.code).toBe('VALIDATION');
              expect([count('SELECT count(*) FROM status_history'), count('SELECT count(*) FROM audit_log'), count('SELECT count(*) FROM opinions')]).toEqual(before);
              expect((await app.call<ConsultationDetail>('consultations.get', { id: c.id })).version).toBe(c.version);
              continue;
            }
            expect(r.ok, `${act} on ${on}`).toBe(true);
            const from = c.status;
            c = (r as { ok: true; value: ConsultationDetail }).value;
            latest = on;
            // the model's own idea of where the step leads
            const to: ConsultationStatus = {
              assign: 'assigned' as const,
              opinion: 'answered' as const,
              outcome: from,
              close: 'closed' as const,
              withdraw: 'withdrawn' as const,
              reopen: from === 'closed' ? ('answered' as const) : withdrawnFrom,
            }[act];
            if (act === 'withdraw') withdrawnFrom = from;
            expect(c.status).toBe(to);
            if (to !== from) changes.push({ on, status: to });
          }
          model.set(c.id, changes);
        }
        for (const e of ends) {
          const to = addDays('2026-01-01', e); // up to 2027-02-05: after today too
          const expected = new Map<ConsultationStatus, number[]>();
          for (const [id, changes] of model) {
            if (changes[0]!.on > to) continue; // received after the period
            const status = changes.filter((ch) => ch.on <= to).at(-1)!.status;
            expected.set(status, [...(expected.get(status) ?? []), id]);
          }
          for (const status of STATUSES) {
            const d = await app.call<Drilldown>('reports.drilldown', { from: '2026-01-01', to, key: `status:${status}` });
            expect([...d.ids].sort((x, y) => x - y), `${status} at ${to}`).toEqual((expected.get(status) ?? []).sort((x, y) => x - y));
          }
        }
      }),
      { numRuns: 20 },
    );
  });
});
