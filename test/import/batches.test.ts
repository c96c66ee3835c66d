/**
 * A batch as a whole: undo restores the tallies exactly, is refused once any of
 * its items changed, and never lowers a serial counter; the same file twice is
 * noticed; one long import task per database at a time; progress is reported.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { verifyAuditChain } from '../../electron/services/audit';
import { buildPlan, commitImport, currentJob, listImportBatches, planView, readImportFile, undoImportBatch } from '../../electron/services/import';
import { withImportJob } from '../../electron/services/import/jobs';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';
import { csvText, dumpTables, realLedger, writeText } from './fixtures';

/** What the reports and the ledger show: every table an import writes to, except the append-only and bookkeeping ones. */
const LEDGER_TABLES_EXCEPT = ['audit_log', 'import_batches', 'sqlite_sequence', 'departments', 'serial_counters'];

async function seeded() {
  const app = testApp();
  const seed = await seedBasics(app);
  const a = await register(app, { title: '手工登记的合同', categoryId: seed.cat('contract'), departmentId: seed.dept.id, receivedOn: '2025-02-01' });
  await app.call('consultations.assign', { id: a.id, version: a.version, counselId: seed.counsel.id });
  await register(app, { title: '手工登记的信访', categoryId: seed.cat('complaint'), departmentId: seed.dept2.id, receivedOn: '2025-05-01', itemCount: 2 });
  return { app, seed };
}

const importOf = async (app: Awaited<ReturnType<typeof seeded>>['app'], file: string, options = {}) =>
  commitImport(app.ctx(), await readImportFile(file), { departments: [{ name: '法制办', action: 'create' }], ...options });

