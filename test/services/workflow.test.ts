import { describe, expect, it } from 'vitest';
import type { Action } from '#domain/workflow';
import { STATUSES, type ConsultationStatus } from '#domain/types';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

type Basics = Awaited<ReturnType<typeof seedBasics>>;

const LEADER = { username: 'leader', displayName: '办领导', roles: ['leader' as const] };

/**
 * Bring a fresh item to the given status through the real services. In a category whose
 * opinions need 签发 (enforcementReview) the leader signs the opinion before it is closed.
 */
async function itemIn(app: TestApp, b: Basics, status: ConsultationStatus, category = 'contract') {
  let c = await register(app, { categoryId: b.cat(category), departmentId: b.dept.id });
  if (status === 'withdrawn') return app.call('consultations.withdraw', { id: c.id, version: c.version, reason: '处室撤回' });
  if (status === 'registered') return c;
  c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, dueOn: '2025-03-10', assignedOn: '2025-03-02' });
  if (status === 'assigned') return c;
  c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意。', issuedOn: '2025-03-05' });
  if (status === 'answered') return c;
  if (c.opinions.at(-1).signOffStatus === 'pending') c = await asLeader(app, () => app.call('consultations.signOff', { id: c.id, version: c.version, opinionId: c.opinions.at(-1).id, decision: 'sign', on: '2025-03-06' }));
  return app.call('consultations.close', { id: c.id, version: c.version });
}

async function asLeader<T>(app: TestApp, run: () => Promise<T>): Promise<T> {
  const before = app.ctx().caller;
  app.as(LEADER);
  try {
    return await run();
  } finally {
    app.as(before);
  }
}

/** The procedure's steps (issue 20) walk items of the category they belong to; 补正材料到达 needs a return first. */
const CATEGORY: Partial<Record<Action, string>> = { signOff: 'enforcementReview', setDocument: 'rules' };
async function prepare(app: TestApp, action: Action, c: any): Promise<any> {
  if (action === 'resume' && (c.status === 'registered' || c.status === 'assigned')) {
    return app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-03-03', missing: '缺少合同附件' });
  }
  return c;
}

/** The corrections have their own tests (business-dates.test.ts, opinions.test.ts). */
type Matrix = Exclude<Action, 'restore' | 'correctStepDate' | 'correctOpinion'>;

