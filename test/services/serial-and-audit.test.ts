import { describe, expect, it } from 'vitest';
import { contract } from '#contract/contract';
import { auditHash, verifyAuditChain } from '../../electron/services/audit';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

describe('serial numbers', () => {
  it('run per year of 收件日期, split exactly at Dec 31 / Jan 1, and are never reused after trash', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const base = { categoryId: b.cat('contract'), departmentId: b.dept.id };
    const a = await register(app, { ...base, receivedOn: '2024-12-31' });
    const c = await register(app, { ...base, receivedOn: '2025-01-01' });
    const d = await register(app, { ...base, receivedOn: '2024-12-30' });
    expect([a.serialNo, c.serialNo, d.serialNo]).toEqual(['法咨〔2024〕1号', '法咨〔2025〕1号', '法咨〔2024〕2号']);

    await app.call('consultations.trash', { id: d.id, version: d.version });
    const e = await register(app, { ...base, receivedOn: '2024-06-01' });
    expect(e.serialNo).toBe('法咨〔2024〕3号');
    await app.call('consultations.restore', { id: d.id, version: d.version + 1 });
    const all = await app.call('consultations.list', { year: 2024, sort: 'serialNo', order: 'asc' });
    expect(all.rows.map((r: any) => r.serialNo)).toEqual(['法咨〔2024〕1号', '法咨〔2024〕2号', '法咨〔2024〕3号']);
  });

  it('a change of prefix applies to new numbers only; old numbers are never renumbered', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const base = { categoryId: b.cat('rules'), departmentId: b.dept.id };
    const first = await register(app, { ...base, receivedOn: '2025-02-01' });
    await app.call('settings.update', { serialPrefix: '国动法审' });
    const second = await register(app, { ...base, receivedOn: '2025-02-02' });
    expect((await app.call('consultations.get', { id: first.id })).serialNo).toBe('法咨〔2025〕1号');
    expect(second.serialNo).toBe('国动法审〔2025〕2号');
  });

  it('moving 收件日期 into another year is refused (the number belongs to its year)', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('rules'), departmentId: b.dept.id, receivedOn: '2025-01-02' });
    const r = await app.router.call('consultations.update', {
      id: c.id, version: c.version, title: c.title, categoryId: c.categoryId, departmentId: c.departmentId, receivedOn: '2024-12-31', itemCount: 1,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'receivedOn' }] } });
  });
});

