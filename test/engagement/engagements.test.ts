/**
 * Firms, engagements (聘用合同), payments, reminders, the assignment's question
 * outside an engagement, the close's rating, and who may see what — on a real
 * SQLite file through the router.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { engagementYears } from '../../electron/services/engagement/engagements';
import { contractBytes } from '../../electron/services/engagement/engagements';
import { parseYuan, yuanText } from '../../electron/domain/engagement';
import { divideFen } from '../../electron/services/engagement/cost';
import type { Caller } from '../../electron/services/context';
import { codeOf } from './support';
import { databaseAtVersion, register, seedBasics, tempDir, testApp, type TestApp } from '../helpers/ledger';

const REGISTRAR: Caller = { username: 'reg', displayName: '登记员', roles: ['registrar'] };
const LEADER: Caller = { username: 'boss', displayName: '领导', roles: ['leader'] };


async function firmOf(app: TestApp, name: string): Promise<number> {
  const firms = await app.call<{ id: number; name: string }[]>('firms.list', {});
  return firms.find((f) => f.name === name)!.id;
}

describe('migration 0005: the free-text firm names become firm records', () => {
  it('one firm per distinct (trimmed) name, every counsel pointing at theirs, names and rows kept', () => {
    const file = path.join(tempDir(), 'old.sqlite3');
    const old = databaseAtVersion(file, 5);
    old.exec(`INSERT INTO counsels (name, firm, created_at) VALUES ('王律师', '甲律师事务所', '2024-01-01T00:00:00Z');
      INSERT INTO counsels (name, firm, created_at) VALUES ('李律师', ' 甲律师事务所 ', '2024-02-01T00:00:00Z');
      INSERT INTO counsels (name, firm, created_at) VALUES ('赵律师', '乙律师事务所', '2024-03-01T00:00:00Z');`);
    old.close();
    const ledger = openDatabase(file, { now: () => new Date('2025-01-01T00:00:00Z') });
    const firms = ledger.sqlite.prepare('SELECT id, name, created_at AS createdAt FROM firms ORDER BY id').all();
    expect(firms).toEqual([
      { id: 1, name: '甲律师事务所', createdAt: '2024-01-01T00:00:00Z' },
      { id: 2, name: '乙律师事务所', createdAt: '2024-03-01T00:00:00Z' },
    ]);
    const counsels = ledger.sqlite.prepare('SELECT name, firm, firm_id AS firmId FROM counsels ORDER BY id').all();
    expect(counsels).toEqual([
      { name: '王律师', firm: '甲律师事务所', firmId: 1 },
      { name: '李律师', firm: ' 甲律师事务所 ', firmId: 1 },
      { name: '赵律师', firm: '乙律师事务所', firmId: 2 },
    ]);
    ledger.close();
  });
});

describe('firms', () => {
  it('a counsel entered with a firm name joins that firm (created once); a rename carries to the counsel', async () => {
    const app = testApp();
    const a = await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    const b = await app.call('counsels.create', { name: '李律师', firm: '甲律师事务所' });
    expect(a.firmId).toBe(b.firmId);
    expect(a.firmId).not.toBeNull();
    const firm = (await app.call('firms.list', {}))[0];
    expect(firm).toMatchObject({ name: '甲律师事务所', counselCount: 2 });
    await app.call('firms.update', { id: firm.id, version: firm.version, name: '甲律师事务所（特殊普通合伙）' });
    const list = await app.call<{ firm: string; firmId: number }[]>('counsels.list', {});
    expect(list.map((c) => c.firm)).toEqual(['甲律师事务所（特殊普通合伙）', '甲律师事务所（特殊普通合伙）']);
    expect(await codeOf(app.call('firms.create', { name: '甲律师事务所（特殊普通合伙）' }))).toBe('CONFLICT');
    const audit = app.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'firm' ORDER BY id").pluck().all();
    expect(audit).toEqual(['firms.create', 'firms.update']);
  });
});

describe('engagements and payments', () => {
  const fields = {
    contractNo: 'FG-2025-01',
    termFrom: '2025-07-01',
    termTo: '2026-06-30',
    annualFeeFen: 12_000_000,
    paymentTerms: '每半年支付一次',
    duties: ['审查合同', '出具法律意见', '参加信访接待'],
    filedOn: '2025-06-05',
  };

  it('stores the contract in fen, refuses a fee that is not whole fen, a reversed term and a second use of a number', async () => {
    const app = testApp();
    await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    const firmId = await firmOf(app, '甲律师事务所');
    const e = await app.call('engagements.create', { firmId, ...fields });
    expect(e).toMatchObject({ firmName: '甲律师事务所', annualFeeFen: 12_000_000, duties: fields.duties, filedOn: '2025-06-05', contractFile: null });
    const raw = app.ledger.sqlite.prepare('SELECT annual_fee_fen AS fee, typeof(annual_fee_fen) AS t FROM engagements').get();
    expect(raw).toEqual({ fee: 12_000_000, t: 'integer' });
    expect(await codeOf(app.call('engagements.create', { firmId, ...fields, contractNo: 'X', annualFeeFen: 100.5 }))).toBe('VALIDATION');
    expect(await codeOf(app.call('engagements.create', { firmId, ...fields, contractNo: 'Y', termTo: '2025-06-30' }))).toBe('VALIDATION');
    expect(await codeOf(app.call('engagements.create', { firmId, ...fields }))).toBe('CONFLICT');
    // 备案 in the future (the clock is 2025-06-10) is refused, not turned into today
    expect(await codeOf(app.call('engagements.create', { firmId, ...fields, contractNo: 'Z', filedOn: '2025-07-01' }))).toBe('VALIDATION');
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM engagements').pluck().get()).toBe(1);
  });

  it('paid against agreed per year: pro rata for a term across two years, voided payments left out', async () => {
    const app = testApp();
    await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    const firmId = await firmOf(app, '甲律师事务所');
    const e = await app.call('engagements.create', { firmId, ...fields });
    app.clock.set('2025-12-20T02:00:00Z');
    await app.call('payments.add', { engagementId: e.id, paidOn: '2025-07-15', amountFen: 6_000_000, voucherNo: '记-0715' });
    const withMistake = await app.call('payments.add', { engagementId: e.id, paidOn: '2025-12-18', amountFen: 6_000_000, voucherNo: '记-1218' });
    expect(await codeOf(app.call('payments.add', { engagementId: e.id, paidOn: '2025-12-19', amountFen: 0 }))).toBe('VALIDATION');
    expect(await codeOf(app.call('payments.add', { engagementId: e.id, paidOn: '2025-12-19', amountFen: 1.5 }))).toBe('VALIDATION');
    const mistaken = withMistake.payments.find((p: { voucherNo: string }) => p.voucherNo === '记-1218');
    const after = await app.call('payments.void', { id: mistaken.id, reason: '重复录入' });
    expect(await codeOf(app.call('payments.void', { id: mistaken.id, reason: '再次作废' }))).toBe('INVALID_TRANSITION');
    // 2025-07-01..12-31 is 184 of 365 days; 2026-01-01..06-30 is 181
    expect(after.years).toEqual([
      { year: 2025, agreedFen: Math.floor((12_000_000 * 184) / 365), paidFen: 6_000_000 },
      { year: 2026, agreedFen: Math.floor((12_000_000 * 181) / 365), paidFen: 0 },
    ]);
    expect(after.payments).toHaveLength(2);
    expect(after.payments[1]).toMatchObject({ voidReason: '重复录入' });
  });

  it('a calendar-year term agrees the whole fee; a payment outside the term shows against nothing agreed', () => {
    const pay = (paidOn: string, amountFen: number) => ({ id: 1, engagementId: 1, paidOn, amountFen, voucherNo: '', note: '', createdAt: '', createdByName: '', voidedAt: null, voidReason: null });
    expect(engagementYears('2024-01-01', '2024-12-31', 100_00, [pay('2024-03-01', 40_00), pay('2025-01-05', 60_00)])).toEqual([
      { year: 2024, agreedFen: 100_00, paidFen: 40_00 },
      { year: 2025, agreedFen: 0, paidFen: 60_00 },
    ]);
  });

  it('money text: yuan from fen and fen from typed yuan, without floats', () => {
    expect(yuanText(12_345_60)).toBe('12,345.60');
    expect(yuanText(5)).toBe('0.05');
    expect(parseYuan('12,345.6')).toBe(1_234_560);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(divideFen(1000, 3)).toBe(333);
    expect(divideFen(1001, 2)).toBe(501);
  });

  it('reminds of an engagement ending within 60 days, not of one carried on by a later one', async () => {
    const app = testApp(); // today 2025-06-10
    await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    await app.call('counsels.create', { name: '赵律师', firm: '乙律师事务所' });
    const jia = await firmOf(app, '甲律师事务所');
    const yi = await firmOf(app, '乙律师事务所');
    await app.call('engagements.create', { firmId: jia, ...fields, contractNo: 'J1', termFrom: '2024-08-10', termTo: '2025-08-09', filedOn: null });
    await app.call('engagements.create', { firmId: yi, ...fields, contractNo: 'Y1', termFrom: '2024-08-10', termTo: '2025-08-10', filedOn: null });
    await app.call('engagements.create', { firmId: yi, ...fields, contractNo: 'Y0', termFrom: '2024-01-01', termTo: '2025-07-01', filedOn: null });
    const reminders = await app.call('engagements.reminders', {});
    // J1 ends in 60 days exactly; Y1 in 61; Y0 in 21 days but Y1 carries on after it
    expect(reminders).toEqual([{ engagementId: expect.any(Number), firmName: '甲律师事务所', contractNo: 'J1', termTo: '2025-08-09', daysLeft: 60 }]);
  });

  it('the contract file: the attachments\' guards (name cleaned, type judged by content, size) and bytes kept exactly', async () => {
    const app = testApp();
    await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    const e = await app.call('engagements.create', { firmId: await firmOf(app, '甲律师事务所'), ...fields });
    const pdf = Buffer.from('%PDF-1.4\n% 聘用合同\n%%EOF\n');
    const up = await app.call('engagements.uploadContract', { id: e.id, version: e.version, fileName: '../..\\合同<1>.pdf', dataBase64: pdf.toString('base64') });
    expect(up.contractFile.fileName).not.toMatch(/[\\/<>]/);
    expect(up.contractFile).toMatchObject({ mimeType: 'application/pdf', size: pdf.length });
    expect(contractBytes(app.ctx(), e.id).data.equals(pdf)).toBe(true);
    // a program named like a PDF is kept as bytes to save, never typed as a document
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    const up2 = await app.call('engagements.uploadContract', { id: e.id, version: up.version, fileName: '合同.pdf', dataBase64: exe.toString('base64') });
    expect(up2.contractFile.mimeType).toBe('application/octet-stream');
    expect(await codeOf(app.call('engagements.uploadContract', { id: e.id, version: up2.version, fileName: '空.pdf', dataBase64: '' }))).toBe('VALIDATION');
    expect(await codeOf(app.call('engagements.uploadContract', { id: e.id, version: up.version, fileName: 'x.pdf', dataBase64: pdf.toString('base64') }))).toBe('CONFLICT');
  });
});

describe('assigning outside the firm\'s engagement asks first (checked in the main process)', () => {
  it('refused with NEEDS_CONFIRMATION unless the request says yes; never asked when no engagement is recorded', async () => {
    const app = testApp();
    const b = await seedBasics(app); // 王律师 of 某某律师事务所
    const other = await app.call('counsels.create', { name: '赵律师', firm: '乙律师事务所' });
    const item = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
    // no engagement in the ledger yet: nothing to ask
    const first = await app.call('consultations.assign', { id: item.id, version: item.version, counselId: other.id, assignedOn: '2025-06-02' });
    await app.call('engagements.create', {
      firmId: b.counsel.firmId,
      contractNo: 'M1',
      termFrom: '2025-01-01',
      termTo: '2025-12-31',
      annualFeeFen: 100_000_00,
    });
    const item2 = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
    const asked = app.call('consultations.assign', { id: item2.id, version: item2.version, counselId: other.id, assignedOn: '2025-06-02' });
    await expect(asked).rejects.toMatchObject({ code: 'NEEDS_CONFIRMATION' });
    await expect(asked).rejects.toThrow(/赵律师所在的乙律师事务所在 2025-06-02 没有有效的聘用合同/);
    expect(app.ledger.sqlite.prepare('SELECT status FROM consultations WHERE id = ?').pluck().get(item2.id)).toBe('registered');
    const yes = await app.call('consultations.assign', { id: item2.id, version: item2.version, counselId: other.id, assignedOn: '2025-06-02', confirmOutsideEngagement: true });
    expect(yes.status).toBe('assigned');
    // the engaged firm's counsel: no question
    const again = await app.call('consultations.assign', { id: first.id, version: first.version, counselId: b.counsel.id, assignedOn: '2025-06-03' });
    expect(again.counselId).toBe(b.counsel.id);
  });
});

describe('the rating when an item closes', () => {
  it('stored with the close (audited), shown to the office, refused to a counsel', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const c = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-01' });
    const a = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    const o = await app.call('consultations.addOpinion', { id: a.id, version: a.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-05' });
    expect(await codeOf(app.call('consultations.close', { id: o.id, version: o.version, rating: { rating: 'great' } }))).toBe('VALIDATION');
    await app.call('consultations.close', { id: o.id, version: o.version, closedOn: '2025-06-06', rating: { rating: 'fair', note: '意见偏原则' } });
    expect(await app.call('ratings.get', { consultationId: c.id })).toMatchObject({ rating: 'fair', note: '意见偏原则', ratedOn: '2025-06-06' });
    const audit = app.ledger.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'consultations.close'").pluck().get() as string;
    expect(JSON.parse(audit).rating).toEqual({ rating: 'fair', note: '意见偏原则' });
    app.as({ username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id });
    expect(await codeOf(app.call('ratings.get', { consultationId: c.id }))).toBe('FORBIDDEN');
    expect(await codeOf(app.call('ratings.list', { ids: [c.id] }))).toBe('FORBIDDEN');
    // the item itself, which the counsel may read, carries no rating
    expect(JSON.stringify(await app.call('consultations.get', { id: c.id }))).not.toContain('意见偏原则');
  });
});

describe('who may see money, ratings and the assessment (router)', () => {
  it('a counsel is refused every one of them; the registrar and the leader read them; only the admin edits contracts', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const e = await app.call('engagements.create', { firmId: b.counsel.firmId, contractNo: 'M1', termFrom: '2025-01-01', termTo: '2025-12-31', annualFeeFen: 1 });
    const asCounsel: Caller = { username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id };
    app.as(asCounsel);
    const refused: [string, unknown][] = [
      ['engagements.list', {}],
      ['engagements.reminders', {}],
      ['engagements.saveContractAs', { id: e.id }],
      ['payments.add', { engagementId: e.id, paidOn: '2025-01-02', amountFen: 100 }],
      ['ratings.get', { consultationId: 1 }],
      ['assessments.template', {}],
      ['assessments.get', { firmId: b.counsel.firmId, year: 2025 }],
      ['assessments.open', { firmId: b.counsel.firmId, year: 2025 }],
      ['assessments.evidence', { firmId: b.counsel.firmId, year: 2025 }],
      ['reports.cost', { year: 2025 }],
    ];
    for (const [m, input] of refused) expect([m, await codeOf(app.call(m, input))]).toEqual([m, 'FORBIDDEN']);
    for (const who of [REGISTRAR, LEADER]) {
      app.as(who);
      expect((await app.call('engagements.list', {})).length).toBe(1);
      expect((await app.call('reports.cost', { year: 2025 })).paidFen).toBe(0);
      expect(await codeOf(app.call('engagements.update', { id: e.id, version: e.version, annualFeeFen: 2 }))).toBe('FORBIDDEN');
    }
    app.as(LEADER);
    expect(await codeOf(app.call('payments.add', { engagementId: e.id, paidOn: '2025-01-02', amountFen: 100 }))).toBe('FORBIDDEN');
  });
});
