/**
 * The office's real-looking 2025 ledger (fixtures.ts): found, mapped, read,
 * checked without writing, then imported in one batch with everything an item
 * registered by hand would have.
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { verifyAuditChain } from '../../electron/services/audit';
import { buildPlan, commitImport, planView, readImportFile } from '../../electron/services/import';
import { seedBasics, testApp } from '../helpers/ledger';
import { dumpTables, realLedger } from './fixtures';

async function setup() {
  const app = testApp();
  const seed = await seedBasics(app);
  const source = await readImportFile(await realLedger());
  return { app, seed, source };
}

describe('a real-looking XLSX ledger', () => {
  it('finds the header below the merged title, blank and unit rows, and maps the synonyms', async () => {
    const { app, source } = await setup();
    const view = planView(buildPlan(app.ctx(), source));
    expect(view.sheet).toBe('2025年台账');
    expect(view.headerRow).toBe(4);
    expect(view.columns.map((c) => `${c.letter}:${c.header}:${c.field ?? '-'}`)).toEqual([
      'A:序号:-',
      'B:编号:serialNo',
      'C:收文日期:receivedOn',
      'D:事项名称:title',
      'E:咨询类别:category',
      'F:送审科室:department',
      'G:提请人:requester',
      'H:件数:itemCount',
      'I:承办律师:counsel',
      'J:意见出具日期:opinionOn',
      'K:意见结论:conclusion',
      'L:采纳情况:outcome',
      'M:未采纳理由:outcomeReason',
      'N:状态:status',
      'O:备注:note',
    ]);
    expect(view.notices).toContain('表头在第 4 行；其上方的 2 行（标题等）不导入');
    expect(view.notices).toContain('第 17 行是合计行，不导入');
    expect(view.counts).toMatchObject({ rows: 12, skipped: 1 });
  });

  it('reads every date form, full-width digits, stray spaces, merged cells, formulas and rich text', async () => {
    const { app, source } = await setup();
    const plan = buildPlan(app.ctx(), source, { departments: [{ name: '法制办', action: 'create' }] });
    expect(plan.rows.map((r) => r.receivedOn)).toEqual([
      '2025-01-06', // a date cell
      '2025-02-14', // an Excel serial number (45702) in a cell without a date format
      '2025-03-01', // 2025-3-1
      '2025-03-10', // 2025.3.10
      '2025-03-12', // 2025/03/12
      '2025-03-20', // 2025年3月20日
      '2025-04-02', // ２０２５年４月２日
      '2025-04-15', // U+3000 around 2025-04-15
      '2025-05-06', // a formula's cached result
      '2025-05-20',
      '2025-06-03', // 20250603
      '2025-06-09',
    ]);
    expect(plan.rows.map((r) => r.opinion?.issuedOn ?? null)).toEqual([
      '2025-01-09', '2025-02-20', '2025-03-05', '2025-03-15', null, null, '2025-04-08', '2025-04-18', null, null, '2025-06-05', '2025-06-09',
    ]);
    expect(plan.rows.map((r) => r.itemCount)).toEqual([1, 2, 1, 3, 1, 1, 2, 1, 1, 1, 1, 1]);
    expect(plan.rows[7]!.department).toBe('综合处');
    expect(plan.rows[8]!.title).toBe('应诉案件');
    // F9:F10 is merged: the division fills both rows
    expect(plan.rows.slice(4, 6).map((r) => [r.row, r.department])).toEqual([
      [9, '法制办'],
      [10, '法制办'],
    ]);
    expect(plan.rows.map((r) => r.status)).toEqual([
      'closed', 'closed', 'answered', 'closed', 'assigned', 'registered', 'closed', 'closed', 'withdrawn',
      'registered', // no status, no counsel
      'answered', // no status, an opinion
      'answered',
    ]);
  });

  it('understands the category variants and lists the unknown division with its rows', async () => {
    const { app, source } = await setup();
    const view = planView(buildPlan(app.ctx(), source));
    const codes = Object.fromEntries(view.categories.map((c) => [c.name, c.match?.name]));
    expect(codes).toEqual({
      合同审查: '合同签订',
      政府采购: '招标采购',
      信访: '信访投诉',
      规范性文件: '制度建设（规范性文件）',
      执法审核: '重大执法决定法制审核',
      复议: '行政复议与诉讼',
      应诉: '行政复议与诉讼',
      决策: '重大行政决策',
      合同: '合同签订',
      采购: '招标采购',
      投诉: '信访投诉',
    });
    expect(view.departments.map((d) => [d.name, d.resolution])).toEqual([
      ['综合处', 'matched'],
      ['政策法规处', 'matched'],
      ['法制办', 'unresolved'],
    ]);
    expect(view.departments[2]).toMatchObject({ rows: 2, sampleRows: [9, 10], match: null });
    expect(view.canCommit).toBe(false);
    expect(view.problems[0]).toMatchObject({ row: null, letter: 'F', column: '送审科室', severity: 'error' });
    expect(view.problems[0]!.message).toContain('处室“法制办”不在处室名单中（第 9、10 行）');
    expect(view.counts).toMatchObject({ ready: 10, withErrors: 2 });
  });

  it('the dry run writes nothing, and a refused commit writes nothing either', async () => {
    const { app, source } = await setup();
    const before = dumpTables(app.ledger.sqlite);
    planView(buildPlan(app.ctx(), source));
    planView(buildPlan(app.ctx(), source, { createMissing: true }));
    await expect(commitImport(app.ctx(), source)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('未写入任何数据') });
    expect(dumpTables(app.ledger.sqlite)).toEqual(before);
  });

  it('commits all rows as one batch: history dated by the ledger, opinions, outcomes, audit, search, tally', async () => {
    const { app, source } = await setup();
    const auditBefore = app.ledger.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    const result = await commitImport(app.ctx(), source, { departments: [{ name: '法制办', action: 'create' }] });
    expect(result).toMatchObject({ rowCount: 12, serials: { kept: 2, assigned: 10 }, createdDepartments: [{ name: '法制办' }] });
    const db = app.ledger.sqlite;
    expect(db.prepare('SELECT count(*) FROM consultations WHERE import_batch_id = ?').pluck().get(result.batchId)).toBe(12);
    expect(db.prepare('SELECT file_name, row_count FROM import_batches').get()).toEqual({ file_name: '2025年法律顾问咨询台账.xlsx', row_count: 12 });

    const first = db.prepare("SELECT id FROM consultations WHERE title = '办公楼物业服务合同审查'").pluck().get() as number;
    const detail = await app.call('consultations.get', { id: first });
    expect(detail).toMatchObject({ serialNo: '法咨〔2025〕3号', status: 'closed', outcome: 'adopted', counselName: '王律师', version: 1 });
    expect(detail.opinions).toMatchObject([{ round: 1, conclusion: 'approveWithChanges', issuedOn: '2025-01-09' }]);
    expect(detail.history.map((h: { fromStatus: string | null; toStatus: string; at: string; reason: string }) => [h.fromStatus, h.toStatus, h.at, h.reason])).toEqual([
      [null, 'registered', '2025-01-05T16:00:00.000Z', '导入'],
      ['registered', 'assigned', '2025-01-05T16:00:00.000Z', '导入'],
      ['assigned', 'answered', '2025-01-08T16:00:00.000Z', '导入'],
      ['answered', 'closed', '2025-01-08T16:00:00.000Z', '导入'],
    ]);
    const notAdopted = db.prepare("SELECT outcome, outcome_reason AS reason FROM consultations WHERE title = '行政规范性文件合法性审查'").get();
    expect(notAdopted).toEqual({ outcome: 'notAdopted', reason: '上级已有明确规定' });
    const withdrawn = db.prepare("SELECT id FROM consultations WHERE status = 'withdrawn'").pluck().get() as number;
    expect(db.prepare('SELECT from_status AS f, to_status AS t FROM status_history WHERE consultation_id = ? ORDER BY id').all(withdrawn)).toEqual([
      { f: null, t: 'registered' },
      { f: 'registered', t: 'assigned' },
      { f: 'assigned', t: 'withdrawn' },
    ]);

    const actions = db.prepare('SELECT action, count(*) AS n FROM audit_log WHERE id > ? GROUP BY action ORDER BY action').all(auditBefore);
    expect(actions).toEqual([
      { action: 'consultations.import', n: 12 },
      { action: 'departments.create', n: 1 },
      { action: 'import.commit', n: 1 },
    ]);
    expect(verifyAuditChain(db).ok).toBe(true);

    const found = await app.call('consultations.list', { text: '物业服务' });
    expect(found.rows.map((r: { title: string }) => r.title)).toEqual(['办公楼物业服务合同审查']);
    const short = await app.call('consultations.list', { text: '信访' });
    expect(short.total).toBeGreaterThan(0);

    const tally = await app.call<Tally>('reports.tally', { year: 2025 });
    expect([tally.total.count, tally.total.items]).toEqual([11, 15]);
    expect([tally.withdrawn.count, tally.withdrawn.items]).toEqual([1, 1]);
    expect(tally.opinions.documents).toBe(8);
    expect(tally.byCategory.find((c) => c.code === 'contract')).toMatchObject({ count: 3, items: 4 });
  });
});
