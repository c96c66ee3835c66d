/**
 * Issue 18, item 1: every step has a business date (the day it happened), asked for,
 * defaulting to today, validated in order (收件 ≤ 分派 ≤ 出具 ≤ 采纳登记 ≤ 办结; none
 * after today) with a message naming both dates; entry time and who typed it stay in
 * the history and the audit log; a registrar can correct a past step's date.
 * Item 2's migration: old history rows get business dates from what is known.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { ConsultationDetail } from '#domain/types';
import { databaseAtVersion, register, seedBasics, tempDir, testApp, type TestApp } from '../helpers/ledger';

async function setup() {
  const app = testApp();
  app.clock.set('2026-12-07T02:00:00.000Z'); // 10:00 on 2026-12-07 in Beijing
  const b = await seedBasics(app);
  const c: ConsultationDetail = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2026-03-02' });
  return { app, b, c };
}

const rows = (app: TestApp, id: number) =>
  app.ledger.sqlite
    .prepare('SELECT to_status AS toStatus, business_on AS businessOn, at, actor FROM status_history WHERE consultation_id = ? ORDER BY id')
    .all(id) as { toStatus: string; businessOn: string | null; at: string; actor: string }[];

async function refused(app: TestApp, method: string, input: object) {
  const r = await app.router.call(method, input);
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

describe('business dates of the workflow steps', () => {
  it('each step keeps the date it happened, and the entry time and who typed it', async () => {
    const { app, b, c } = await setup();
    let d: ConsultationDetail = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-03-03' });
    expect(d.assignedOn).toBe('2026-03-03');
    d = await app.call('consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'approve', text: '同意', issuedOn: '2026-03-10' });
    d = await app.call('consultations.recordOutcome', { id: d.id, version: d.version, outcome: 'adopted', outcomeOn: '2026-03-12' });
    d = await app.call('consultations.close', { id: d.id, version: d.version, closedOn: '2026-03-20' });
    expect(d.closedOn).toBe('2026-03-20');
    const h = rows(app, c.id);
    expect(h.map((r) => [r.toStatus, r.businessOn])).toEqual([
      ['registered', '2026-03-02'],
      ['assigned', '2026-03-03'],
      ['answered', '2026-03-10'],
      ['outcome', '2026-03-12'], // 办理记录 has an entry for 登记采纳情况 (issue 25, item 6)
      ['closed', '2026-03-20'],
    ]);
    expect(h.every((r) => r.at === '2026-12-07T02:00:00.000Z' && r.actor === 'local-admin')).toBe(true);
    expect(d.history.find((x) => x.toStatus === 'outcome')?.detail).toEqual({ outcome: 'adopted' });
    // the audit record of the close carries the business date; its own time is the entry time
    const audit = app.ledger.sqlite.prepare("SELECT at, after FROM audit_log WHERE action = 'consultations.close'").get() as { at: string; after: string };
    expect(audit.at).toBe('2026-12-07T02:00:00.000Z');
    expect(JSON.parse(audit.after).step).toEqual({ to: 'closed', businessOn: '2026-03-20', reason: '' });
  });

  it('without a date a step is dated today (Asia/Shanghai), as the dialog defaults', async () => {
    const { app, b, c } = await setup();
    app.clock.set('2026-12-07T17:00:00.000Z'); // 01:00 on 2026-12-08 in Beijing
    const d: ConsultationDetail = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id });
    expect(d.assignedOn).toBe('2026-12-08');
  });

  it('steps out of order or after today are refused, naming both dates, and nothing is written', async () => {
    const { app, b, c } = await setup();
    const audits = () => app.ledger.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = audits();
    let e = await refused(app, 'consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-03-01' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '分派日期（2026-03-01）不能早于收件日期（2026-03-02）', issues: [{ path: 'assignedOn' }] });
    e = await refused(app, 'consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-12-08' });
    expect(e.message).toBe('分派日期 2026-12-08 晚于今天（2026-12-07）');
    expect(audits()).toBe(before);
    expect(rows(app, c.id)).toHaveLength(1);
    let d: ConsultationDetail = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-05-10' });
    e = await refused(app, 'consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'approve', text: '同意', issuedOn: '2026-05-09' });
    expect(e.message).toBe('出具日期（2026-05-09）不能早于分派日期（2026-05-10）');
    d = await app.call('consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'approve', text: '同意', issuedOn: '2026-05-12' });
    e = await refused(app, 'consultations.recordOutcome', { id: d.id, version: d.version, outcome: 'adopted', outcomeOn: '2026-05-11' });
    expect(e.message).toBe('采纳登记日期（2026-05-11）不能早于出具日期（2026-05-12）');
    e = await refused(app, 'consultations.close', { id: d.id, version: d.version, closedOn: '2026-05-01' });
    expect(e.message).toBe('办结日期（2026-05-01）不能早于出具日期（2026-05-12）');
    e = await refused(app, 'consultations.withdraw', { id: d.id, version: d.version, reason: '不再需要', withdrawnOn: '2026-05-11' });
    expect(e.message).toBe('撤回日期（2026-05-11）不能早于出具日期（2026-05-12）');
    // 收件日期 may not move past the steps that followed it
    e = await refused(app, 'consultations.update', {
      id: d.id, version: d.version, title: d.title, categoryId: d.categoryId, departmentId: d.departmentId, receivedOn: '2026-05-11', itemCount: 1,
    });
    expect(e.message).toBe('收件日期（2026-05-11）不能晚于分派日期（2026-05-10）');
    d = await app.call('consultations.close', { id: d.id, version: d.version, closedOn: '2026-05-20' });
    e = await refused(app, 'consultations.reopen', { id: d.id, version: d.version, reason: '补充材料', reopenedOn: '2026-05-19' });
    expect(e.message).toBe('重新打开日期（2026-05-19）不能早于办结日期（2026-05-20）');
    const after: ConsultationDetail = await app.call('consultations.get', { id: c.id });
    expect([after.status, after.version, after.closedOn]).toEqual(['closed', d.version, '2026-05-20']);
  });

  it('a registrar corrects the date of a past step, with a reason, kept in the history and the audit log', async () => {
    const { app, b, c } = await setup();
    let d: ConsultationDetail = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-12-07' });
    d = await app.call('consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'approve', text: '同意', issuedOn: '2026-12-07' });
    const assignedRow = d.history.find((h) => h.toStatus === 'assigned')!;
    // no reason: refused at the boundary
    expect((await refused(app, 'consultations.correctStepDate', { id: d.id, version: d.version, historyId: assignedRow.id, on: '2026-03-05', reason: ' ' })).code).toBe('VALIDATION');
    // not after the opinion that followed it
    const e = await refused(app, 'consultations.correctStepDate', { id: d.id, version: d.version, historyId: assignedRow.id, on: '2026-02-01', reason: '按分派单' });
    expect(e.message).toBe('分派日期（2026-02-01）不能早于收件日期（2026-03-02）');
    d = await app.call('consultations.correctStepDate', { id: d.id, version: d.version, historyId: assignedRow.id, on: '2026-03-05', reason: '按分派单日期' });
    expect(d.assignedOn).toBe('2026-03-05');
    expect(d.history.find((h) => h.id === assignedRow.id)?.businessOn).toBe('2026-03-05');
    const note = d.history.at(-1)!;
    expect([note.toStatus, note.reason, note.detail]).toEqual(['dateCorrected', '按分派单日期', { historyId: assignedRow.id, kind: 'assigned', from: '2026-12-07', to: '2026-03-05' }]);
    const audit = JSON.parse(
      app.ledger.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'consultations.correctStepDate' AND result = 'ok'").pluck().get() as string,
    );
    expect(audit.step).toEqual({ to: 'dateCorrected', businessOn: null, reason: '按分派单日期', detail: { historyId: assignedRow.id, kind: 'assigned', from: '2026-12-07', to: '2026-03-05' } });
    expect(audit.assignedOn).toBe('2026-03-05');
    // a counsel may not correct dates
    app.as({ username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id });
    expect((await refused(app, 'consultations.correctStepDate', { id: d.id, version: d.version, historyId: assignedRow.id, on: '2026-03-06', reason: 'x' })).code).toBe('FORBIDDEN');
  });
});

describe('migration 0004 fills business dates from what is known', () => {
  it('steps get the item’s own dates where it has them, else the entry day, and say which', () => {
    const file = path.join(tempDir(), 'old.sqlite3');
    const old = databaseAtVersion(file, 4);
    old.exec(`INSERT INTO departments (name, created_at) VALUES ('综合处', 'x');
      INSERT INTO counsels (name, firm, created_at) VALUES ('王律师', '某所', 'x');`);
    const cat = old.prepare("SELECT id FROM categories WHERE code = 'contract'").pluck().get();
    const item = old.prepare(`INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, category_id, department_id, received_on,
      item_count, counsel_id, assigned_on, status, closed_on, created_at, created_by, updated_at, updated_by)
      VALUES ('法咨', 2026, ?, 't', ${cat}, 1, '2026-03-02', 1, 1, ?, ?, ?, 'x', 'u', 'x', 'u')`);
    const hist = old.prepare('INSERT INTO status_history (consultation_id, from_status, to_status, at, actor) VALUES (?, ?, ?, ?, ?)');
    // entered in December, happened in March (the dates the item itself records)
    item.run(1, '2026-03-03', 'closed', '2026-03-20');
    old.prepare(`INSERT INTO opinions (consultation_id, round, counsel_id, conclusion, text, issued_on, created_at, created_by)
      VALUES (1, 1, 1, 'approve', '同意', '2026-03-10', 'x', 'u')`).run();
    hist.run(1, null, 'registered', '2026-12-01T02:00:00.000Z', 'u');
    hist.run(1, 'registered', 'assigned', '2026-12-01T02:01:00.000Z', 'u');
    hist.run(1, 'assigned', 'answered', '2026-12-01T02:02:00.000Z', 'u');
    hist.run(1, 'answered', 'closed', '2026-12-01T02:03:00.000Z', 'u');
    // withdrawn: no date of its own, so the entry day (in Beijing: 17:00Z is the next day)
    item.run(2, null, 'withdrawn', null);
    hist.run(2, null, 'registered', '2026-12-01T02:00:00.000Z', 'u');
    hist.run(2, 'registered', 'withdrawn', '2026-12-01T17:00:00.000Z', 'u');
    old.close();

    const ledger = openDatabase(file, { now: () => new Date('2026-12-07T00:00:00Z') });
    try {
      const got = ledger.sqlite
        .prepare('SELECT consultation_id AS c, to_status AS s, business_on AS d, on_origin AS o FROM status_history ORDER BY id')
        .raw()
        .all();
      expect(got).toEqual([
        [1, 'registered', '2026-03-02', 'field'],
        [1, 'assigned', '2026-03-03', 'field'],
        [1, 'answered', '2026-03-10', 'field'],
        [1, 'closed', '2026-03-20', 'field'],
        [2, 'registered', '2026-03-02', 'field'],
        [2, 'withdrawn', '2026-12-02', 'entry'],
      ]);
      expect(ledger.sqlite.prepare('SELECT status_on FROM consultations ORDER BY id').pluck().all()).toEqual(['2026-03-20', '2026-12-02']);
    } finally {
      ledger.close();
    }
  });
});
