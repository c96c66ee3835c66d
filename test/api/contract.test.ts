import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '#contract/contract';
import { METHOD_NAMES } from '#contract/methods';
import { ROLES, type Role } from '#domain/types';
import { seedBasics, testApp, type TestApp } from '../helpers/ledger';

const methods = Object.keys(contract) as MethodName[];

function dumpExceptAudit(app: TestApp): string {
  const s = app.ledger.sqlite;
  const tables = s.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, s.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Every row of every table, to prove a refused call changed nothing. */
function dump(app: TestApp): string {
  const s = app.ledger.sqlite;
  const tables = s.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, s.prepare(`SELECT * FROM "${t}"`).all()]));
}

const MALFORMED: unknown[] = [
  { __unknownKey: 1 },
  'text',
  42,
  [],
  { id: -1, version: 0, year: 'x', name: 5, nameZh: null, title: '', text: 7, counselId: '1' },
  JSON.parse('{"__proto__": {"polluted": true}, "id": 1, "version": 1}'),
];

describe('contract', () => {
  it('the preload list of method names is exactly the contract', () => {
    expect([...METHOD_NAMES].sort()).toEqual([...methods].sort());
  });

  for (const method of methods) {
    it(`${method}: malformed input returns VALIDATION and changes nothing`, async () => {
      const app = testApp();
      await seedBasics(app);
      // the local administrator (admin, registrar) reaches every method but the leader's 签发
      if (!(contract[method] as { roles: readonly Role[] }).roles.some((r) => r === 'admin' || r === 'registrar')) app.as({ username: 'leader', displayName: '办领导', roles: ['leader'] });
      const before = dump(app);
      for (const input of MALFORMED) {
        const r = await app.router.call(method, input);
        expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        if (!r.ok) expect(r.error.message).toMatch(/输入有误/);
      }
      expect(dump(app)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('unknown method names are refused, including inherited property names', async () => {
    const app = testApp();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'consultations', 'consultations.drop', 42, null, undefined, {}]) {
      const r = await app.router.call(name, {});
      expect(r, String(name)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('a caller whose role is not allowed gets FORBIDDEN for every method, before validation, audited, and with no other change', async () => {
    const app = testApp();
    await seedBasics(app);
    const before = dumpExceptAudit(app);
    const audits = () => app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE result = 'refused'").pluck().get() as number;
    let forbidden = 0;
    for (const role of ROLES) {
      app.as({ username: `only-${role}`, displayName: role, roles: [role] });
      for (const method of methods) {
        const def = contract[method] as { roles: readonly Role[]; access?: string };
        const allowed = def.access === 'public' || def.roles.includes(role);
        const r = await app.router.call(method, { __unknownKey: 1 });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code, `${role} → ${method}`).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
        if (!allowed) forbidden++;
      }
    }
    app.as({ username: 'nobody', displayName: 'nobody', roles: [] });
    for (const method of methods) {
      const r = await app.router.call(method, {});
      if ((contract[method] as { access?: string }).access !== 'public') {
        expect(r, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        forbidden++;
      }
    }
    expect(dumpExceptAudit(app)).toBe(before);
    expect(audits()).toBe(forbidden);
  });

  it('the method × role table is the one written here by hand from docs/DOMAIN.md and the issues', () => {
    // A admin · R registrar · C counsel (own items only) · L leader (reads); then the access level if not 'session'
    const expected: Record<string, string> = {
      'app.info': 'ACLR', 'settings.get': 'ACLR', 'settings.update': 'A',
      'categories.list': 'ACLR', 'categories.create': 'A', 'categories.update': 'A', 'categories.delete': 'A',
      'departments.list': 'ACLR', 'departments.create': 'AR', 'departments.update': 'A', 'departments.delete': 'A',
      'counsels.list': 'ACLR', 'counsels.create': 'A', 'counsels.update': 'A',
      'consultations.list': 'ACLR', 'consultations.years': 'ACLR', 'consultations.get': 'ACLR', 'consultations.create': 'R', 'consultations.update': 'R',
      'consultations.assign': 'R', 'consultations.addOpinion': 'CR', 'consultations.recordOutcome': 'R',
      'consultations.correctOpinion': 'CR', 'consultations.correctStepDate': 'R',
      'consultations.close': 'R', 'consultations.withdraw': 'R', 'consultations.reopen': 'A',
      'consultations.trash': 'R', 'consultations.restore': 'R',
      'audit.verify': 'AL', 'audit.list': 'AL',
      'backups.list': 'A', 'backups.create': 'A', 'backups.restore': 'A', 'backups.restoreFromFile': 'A', 'backups.chooseFolder': 'A', 'backups.configure': 'A',
      'recovery.status': 'ACLR public', 'recovery.restoreNewest': 'ACLR public',
      'auth.status': 'ACLR public', 'auth.setup': 'ACLR public', 'auth.login': 'ACLR public',
      'auth.logout': 'ACLR anySession', 'auth.lock': 'ACLR anySession', 'auth.unlock': 'ACLR anySession',
      'auth.changePassword': 'ACLR anySession',
      'users.list': 'A', 'users.create': 'A', 'users.update': 'A', 'users.resetPassword': 'A',
      'calendar.holidays': 'ACLR', 'calendar.setHolidays': 'A', 'calendar.dueOn': 'ACLR', 'reminders.summary': 'ACLR',
      'attachments.list': 'ACLR', 'attachments.pick': 'CR', 'attachments.upload': 'CR', 'attachments.open': 'ACLR',
      'attachments.saveAs': 'ACLR', 'attachments.remove': 'CR', 'attachments.restore': 'CR', 'search.query': 'ACLR', 'jobs.progress': 'ACLR',
      'reports.tally': 'ACLR', 'reports.drilldown': 'ACLR', 'reports.sentence': 'ACLR', 'reports.export': 'ACLR', 'reports.pdf': 'ACLR',
      'import.chooseFile': 'R', 'import.preview': 'R', 'import.commit': 'R', 'import.discard': 'R',
      'import.undo': 'R', 'import.batches': 'R', 'import.template': 'R',
      // issue 22: money, ratings and the assessment never for a counsel; contracts edited by the admin, payments by admin and registrar
      'firms.list': 'ACLR', 'firms.create': 'A', 'firms.update': 'A',
      'engagements.list': 'ALR', 'engagements.create': 'A', 'engagements.update': 'A', 'engagements.uploadContract': 'A',
      'engagements.saveContractAs': 'ALR', 'engagements.reminders': 'ALR', 'payments.add': 'AR', 'payments.void': 'AR',
      'ratings.get': 'ALR', 'ratings.list': 'ALR',
      'assessments.template': 'ALR', 'assessments.setTemplate': 'A', 'assessments.get': 'ALR', 'assessments.open': 'ALR',
      'assessments.save': 'ALR', 'assessments.sign': 'ALR', 'assessments.reopen': 'A', 'assessments.evidence': 'ALR',
      'assessments.export': 'ALR', 'reports.cost': 'ALR',
      'documents.save': 'ACLR', 'documents.caseFile': 'ACLR', 'documents.yearCaseFiles': 'ACLR',
      'documents.templates': 'A', 'documents.saveTemplate': 'A', 'documents.uploadTemplate': 'A', 'documents.resetTemplate': 'A',
      // issue 20: review procedures; 签发 is the leader's one action
      'procedures.list': 'ACLR', 'procedures.get': 'ACLR', 'procedures.save': 'A', 'procedures.reset': 'A', 'procedures.item': 'ACLR',
      'procedures.signOffQueue': 'LR', 'procedures.expiring': 'ACLR', 'procedures.figures': 'ACLR',
      'consultations.returnForMaterial': 'R', 'consultations.resume': 'R', 'consultations.extend': 'R',
      'consultations.signOff': 'L', 'consultations.setDocument': 'R',
      'exchange.status': 'AR', 'exchange.setup': 'A', 'exchange.exportKey': 'A', 'exchange.addPeer': 'A', 'exchange.revokePeer': 'A',
      'exchange.packable': 'R', 'exchange.makePackage': 'R', 'exchange.chooseReply': 'R', 'exchange.receiveReply': 'R',
      // issue 23, a counsel's desk: its one account, the owner, holds the admin role of its own database
      'desk.setup': 'ACLR public', 'desk.status': 'A', 'desk.exportKey': 'A', 'desk.pairOffice': 'A', 'desk.choosePackage': 'A',
      'desk.openPackage': 'A', 'desk.list': 'A', 'desk.get': 'A', 'desk.addOpinion': 'A', 'desk.openFile': 'A', 'desk.saveFile': 'A', 'desk.makeReply': 'A',
    };
    const letter: Record<Role, string> = { admin: 'A', registrar: 'R', counsel: 'C', leader: 'L' };
    const actual = Object.fromEntries(
      methods.map((m) => {
        const def = contract[m] as { roles: readonly Role[]; access?: string };
        const roles = def.roles.map((r) => letter[r]).sort().join('');
        return [m, def.access && def.access !== 'session' ? `${roles} ${def.access}` : roles];
      }),
    );
    expect(actual).toEqual(Object.fromEntries(Object.keys(actual).map((m) => [m, expected[m]])));
  });

  it('an unexpected failure inside a service is INTERNAL with a calm message, and nothing is half-written', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const before = dump(app);
    // Break the audit write: the consultation insert before it must roll back with it.
    app.ledger.sqlite.exec('CREATE TRIGGER boom BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, \'disk on fire\'); END;');
    const r = await app.router.call('consultations.create', { title: 'x', categoryId: b.cat('other'), departmentId: b.dept.id, receivedOn: '2025-01-05', itemCount: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    app.ledger.sqlite.exec('DROP TRIGGER boom');
    expect(dump(app)).toBe(before);
  });
});

describe('counsel visibility', () => {
  it('a counsel sees only their own items; another counsel\'s item looks missing', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const other = await app.call('counsels.create', { name: '李律师', firm: '某某律师事务所' });
    const mk = async (counselId: number, title: string) => {
      const c = await app.call('consultations.create', { title, categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-04-01', itemCount: 1 });
      return app.call('consultations.assign', { id: c.id, version: c.version, counselId, assignedOn: '2025-04-01' });
    };
    const mine = await mk(b.counsel.id, '王律师的事项');
    const theirs = await mk(other.id, '李律师的事项');
    app.as({ username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id });
    const list = await app.call('consultations.list', { year: 2025 });
    expect(list.rows.map((r: any) => r.title)).toEqual(['王律师的事项']);
    expect(list.total).toBe(1);
    expect((await app.call('consultations.list', { counselId: other.id })).total).toBe(0);
    expect((await app.call('consultations.list', { text: '李律师' })).total).toBe(0);
    expect(await app.router.call('consultations.get', { id: theirs.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.router.call('consultations.addOpinion', { id: theirs.id, version: theirs.version, conclusion: 'approve', text: 'x', issuedOn: '2025-04-02' }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    app.clock.set('2025-04-03T02:00:00Z');
    const answered = await app.call('consultations.addOpinion', { id: mine.id, version: mine.version, conclusion: 'approve', text: '同意', issuedOn: '2025-04-02' });
    expect(answered.status).toBe('answered');
  });
});
