/**
 * The yearly assessment (年度履职考核): the scoresheet's arithmetic and grades,
 * 一票否决, signing and reopening; the evidence against the annual report on the
 * seeded ledger of test/reports/fixture.ts, both ways; the 考核表 exports read back
 * and opened in LibreOffice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '#contract/engagement-contract';
import type { Tally } from '#contract/reports-contract';
import { DEFAULT_ASSESSMENT_TEMPLATE, gradeOf, scoreAssessment, type HeadScore } from '../../electron/domain/engagement';
import { rateItem } from '../../electron/services/engagement/ratings';
import { exportAssessment } from '../../electron/services/engagement/export';
import type { Caller } from '../../electron/services/context';
import { codeOf } from './support';
import { testApp } from '../helpers/ledger';
import { officeToPdf, pdfFirstPagePng } from '../helpers/office';
import { useFixture } from '../reports/fixture';
import { docxParts, docxTables, xlsxCellsOf } from '../reports/readers';

const T = DEFAULT_ASSESSMENT_TEMPLATE;
const s = (tenths: number, remark = ''): HeadScore => ({ tenths, remark });
const full = (duty: number, quality: number, conduct: number, discipline: number, bonus: number) => ({
  duty: s(duty),
  quality: s(quality),
  conduct: s(conduct),
  discipline: s(discipline),
  bonus: s(bonus),
});


describe('the scoresheet: arithmetic, grades, 一票否决', () => {
  it('adds the heads in tenths exactly (no float drift) and grades by the template\'s thresholds', () => {
    // 28.5 + 27.3 + 18.1 + 16.1 + 0 = 90.0 exactly: 优秀 at the threshold
    expect(scoreAssessment(T, full(285, 273, 181, 161, 0), [])).toEqual({ totalTenths: 900, grade: 'excellent', vetoed: false, missing: [] });
    expect(scoreAssessment(T, full(285, 273, 181, 160, 0), []).grade).toBe('competent'); // 89.9
    expect(gradeOf(T, 750)).toBe('competent');
    expect(gradeOf(T, 749)).toBe('basic');
    expect(gradeOf(T, 600)).toBe('basic');
    expect(gradeOf(T, 599)).toBe('incompetent');
    // the bonus head lifts a total over the line
    expect(scoreAssessment(T, full(260, 250, 170, 170, 0), []).grade).toBe('competent'); // 85
    expect(scoreAssessment(T, full(260, 250, 170, 170, 50), []).grade).toBe('excellent'); // 85 + 5
  });

  it('no grade until every head is scored; a 一票否决 item makes it 不称职 whatever the points', () => {
    const partial = { duty: s(300), quality: s(300) };
    expect(scoreAssessment(T, partial, [])).toMatchObject({ grade: null, missing: ['conduct', 'discipline', 'bonus'], totalTenths: 600 });
    expect(scoreAssessment(T, full(300, 300, 200, 200, 50), ['secret'])).toMatchObject({ grade: 'incompetent', vetoed: true, totalTenths: 1050 });
    expect(scoreAssessment(T, partial, ['harm']).grade).toBe('incompetent');
    // an unknown veto key is not a veto; a head key off the prototype is not a score
    expect(scoreAssessment(T, full(300, 300, 200, 200, 50), ['nothing']).vetoed).toBe(false);
    const odd = { ...T, heads: [{ key: 'constructor', name: '构造', weight: 10, guidance: '', bonus: false }] };
    expect(scoreAssessment(odd, {}, []).missing).toEqual(['constructor']);
  });
});

describe('the assessment: scored on a copy of the template, signed, locked, reopened by the admin with a reason', () => {
  const REGISTRAR: Caller = { username: 'reg', displayName: '登记员', roles: ['registrar'] };

  it('the whole round, audited', async () => {
    const app = testApp();
    const counsel = await app.call('counsels.create', { name: '王律师', firm: '甲律师事务所' });
    app.as(REGISTRAR);
    const opened = await app.call('assessments.open', { firmId: counsel.firmId, year: 2025 });
    expect(opened).toMatchObject({ status: 'draft', grade: null, template: T, firmName: '甲律师事务所' });
    expect((await app.call('assessments.open', { firmId: counsel.firmId, year: 2025 })).id).toBe(opened.id);
    // the admin edits the template afterwards: the open assessment keeps its copy
    app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin'] });
    const edited = { ...T, thresholds: { excellent: 95, competent: 80, basic: 60 } };
    await app.call('assessments.setTemplate', { template: edited });
    expect((await app.call('assessments.template', {})).thresholds.excellent).toBe(95);
    expect(await codeOf(app.call('assessments.setTemplate', { template: { ...T, thresholds: { excellent: 60, competent: 80, basic: 50 } } }))).toBe('VALIDATION');
    app.as(REGISTRAR);
    expect(await codeOf(app.call('assessments.setTemplate', { template: edited }))).toBe('FORBIDDEN');
    // over a head's weight, an unknown head, a score with two decimals: refused
    const base = { id: opened.id, version: opened.version, vetoes: [], selfAssessment: '', remarks: '' };
    expect(await codeOf(app.call('assessments.save', { ...base, scores: { duty: s(301) } }))).toBe('VALIDATION');
    expect(await codeOf(app.call('assessments.save', { ...base, scores: { nope: s(1) } }))).toBe('VALIDATION');
    expect(await codeOf(app.call('assessments.save', { ...base, scores: { duty: s(28.5) } }))).toBe('VALIDATION');
    expect(await codeOf(app.call('assessments.save', { ...base, scores: {}, vetoes: ['nope'] }))).toBe('VALIDATION');
    const partial = await app.call('assessments.save', { ...base, scores: { duty: s(280, '按时出具意见') }, selfAssessment: '本所全年……' });
    expect(await codeOf(app.call('assessments.sign', { id: partial.id, version: partial.version }))).toBe('VALIDATION');
    const scored = await app.call('assessments.save', { ...base, version: partial.version, scores: full(280, 270, 180, 180, 0), selfAssessment: '本所全年……', remarks: '总体称职' });
    expect(scored).toMatchObject({ totalTenths: 910, grade: 'excellent' }); // the copy's 90, not the edited 95
    const signed = await app.call('assessments.sign', { id: scored.id, version: scored.version });
    expect(signed).toMatchObject({ status: 'signed', signedByName: 'reg', grade: 'excellent' }); // no account of that name: the user name itself
    // locked
    expect(await codeOf(app.call('assessments.save', { ...base, version: signed.version, scores: full(0, 0, 0, 0, 0) }))).toBe('INVALID_TRANSITION');
    expect(await codeOf(app.call('assessments.sign', { id: signed.id, version: signed.version }))).toBe('INVALID_TRANSITION');
    // reopening: the admin, with a reason
    expect(await codeOf(app.call('assessments.reopen', { id: signed.id, version: signed.version, reason: '评分有误' }))).toBe('FORBIDDEN');
    app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin'] });
    expect(await codeOf(app.call('assessments.reopen', { id: signed.id, version: signed.version, reason: '  ' }))).toBe('VALIDATION');
    const reopened = await app.call('assessments.reopen', { id: signed.id, version: signed.version, reason: '评分有误' });
    expect(reopened).toMatchObject({ status: 'draft', signedAt: null, totalTenths: 910 });
    const audit = app.ledger.sqlite.prepare("SELECT action, after FROM audit_log WHERE entity = 'assessment' ORDER BY id").all() as { action: string; after: string }[];
    expect(audit.map((a) => a.action)).toEqual(['assessments.open', 'assessments.save', 'assessments.save', 'assessments.sign', 'assessments.reopen']);
    expect(JSON.parse(audit.at(-1)!.after).reason).toBe('评分有误');
  });
});

describe('the evidence is the annual report\'s figures for the firm\'s counsel (seeded ledger, both ways)', () => {
  const fixture = useFixture();
  let firms: { mou: number; other: number };
  beforeAll(async () => {
    const f = fixture();
    const list = await f.app.call<{ id: number; name: string }[]>('firms.list', { includeInactive: true });
    firms = { mou: list.find((x) => x.name === '某某律师事务所')!.id, other: list.find((x) => x.name === '另一律师事务所')!.id };
    const ctx = f.app.ctx();
    // ratings at the close of B and F (Li) and M (Zhao); F's is after the year, so it does not count for 2025
    rateItem(ctx, f.ids.B, { rating: 'satisfied', note: '' }, '2025-01-10');
    rateItem(ctx, f.ids.M, { rating: 'unsatisfied', note: '' }, '2025-08-14');
    rateItem(ctx, f.ids.F, { rating: 'fair', note: '' }, '2026-01-02');
    const e = await f.app.call('engagements.create', { firmId: firms.mou, contractNo: 'HT-2025', termFrom: '2025-01-01', termTo: '2025-12-31', annualFeeFen: 100_000_00 });
    await f.app.call('payments.add', { engagementId: e.id, paidOn: '2025-03-01', amountFen: 50_000_00, voucherNo: '记-3' });
    await f.app.call('payments.add', { engagementId: e.id, paidOn: '2026-01-05', amountFen: 50_000_00, voucherNo: '记-26' });
  });

  const evidence = (firmId: number) => fixture().app.call<Evidence>('assessments.evidence', { firmId, year: 2025 });
  const ids = async (key: string) => (await fixture().app.call('reports.drilldown', { year: 2025, key })).ids as number[];
  const counselOf = (id: number) => fixture().app.ledger.sqlite.prepare('SELECT counsel_id FROM consultations WHERE id = ?').pluck().get(id) as number | null;

  it('a firm of one counsel: every figure equals the report as that counsel sees it', async () => {
    const f = fixture();
    const ev = await evidence(firms.other);
    f.app.as({ username: 'zhao', displayName: '赵律师', roles: ['counsel'], counselId: f.counsel.zhao });
    const own = await f.app.call<Tally>('reports.tally', { year: 2025 });
    const ownIds = async (key: string) => (await f.app.call('reports.drilldown', { year: 2025, key })).ids as number[];
    const zhaoLists = { total: await ownIds('total'), answered: await ownIds('answered'), tracked: await ownIds('due:tracked'), adopted: await ownIds('adoption:adopted') };
    f.app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin', 'registrar'] });
    expect(own.scope).toBe('own');
    expect(ev.total).toMatchObject({ count: own.total.count, items: own.total.items });
    expect(ev.documents).toBe(own.opinions.documents);
    expect(ev.medianDays).toBe(own.turnaround.medianDays);
    expect(ev.onTime.text).toBe(own.turnaround.onTimeRate.text);
    expect(ev.adoption.text).toBe(own.adoption.rate.text);
    expect([ev.total.count, ev.documents, ev.medianDays]).toEqual([2, 2, 13]); // G (06-15 → 07-05: 20 days), M (08-08 → 08-14: 6 days)
    // and the other way: each evidence figure's list is the counsel's own list of the same figure
    expect(await ids(ev.total.key)).toEqual(zhaoLists.total);
    expect(await ids(ev.onTime.tracked.key)).toEqual(zhaoLists.tracked);
    expect(await ids(ev.adoption.adopted.key)).toEqual(zhaoLists.adopted);
    expect(await ids(ev.rows[1]!.key!)).toEqual(zhaoLists.answered);
    expect(ev.ratings.map((r) => [r.rating, r.count])).toEqual([['satisfied', 0], ['fair', 0], ['unsatisfied', 1]]);
    expect(ev.paidFen).toBe(0);
  });

  it('a firm of two counsel: the report\'s lists filtered to the firm\'s counsel are the evidence\'s lists, and its by-counsel rows add up', async () => {
    const f = fixture();
    const ev = await evidence(firms.mou);
    const report = await f.app.call<Tally>('reports.tally', { year: 2025 });
    const firmCounsel = new Set([f.counsel.wang, f.counsel.li]);
    const byCounsel = report.byCounsel.filter((c) => c.counselId !== null && firmCounsel.has(c.counselId));
    expect(ev.total.count).toBe(byCounsel.reduce((n, c) => n + c.count, 0));
    expect(ev.total.items).toBe(byCounsel.reduce((n, c) => n + c.items, 0));
    for (const key of ['total', 'answered', 'due:tracked', 'due:met', 'adoption:withOutcome', 'adoption:adopted', 'rating:satisfied', 'rating:fair']) {
      const fromReport = (await ids(key)).filter((id) => firmCounsel.has(counselOf(id) ?? -1));
      const fromEvidence = await ids(key === 'total' ? `firm:${firms.mou}` : `firm:${firms.mou};${key}`);
      expect([key, fromEvidence]).toEqual([key, fromReport]);
    }
    expect(ev.ratings.map((r) => [r.rating, r.count])).toEqual([['satisfied', 1], ['fair', 0], ['unsatisfied', 0]]);
    // fees: only the payment dated in 2025
    expect(ev.paidFen).toBe(50_000_00);
    expect(ev.rows.at(-1)).toEqual({ label: '已付服务费', text: '50,000.00元', key: null });
    // each figure opens a list of its own length
    for (const r of [ev.total, ev.onTime.tracked, ev.onTime.met, ev.adoption.adopted, ev.adoption.withOutcome, ...ev.ratings]) {
      expect((await ids(r.key)).length).toBe(r.count);
    }
  });

  it('the firms and the unassigned add up to the report: 次, 项 and 份', async () => {
    const f = fixture();
    const report = await f.app.call<Tally>('reports.tally', { year: 2025 });
    const [a, b] = [await evidence(firms.mou), await evidence(firms.other)];
    const none = report.byCounsel.find((c) => c.counselId === null) ?? { count: 0, items: 0 };
    expect(a.total.count + b.total.count + none.count).toBe(report.total.count);
    expect(a.total.items + b.total.items + none.items).toBe(report.total.items);
    expect(a.documents + b.documents).toBe(report.opinions.documents);
  });

  it('the cost figures of the report: fees paid in the year, per consultation in whole fen', async () => {
    const f = fixture();
    const cost = await f.app.call('reports.cost', { year: 2025 });
    const report = await f.app.call<Tally>('reports.tally', { year: 2025 });
    expect(cost).toMatchObject({ paidFen: 50_000_00, consultations: report.total.count });
    expect(cost.perConsultationFen).toBe(Math.floor((2 * 50_000_00 + report.total.count) / (2 * report.total.count)));
  });

  describe('the 考核表 exports', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-assessment-'));
    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
    let id = 0;
    beforeAll(async () => {
      const app = fixture().app;
      const a = await app.call('assessments.open', { firmId: firms.mou, year: 2025 });
      const saved = await app.call('assessments.save', {
        id: a.id,
        version: a.version,
        scores: { ...full(270, 255, 190, 190, 0), duty: s(270, '按服务清单履职，个别事项超期') },
        vetoes: [],
        selfAssessment: '本所2025年度共办理法律咨询事项若干，\n按时出具法律意见。',
        remarks: '同意评定为称职。',
      });
      id = (await app.call('assessments.sign', { id: saved.id, version: saved.version })).id;
    });

    it('DOCX: official style, the evidence and score tables, the grade; LibreOffice opens it (page 1 to PNG)', async () => {
      const file = path.join(out, 'assessment.docx');
      await exportAssessment(fixture().app.ctx(), id, 'docx', file);
      const { document, text, fontTable } = await docxParts(file);
      expect(text).toContain('某某律师事务所2025年度法律顾问履职考核表');
      expect(text).toContain('合计得分90.5分，考核等次：优秀。');
      expect(text).toContain('本所2025年度共办理法律咨询事项若干，');
      expect(text).toContain('1. 泄露国家秘密、工作秘密或者当事人商业秘密、个人隐私的：无');
      expect(fontTable).toContain('仿宋_GB2312');
      const [evidenceTable, scoreTable] = docxTables(document);
      const ev = await evidence(firms.mou);
      expect(evidenceTable).toEqual([['项目', '数据'], ...ev.rows.map((r) => [r.label, r.text])]);
      expect(scoreTable![1]).toEqual(['职责履行', '30', T.heads[0]!.guidance, '27', '按服务清单履职，个别事项超期']);
      expect(scoreTable!.at(-1)).toEqual(['合计', '', '', '90.5', '']);
      const pdf = officeToPdf(file);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const png = path.join(__dirname, '../e2e/screenshots/158-assessment-docx-page1.png');
      pdfFirstPagePng(pdf, png, 80);
      expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    }, 240_000);

    it('XLSX: the same blocks read back with exceljs; LibreOffice opens it', async () => {
      const file = path.join(out, 'assessment.xlsx');
      await exportAssessment(fixture().app.ctx(), id, 'xlsx', file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const rows = xlsxCellsOf(wb.getWorksheet('考核表')!);
      // the title row is merged across the five columns (exceljs reads the master's value in each)
      expect(rows[0]![0]).toBe('某某律师事务所2025年度法律顾问履职考核表');
      expect(wb.getWorksheet('考核表')!.getCell('E1').isMerged).toBe(true);
      const ev = await evidence(firms.mou);
      const at = rows.findIndex((r) => r[0] === '项目');
      expect(rows.slice(at + 1, at + 1 + ev.rows.length)).toEqual(ev.rows.map((r) => [r.label, r.text]));
      expect(rows.some((r) => r[0] === '合计' && r[3] === '90.5')).toBe(true);
      expect(rows.some((r) => r[0] === '合计得分90.5分，考核等次：优秀。')).toBe(true);
      const pdf = officeToPdf(file);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }, 240_000);
  });
});