describe('undoing a batch', () => {
  it('commit then undo restores the tallies and the ledger exactly; the counter stays up; the audit keeps it all', async () => {
    const { app } = await seeded();
    const tally = () => app.call<Tally>('reports.tally', { year: 2025 }).then(({ generatedAt: _g, ...t }) => t);
    const before = await tally();
    const ledgerBefore = dumpTables(app.ledger.sqlite, LEDGER_TABLES_EXCEPT, { logical: true });
    const result = await importOf(app, await realLedger());
    const during = await tally();
    expect(during.total.count).toBe(before.total.count + 11);
    const counter = app.ledger.sqlite.prepare('SELECT last_seq FROM serial_counters WHERE year = 2025').pluck().get() as number;
    expect(counter).toBe(25);

    const progress: [number, number][] = [];
    expect(await undoImportBatch(app.ctx(), result.batchId, (d, t) => progress.push([d, t]))).toEqual({ batchId: result.batchId, removed: 12 });
    expect(progress.at(0)).toEqual([0, 12]);
    expect(progress.at(-1)).toEqual([12, 12]);

    expect(await tally()).toEqual(before);
    expect(dumpTables(app.ledger.sqlite, LEDGER_TABLES_EXCEPT, { logical: true })).toEqual(ledgerBefore);
    expect(app.ledger.sqlite.prepare('SELECT last_seq FROM serial_counters WHERE year = 2025').pluck().get()).toBe(counter);
    const next = await register(app, { title: '撤销后新登记', categoryId: 1, departmentId: 1, receivedOn: '2025-06-01' });
    expect(next.serialNo).toBe('法咨〔2025〕26号');

    const db = app.ledger.sqlite;
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'consultations.importUndo'").pluck().get()).toBe(12);
    const undone = db.prepare("SELECT before FROM audit_log WHERE action = 'consultations.importUndo' ORDER BY id LIMIT 1").pluck().get() as string;
    expect(JSON.parse(undone)).toMatchObject({ serialNo: '法咨〔2025〕3号', title: '办公楼物业服务合同审查', importBatchId: result.batchId, opinions: [{ round: 1, conclusion: 'approveWithChanges' }], history: [{ toStatus: 'registered', reason: '导入' }, {}, {}, { toStatus: 'closed' }] });
    expect(verifyAuditChain(db).ok).toBe(true);
    const [batch] = listImportBatches(app.ctx());
    expect(batch).toMatchObject({ id: result.batchId, undoneBy: '本机管理员', liveRows: 0, undoable: false });
    expect(batch!.blockedReason).toContain('已于');
    await expect(undoImportBatch(app.ctx(), result.batchId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // the division the import created stays (it could be in use since)
    expect(db.prepare("SELECT count(*) FROM departments WHERE name = '法制办'").pluck().get()).toBe(1);
  });

  it('is refused, naming the items, once any item of the batch changed; nothing is removed', async () => {
    const { app } = await seeded();
    const result = await importOf(app, await realLedger());
    const id = app.ledger.sqlite.prepare("SELECT id FROM consultations WHERE title = '廉洁协议文本审查'").pluck().get() as number;
    const item = await app.call('consultations.get', { id });
    await app.call('consultations.update', { id, version: item.version, title: item.title, categoryId: item.categoryId, departmentId: item.departmentId, receivedOn: item.receivedOn, itemCount: 2 });
    const [view] = listImportBatches(app.ctx());
    expect(view).toMatchObject({ undoable: false, liveRows: 12 });
    const error = await undoImportBatch(app.ctx(), result.batchId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as Error).message).toContain('有 1 条事项在导入后已被修改');
    expect((error as Error).message).toContain(item.serialNo);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM consultations WHERE import_batch_id = ?').pluck().get(result.batchId)).toBe(12);
  });

  it('an unknown batch is NOT_FOUND', async () => {
    const { app } = await seeded();
    await expect(undoImportBatch(app.ctx(), 999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the same file twice', () => {
  const file = () =>
    writeText(
      path.join(tempDir(), '台账.csv'),
      csvText([
        ['收件日期', '事项名称', '类别', '提请处室'],
        ['2025-3-1', '某合同审查', '合同', '综合处'],
      ]),
    );

  it('is noticed in the dry run and needs allowDuplicate to commit; after an undo it is new again', async () => {
    const { app } = await seeded();
    const source = await readImportFile(file());
    const first = await commitImport(app.ctx(), source);
    const view = planView(buildPlan(app.ctx(), source));
    expect(view.duplicateOf).toMatchObject({ id: first.batchId, rowCount: 1 });
    expect(view.notices.join()).toContain('该文件已于 2025-06-10 由 本机管理员 导入过（批次 #1，1 条）');
    expect(view.canCommit).toBe(true);
    const refusal = await commitImport(app.ctx(), source).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('允许重复导入') });
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(3);
    const second = await commitImport(app.ctx(), source, { allowDuplicate: true });
    expect(second.batchId).toBe(first.batchId + 1);
    await undoImportBatch(app.ctx(), second.batchId);
    await undoImportBatch(app.ctx(), first.batchId);
    expect(planView(buildPlan(app.ctx(), source)).duplicateOf).toBeNull();
  });
});

describe('one long import task at a time', () => {
  it('a second import or undo on the same database is refused while one runs; the progress can be polled', async () => {
    const { app } = await seeded();
    const source = await readImportFile(await realLedger());
    let release!: () => void;
    const running = withImportJob(app.ctx(), 'read', async (progress) => {
      progress(3, 10);
      await new Promise<void>((resolve) => (release = resolve));
    });
    expect(currentJob(app.ctx())).toMatchObject({ kind: 'read', done: 3, total: 10 });
    await expect(commitImport(app.ctx(), source, { createMissing: true })).rejects.toMatchObject({ code: 'CONFLICT', message: '已有导入任务正在进行，请等待其完成后再试' });
    await expect(undoImportBatch(app.ctx(), 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    // another database is not blocked
    const other = testApp();
    await seedBasics(other);
    await expect(commitImport(other.ctx(), source, { createMissing: true })).resolves.toMatchObject({ rowCount: 12 });
    release();
    await running;
    expect(currentJob(app.ctx())).toBeNull();
    const progress: [number, number][] = [];
    await commitImport(app.ctx(), source, { createMissing: true }, (d, t) => progress.push([d, t]));
    expect(progress[0]).toEqual([0, 12]);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(currentJob(app.ctx())).toBeNull();
  });
});