describe('audit', () => {
  it('every write has exactly one audit record, committed with it, and the chain verifies', async () => {
    const app = testApp();
    const count = () => (app.ledger.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const writes: [string, () => Promise<any>][] = [];
    // 3 writes, 4 records: the counsel's firm name makes a firm record of its own (issue 22), audited as firms.create
    const b = await seedBasics(app);
    expect(app.ledger.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual(['departments.create', 'departments.create', 'firms.create', 'counsels.create']);
    let c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    writes.push(
      ['consultations.assign', () => app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-03-01' })],
      ['consultations.addOpinion', () => app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2025-03-02' })],
      ['consultations.recordOutcome', () => app.call('consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'adopted', outcomeOn: '2025-03-03' })],
      ['consultations.correctOpinion', () => app.call('consultations.correctOpinion', { id: c.id, version: c.version, opinionId: c.opinions[0].id, conclusion: 'approve', text: '同意。', issuedOn: '2025-03-02', reason: '错字' })],
      ['consultations.close', () => app.call('consultations.close', { id: c.id, version: c.version })],
      ['consultations.correctStepDate', () => app.call('consultations.correctStepDate', { id: c.id, version: c.version, historyId: c.history.at(-1).id, on: '2025-03-04', reason: '按办结单日期' })],
      ['consultations.reopen', () => app.call('consultations.reopen', { id: c.id, version: c.version, reason: '补正' })],
      ['consultations.trash', () => app.call('consultations.trash', { id: c.id, version: c.version })],
      ['consultations.restore', () => app.call('consultations.restore', { id: c.id, version: c.version })],
      ['settings.update', () => app.call('settings.update', { officeName: '某市国防动员办公室' })],
      ['categories.create', () => app.call('categories.create', { nameZh: '政府信息公开' })],
    );
    // the rest of the writes, on their own records (so c's version chain above stays simple)
    const other = await register(app, { categoryId: b.cat('rules'), departmentId: b.dept.id });
    let o = other;
    let extra: { id: number; version?: number } = { id: 0 };
    let attachment = 0;
    let user: { id: number; version: number } = { id: 0, version: 0 };
    const more: [string, () => Promise<any>, string?][] = [
      ['consultations.update', async () => (o = await app.call('consultations.update', { ...pickEditable(o), title: '某合同审查（修订）' }))],
      ['consultations.withdraw', async () => (o = await app.call('consultations.withdraw', { id: o.id, version: o.version, reason: '已自行解决' }))],
      ['departments.create', async () => (extra = await app.call('departments.create', { name: '临时处' }))],
      ['departments.update', () => app.call('departments.update', { id: extra.id, name: '临时处室' })],
      ['departments.delete', () => app.call('departments.delete', { id: extra.id })],
      ['counsels.create', async () => (extra = await app.call('counsels.create', { name: '赵律师', firm: '某某律师事务所' }))],
      ['counsels.update', () => app.call('counsels.update', { id: extra.id, version: extra.version, phone: '010-12345678' })],
      ['categories.update', async () => app.call('categories.update', { id: b.cat('other'), nameEn: 'Other matters' })],
      ['categories.delete', async () => {
        const made = await app.call<{ id: number }>('categories.create', { nameZh: '临时类别' });
        n += 1; // the create's own record
        return app.call('categories.delete', { id: made.id });
      }],
      ['users.create', async () => (user = await app.call('users.create', { username: 'liuyang', displayName: '刘洋', roles: ['admin', 'registrar'], password: 'Start#2025' }))],
      ['users.update', async () => (user = await app.call('users.update', { id: user.id, version: user.version, displayName: '刘洋（综合处）' }))],
      ['users.resetPassword', () => app.call('users.resetPassword', { id: user.id, password: 'Reset#2025' })],
      ['calendar.setHolidays', () => app.call('calendar.setHolidays', { year: 2025, days: [{ day: '2025-10-01', kind: 'holiday', name: '国庆节' }] })],
      ['attachments.upload', async () => {
        const a = await app.call<{ id: number }>('attachments.upload', { consultationId: c.id, fileName: '合同草案.txt', dataBase64: Buffer.from('合同草案').toString('base64') });
        attachment = a.id;
        return a;
      }, 'attachments.add'],
      ['attachments.remove', () => app.call('attachments.remove', { id: attachment })],
      ['attachments.restore', () => app.call('attachments.restore', { id: attachment })],
    ];
    let n = count();
    for (const [action, run, expected] of [...writes.map(([a, r]) => [a, r] as [string, () => Promise<any>, string?]), ...more]) {
      const value = await run();
      if (value?.version && value.id === c.id) c = value;
      const last = app.ledger.sqlite.prepare('SELECT action, actor, before, after FROM audit_log ORDER BY id DESC LIMIT 1').get() as any;
      expect(count(), action).toBe(n + 1);
      expect(last.action).toBe(expected ?? action);
      expect(last.actor).toBe('local-admin');
      n += 1;
    }
    // Every method of the contract is either a read, one of the writes above, or audited and tested elsewhere:
    // a new write method must be added here.
    const covered = new Set(['consultations.create', ...writes.map(([a]) => a), ...more.map(([a]) => a)]);
    const reads = /\.(list|get|years|status|holidays|dueOn|summary|query|progress|tally|drilldown|sentence|info|verify|batches|open|saveAs|export|pdf|template|chooseFile|preview|discard|reminders|evidence|cost|templates|item|signOffQueue|expiring|figures|saveContractAs|caseFile|yearCaseFiles)$|^documents\.save$/;
    // accounts.test.ts, reliability/*, import/batches.test.ts, exchange/router.test.ts and desk-router.test.ts, engagement/*.test.ts, procedures/clock.test.ts and
    // sign-off.test.ts, documents/methods.test.ts (their audit records), the upload path
    const elsewhere =
      /^(auth|backups|recovery|import|exchange|desk|firms|engagements|payments|assessments|procedures)\.|^attachments\.pick$|^documents\.(saveTemplate|uploadTemplate|resetTemplate)$|^consultations\.(returnForMaterial|resume|extend|signOff|setDocument)$/;
    const unaccounted = Object.keys(contract).filter((m) => !covered.has(m) && !reads.test(m) && !elsewhere.test(m));
    expect(unaccounted).toEqual([]);
    // A refused write leaves no record.
    await app.router.call('consultations.close', { id: c.id, version: 1 });
    expect(count()).toBe(n);
    expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true, checked: n });
    expect(await app.call('audit.verify')).toMatchObject({ ok: true });
  });

  it('the database refuses UPDATE and DELETE on the audit log', async () => {
    const app = testApp();
    await seedBasics(app);
    expect(() => app.ledger.sqlite.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => app.ledger.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('verify names the first tampered, deleted or inserted record', async () => {
    const { db } = await tamperable(['update', 'delete'], async (app) => {
      await app.call('departments.create', { name: '财务处' });
    });
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 2 });
    db.prepare("UPDATE audit_log SET actor = 'local-admin' WHERE id = 2").run();
    expect(verifyAuditChain(db).ok).toBe(true);
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 4 });
  });

  it('verify finds two records swapped (reordered)', async () => {
    const { db } = await tamperable(['update']);
    const cols = 'at, actor, action, entity, entity_id, result, before, after, prev_hash, hash';
    const row = (id: number) => db.prepare(`SELECT ${cols} FROM audit_log WHERE id = ?`).raw().get(id) as unknown[];
    const [two, three] = [row(2), row(3)];
    const set = db.prepare(`UPDATE audit_log SET (${cols}) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`);
    set.run(...three, 2);
    set.run(...two, 3);
    // each record is intact on its own; the chain is not
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 2 });
  });

  it('verify finds a forged record inserted in the middle, even with a correct hash of its own', async () => {
    const { db } = await tamperable(['update'], async (app, b) => {
      await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
      await register(app, { categoryId: b.cat('rules'), departmentId: b.dept.id });
    });
    const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(total).toBeGreaterThan(3);
    // make room at id 3 (renumber 3.. to 4..), then insert a record chained to record 2
    db.prepare('UPDATE audit_log SET id = id + 100000 WHERE id >= 3').run();
    db.prepare('UPDATE audit_log SET id = id - 99999 WHERE id >= 100000').run();
    const prev = db.prepare('SELECT hash FROM audit_log WHERE id = 2').pluck().get() as string;
    const forged = { at: '2025-01-01T00:00:00.000Z', actor: 'intruder', action: 'consultations.trash', entity: 'consultation', entityId: '1', result: 'ok', before: null, after: null };
    db.prepare(
      'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, result, before, after, prev_hash, hash) VALUES (3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(forged.at, forged.actor, forged.action, forged.entity, forged.entityId, forged.result, forged.before, forged.after, prev, auditHash(prev, forged));
    // an unkeyed hash no longer fits: the forged record itself fails its signature (issue 19, finding 5)
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
  });

  it('verify finds a deleted tail', async () => {
    const { db } = await tamperable(['delete']);
    const last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    db.prepare('DELETE FROM audit_log WHERE id = ?').run(last);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: last });
  });
});

/**
 * A seeded ledger (plus what `fill` writes) whose audit log the test may tamper
 * with: the triggers that refuse UPDATE / DELETE on it dropped.
 */
async function tamperable(allow: ('update' | 'delete')[], fill?: (app: TestApp, b: Awaited<ReturnType<typeof seedBasics>>) => Promise<void>) {
  const app = testApp();
  const b = await seedBasics(app);
  await fill?.(app, b);
  const db = app.ledger.sqlite;
  db.exec(allow.map((a) => `DROP TRIGGER audit_log_no_${a};`).join(' '));
  return { app, db };
}

/** The editable fields of a consultation, as the edit form sends them back. */
function pickEditable(c: any) {
  return {
    id: c.id, version: c.version, title: c.title, categoryId: c.categoryId, departmentId: c.departmentId,
    receivedOn: c.receivedOn, itemCount: c.itemCount,
  };
}