const ACTIONS: Record<Matrix, (c: any, b: Basics) => [string, object]> = {
  update: (c, b) => ['consultations.update', { id: c.id, version: c.version, title: '改名', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-03-01', itemCount: 2 }],
  assign: (c, b) => ['consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id }],
  addOpinion: (c) => ['consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'object', text: '存在风险', issuedOn: '2025-03-06' }],
  recordOutcome: (c) => ['consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'adopted', outcomeOn: '2025-03-08' }],
  close: (c) => ['consultations.close', { id: c.id, version: c.version }],
  withdraw: (c) => ['consultations.withdraw', { id: c.id, version: c.version, reason: '不再需要' }],
  reopen: (c) => ['consultations.reopen', { id: c.id, version: c.version, reason: '补充材料后重新审查' }],
  trash: (c) => ['consultations.trash', { id: c.id, version: c.version, reason: '重复登记' }],
  returnForMaterial: (c) => ['consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-03-03', missing: '缺少合同附件' }],
  resume: (c) => ['consultations.resume', { id: c.id, version: c.version, resumedOn: '2025-03-04' }],
  extend: (c) => ['consultations.extend', { id: c.id, version: c.version, newDueOn: '2025-04-30', reason: '案情复杂' }],
  signOff: (c) => ['consultations.signOff', { id: c.id, version: c.version, opinionId: c.opinions.at(-1)?.id ?? 1, decision: 'sign', on: '2025-03-07' }],
  setDocument: (c) => ['consultations.setDocument', { id: c.id, version: c.version, docNumber: '某办规〔2025〕1号', issuedOn: '2025-03-08', validUntil: '2027-03-07' }],
};

/**
 * docs/DOMAIN.md's workflow, written out by hand (not read from the code under test), as the
 * actions each status offers. Issue 20: 退回补正, its resumption and 延期 while waiting for an
 * opinion; 签发 of an answered item's opinion; the 规范性文件's number and validity once it is issued.
 */
const OFFERED: Record<ConsultationStatus, Matrix[]> = {
  registered: ['update', 'assign', 'withdraw', 'trash', 'returnForMaterial', 'resume', 'extend'],
  assigned: ['update', 'assign', 'addOpinion', 'withdraw', 'trash', 'returnForMaterial', 'resume', 'extend'],
  answered: ['update', 'addOpinion', 'recordOutcome', 'close', 'withdraw', 'trash', 'signOff', 'setDocument'],
  closed: ['reopen', 'trash', 'setDocument'],
  withdrawn: ['reopen', 'trash'],
};

const EXPECTED_STATUS: Partial<Record<Action, ConsultationStatus>> = {
  assign: 'assigned',
  addOpinion: 'answered',
  close: 'closed',
  withdraw: 'withdrawn',
};

describe('workflow: every action from every status', () => {
  for (const [action, build] of Object.entries(ACTIONS) as [Matrix, (c: any, b: Basics) => [string, object]][]) {
    for (const status of STATUSES) {
      const allowed = OFFERED[status].includes(action);
      it(`${action} from ${status} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const app = testApp();
        app.clock.set('2025-03-20T02:00:00Z');
        const b = await seedBasics(app);
        const c = await prepare(app, action, await itemIn(app, b, status, CATEGORY[action]));
        const [method, input] = build(c, b);
        // 签发 is the leader's one action; everything else is the registrar's (the local administrator)
        const result = action === 'signOff' ? await asLeader(app, () => app.router.call(method, input)) : await app.router.call(method, input);
        if (!allowed) {
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
          const after = await app.call('consultations.get', { id: c.id });
          expect(after.status).toBe(status);
          expect(after.version).toBe(c.version);
          return;
        }
        expect(result.ok).toBe(true);
        const after = (result as { ok: true; value: any }).value;
        expect(after.version).toBe(c.version + 1);
        const expected = EXPECTED_STATUS[action];
        if (expected) expect(after.status).toBe(expected);
        if (action === 'trash') expect(after.trashedAt).not.toBeNull();
        if (action === 'reopen') expect(after.status).toBe(status === 'closed' ? 'answered' : 'registered');
      });
    }
  }

  it('reopening a withdrawn item returns it to the status it was withdrawn from', async () => {
    const app = testApp();
    app.clock.set('2025-03-20T02:00:00Z');
    const b = await seedBasics(app);
    const answered = await itemIn(app, b, 'answered');
    const w = await app.call('consultations.withdraw', { id: answered.id, version: answered.version, reason: '撤回' });
    const r = await app.call('consultations.reopen', { id: w.id, version: w.version, reason: '处室重新提请' });
    expect(r.status).toBe('answered');
    expect(r.history.map((h: any) => h.toStatus)).toEqual(['registered', 'assigned', 'answered', 'withdrawn', 'answered']);
    expect(r.history.at(-1)).toMatchObject({ fromStatus: 'withdrawn', reason: '处室重新提请', actor: 'local-admin' });
  });

  it('a trashed item refuses every action but restore, and restore brings it back unchanged', async () => {
    const app = testApp();
    app.clock.set('2025-03-20T02:00:00Z');
    const b = await seedBasics(app);
    const c = await itemIn(app, b, 'assigned');
    const t = await app.call('consultations.trash', { id: c.id, version: c.version });
    for (const [action, build] of Object.entries(ACTIONS)) {
      const [method, input] = build(t, b);
      const r = action === 'signOff' ? await asLeader(app, () => app.router.call(method, input)) : await app.router.call(method, input);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    }
    const restored = await app.call('consultations.restore', { id: t.id, version: t.version });
    expect(restored).toMatchObject({ status: 'assigned', trashedAt: null });
    const again = await app.router.call('consultations.restore', { id: restored.id, version: restored.version });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('several opinion rounds are kept in order and the item stays answered', async () => {
    const app = testApp();
    app.clock.set('2025-03-20T02:00:00Z');
    const b = await seedBasics(app);
    const c = await itemIn(app, b, 'answered');
    const r2 = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approveWithChanges', text: '第二轮意见', issuedOn: '2025-03-07' });
    expect(r2.status).toBe('answered');
    expect(r2.opinions.map((o: any) => [o.round, o.conclusion, o.counselName])).toEqual([
      [1, 'approve', '王律师'],
      [2, 'approveWithChanges', '王律师'],
    ]);
  });
});

describe('outcome', () => {
  it('未采纳 without a reason is refused at the boundary and nothing changes', async () => {
    const app = testApp();
    app.clock.set('2025-03-20T02:00:00Z');
    const b = await seedBasics(app);
    const c = await itemIn(app, b, 'answered');
    const r = await app.router.call('consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'notAdopted', reason: '   ', outcomeOn: '2025-03-08' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'reason' }] } });
    const after = await app.call('consultations.get', { id: c.id });
    expect(after.outcome).toBeNull();
    const ok = await app.call('consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'notAdopted', reason: '与上级政策冲突', outcomeOn: '2025-03-08' });
    expect(ok).toMatchObject({ outcome: 'notAdopted', outcomeReason: '与上级政策冲突' });
  });

  it('the database itself refuses 未采纳 without a reason', async () => {
    const app = testApp();
    app.clock.set('2025-03-20T02:00:00Z');
    const b = await seedBasics(app);
    const c = await itemIn(app, b, 'answered');
    expect(() => app.ledger.sqlite.prepare("UPDATE consultations SET outcome = 'notAdopted', outcome_reason = ' ' WHERE id = ?").run(c.id)).toThrow(/CHECK/);
  });
});

describe('optimistic concurrency', () => {
  it('an edit based on a stale version is refused with CONFLICT and overwrites nothing', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '原标题' });
    const base = { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-03-01', itemCount: 1 };
    await app.call('consultations.update', { ...base, id: c.id, version: c.version, title: '甲的修改' });
    const stale = await app.router.call('consultations.update', { ...base, id: c.id, version: c.version, title: '乙的修改' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const after = await app.call('consultations.get', { id: c.id });
    expect(after).toMatchObject({ title: '甲的修改', version: 2 });
  });

  it('a stale workflow action is refused too', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id });
    const r = await app.router.call('consultations.withdraw', { id: c.id, version: c.version, reason: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
