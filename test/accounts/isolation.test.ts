/**
 * Counsel A cannot read, list, search, count or export counsel B's items: every
 * read path of the contract is tried through the router, as A, on a real SQLite
 * ledger holding items of A, of B and of nobody. Every figure expected below is
 * counted by hand from the items registered in `world()`; the same calls made as
 * the administrator show B's items are really there (so an empty answer for A
 * means "hidden", not "nothing to find").
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Drilldown, ExportResult, Tally } from '#contract/reports-contract';
import type { Attachment, ConsultationDetail, ConsultationRow, Page, SearchHit } from '#domain/types';
import { LOCAL_ADMIN, type Caller } from '../../electron/services/context';
import type { PlatformAdapter } from '../../electron/services/platform';
import { register, seedBasics, tempDir, testApp, type TestApp } from '../helpers/ledger';
import { hostedRouter } from '../helpers/router';
import { docxParts, parseCsv, xlsxCellsOf } from '../reports/readers';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * The ledger, on 2025-06-10 (Asia/Shanghai; the helper's clock):
 *
 *   A (王律师)  a1 采购合同  2025-03-03 2项 合同签订 综合处   opinion by A, outcome adopted, attachment by A
 *               a2 租赁协议  2025-06-05 1项 合同签订 政策法规处 due 06-11 (due soon)
 *               a3 信息公开  2025-05-20 1项 招标采购 综合处   due 06-01 (overdue)
 *               a4 往年      2024-11-05 1项 no due date
 *               a5 已删除    2025-04-10 trashed
 *   B (李律师)  b1 保密协议  2025-04-01 3项 行政复议与诉讼 政策法规处 opinion, outcome notAdopted, two attachments
 *               b2 劳动争议  2025-06-09 1项 行政复议与诉讼 due 06-12 (due soon)
 *               b3 行政复议  2025-05-06 1项 信访投诉 due 05-20 (overdue)
 *               b4 旧案      2023-02-01;  b6 去年 2024-09-02;  b5 已删除 2025-04-11 trashed
 *   nobody      u1 未分派    2025-02-01 1项 其他 due 06-10 (due soon)
 */
async function world() {
  const app = testApp();
  const basics = await seedBasics(app);
  const { dept, dept2, cat } = basics;
  const counselA = basics.counsel as { id: number };
  const counselB = (await app.call('counsels.create', { name: '李律师', firm: '另一律师事务所', engagedFrom: '2024-01-01' })) as { id: number };
  const asA: Caller = { username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: counselA.id };
  const asB: Caller = { username: 'li', displayName: '李律师', roles: ['counsel'], counselId: counselB.id };

  const item = async (
    title: string,
    fields: { receivedOn: string; categoryId: number; departmentId: number; itemCount?: number; dueOn?: string | null },
    counselId?: number,
    dueOn: string | null = null,
  ): Promise<ConsultationDetail> => {
    const c: ConsultationDetail = await register(app, { title, itemCount: 1, ...fields });
    if (counselId === undefined) return c;
    return app.call('consultations.assign', { id: c.id, version: c.version, counselId, dueOn, assignedOn: c.receivedOn });
  };
  const trash = async (c: ConsultationDetail) => app.call<ConsultationDetail>('consultations.trash', { id: c.id, version: c.version });

  let a1 = await item('甲·采购合同专项审查', { receivedOn: '2025-03-03', categoryId: cat('contract'), departmentId: dept.id, itemCount: 2 }, counselA.id, '2025-03-12');
  const a2 = await item('甲·租赁协议专项审查', { receivedOn: '2025-06-05', categoryId: cat('contract'), departmentId: dept2.id }, counselA.id, '2025-06-11');
  const a3 = await item('甲·信息公开专项审查', { receivedOn: '2025-05-20', categoryId: cat('procurement'), departmentId: dept.id }, counselA.id, '2025-06-01');
  const a4 = await item('甲·往年专项审查', { receivedOn: '2024-11-05', categoryId: cat('other'), departmentId: dept.id }, counselA.id, null);
  const a5 = await trash(await item('甲·已删除专项审查', { receivedOn: '2025-04-10', categoryId: cat('other'), departmentId: dept.id }, counselA.id));

  let b1 = await item('乙·保密协议专项审查', { receivedOn: '2025-04-01', categoryId: cat('litigation'), departmentId: dept2.id, itemCount: 3 }, counselB.id, '2025-04-10');
  const b2 = await item('乙·劳动争议专项审查', { receivedOn: '2025-06-09', categoryId: cat('litigation'), departmentId: dept.id }, counselB.id, '2025-06-12');
  const b3 = await item('乙·行政复议专项审查', { receivedOn: '2025-05-06', categoryId: cat('complaint'), departmentId: dept.id }, counselB.id, '2025-05-20');
  const b4 = await item('乙·旧案专项审查', { receivedOn: '2023-02-01', categoryId: cat('other'), departmentId: dept.id }, counselB.id);
  const b5 = await trash(await item('乙·已删除专项审查', { receivedOn: '2025-04-11', categoryId: cat('other'), departmentId: dept.id }, counselB.id));
  const b6 = await item('乙·去年专项审查', { receivedOn: '2024-09-02', categoryId: cat('other'), departmentId: dept.id }, counselB.id);
  const u1 = await register(app, { title: '丙·未分派专项审查', receivedOn: '2025-02-01', categoryId: cat('other'), departmentId: dept.id, dueOn: '2025-06-10' });

  // B's work: an opinion (by the registrar), an outcome, a file on the item and one on the opinion.
  b1 = await app.call('consultations.addOpinion', { id: b1.id, version: b1.version, conclusion: 'object', text: '乙方意见：保密期限过长', issuedOn: '2025-04-08' });
  b1 = await app.call('consultations.recordOutcome', { id: b1.id, version: b1.version, outcome: 'notAdopted', reason: '乙方坚持原条款', outcomeOn: '2025-04-08' });
  const bFile = await app.call<Attachment>('attachments.upload', { consultationId: b1.id, fileName: '乙方证据材料.txt', dataBase64: b64('乙方附件：竞业限制补偿标准') });
  const bOpinionFile = await app.call<Attachment>('attachments.upload', {
    consultationId: b1.id,
    opinionId: b1.opinions[0]!.id,
    fileName: '乙方意见附件.txt',
    dataBase64: b64('乙方意见附件：违约责任'),
  });

  // A's work, done as A: the opinion and the attachment; the registrar records the outcome.
  app.as(asA);
  a1 = await app.call('consultations.addOpinion', { id: a1.id, version: a1.version, conclusion: 'approveWithChanges', text: '甲方意见：付款条款需明确', issuedOn: '2025-03-05' });
  const aFile = await app.call<Attachment>('attachments.upload', { consultationId: a1.id, fileName: '甲方意见附件.txt', dataBase64: b64('甲方附件：验收标准') });
  app.as(LOCAL_ADMIN);
  a1 = await app.call('consultations.recordOutcome', { id: a1.id, version: a1.version, outcome: 'adopted', outcomeOn: '2025-03-10' });

  return { app, dept, dept2, cat, counselA, counselB, asA, asB, a1, a2, a3, a4, a5, b1, b2, b3, b4, b5, b6, u1, aFile, bFile, bOpinionFile };
}

type World = Awaited<ReturnType<typeof world>>;

/** A router for the same ledger with a host platform that records what it was asked to do. */
function hosted(app: TestApp, caller: Caller) {
  const dataDir = tempDir();
  const saveTo = path.join(dataDir, 'saved');
  fs.mkdirSync(saveTo);
  const asked = { save: [] as string[], open: 0, opened: [] as string[] };
  let next = 'unset';
  const platform: PlatformAdapter = {
    dataDir,
    chooseSavePath: async ({ defaultName }) => {
      asked.save.push(defaultName);
      return path.join(saveTo, next);
    },
    chooseOpenPaths: async () => {
      asked.open += 1;
      return [];
    },
    revealFile: async () => {},
    openFile: async (file) => {
      asked.opened.push(file);
    },
  };
  const router = hostedRouter(app, { caller: () => caller, platform, defaultBackupDir: path.join(dataDir, 'backups') });
  return {
    router,
    asked,
    dataDir,
    saveTo,
    /** the file name chooseSavePath will hand back next */
    saveAs(name: string) {
      next = name;
      return path.join(saveTo, name);
    },
    async call<T = any>(method: string, input: unknown): Promise<T> {
      const r = await router.call(method, input);
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code });
      return r.value as T;
    },
  };
}

const A_TITLES_2025 = ['甲·采购合同专项审查', '甲·信息公开专项审查', '甲·租赁协议专项审查']; // by receivedOn
const FOREIGN = /乙·|丙·|李律师|另一律师事务所|保密期限|竞业限制|乙方/;

async function refusal(app: TestApp, method: string, input: unknown) {
  const r = await app.router.call(method, input);
  expect(r.ok, `${method} ${JSON.stringify(input)} should be refused`).toBe(false);
  return r.ok ? null : r.error;
}

const titlesOf = (page: Page<ConsultationRow>) => page.rows.map((r) => r.title);
const sortedIds = (xs: { id: number }[]) => xs.map((x) => x.id).sort((p, q) => p - q);
const idsOf = (...xs: { id: number }[]) => sortedIds(xs);

describe("a counsel sees only the items assigned to them", () => {
  it('consultations.list, with and without filters, never shows B\'s or unassigned items', async () => {
    const w = await world();
    const { app } = w;
    const list = (input: Record<string, unknown>) => app.call<Page<ConsultationRow>>('consultations.list', { pageSize: 100, ...input });

    // As the administrator: everything is there.
    const all = await list({});
    expect(all.total).toBe(10); // a1-a4, b1-b4, b6, u1 (trashed a5, b5 left out)
    expect((await list({ counselId: w.counselB.id })).total).toBe(5);
    expect((await list({ trashed: true })).total).toBe(2);

    app.as(w.asA);
    const mine = await list({});
    expect(mine.total).toBe(4);
    expect(mine.rows.map((r) => r.title)).toEqual(['甲·租赁协议专项审查', '甲·信息公开专项审查', '甲·采购合同专项审查', '甲·往年专项审查']);
    expect(new Set(mine.rows.map((r) => r.counselId))).toEqual(new Set([w.counselA.id]));

    expect(await list({ counselId: w.counselB.id })).toMatchObject({ total: 0, rows: [] });
    expect(titlesOf(await list({ counselId: w.counselA.id }))).toHaveLength(4);
    expect(titlesOf(await list({ year: 2025, sort: 'receivedOn', order: 'asc' }))).toEqual(A_TITLES_2025);
    expect(await list({ year: 2023 })).toMatchObject({ total: 0 });
    expect(titlesOf(await list({ from: '2025-04-01', to: '2025-05-31' }))).toEqual(['甲·信息公开专项审查']);
    expect(titlesOf(await list({ departmentId: w.dept2.id }))).toEqual(['甲·租赁协议专项审查']);
    expect(await list({ categoryId: w.cat('litigation') })).toMatchObject({ total: 0 });
    expect(titlesOf(await list({ categoryId: w.cat('other') }))).toEqual(['甲·往年专项审查']);
    expect(titlesOf(await list({ status: 'answered' }))).toEqual(['甲·采购合同专项审查']);
    expect(await list({ status: 'registered' })).toMatchObject({ total: 0 }); // u1 is registered
    expect(titlesOf(await list({ overdue: true }))).toEqual(['甲·信息公开专项审查']);
    expect(titlesOf(await list({ trashed: true }))).toEqual(['甲·已删除专项审查']);
    expect(titlesOf(await list({ ids: [w.b1.id, w.b2.id, w.b3.id, w.b4.id, w.b5.id, w.b6.id, w.u1.id, w.a1.id] }))).toEqual(['甲·采购合同专项审查']);
    // the keyword filter: B's title, B's opinion, B's attachment text, a short and a long query
    for (const text of ['乙', '乙·保密', '保密期限', '竞业限制', '乙方证据材料', '未分派']) {
      expect(await list({ text }), text).toMatchObject({ total: 0, rows: [] });
    }
    expect((await list({ text: '专项审查' })).total).toBe(4);
    expect((await list({ text: '验收标准' })).rows.map((r) => r.id)).toEqual([w.a1.id]);
    // paging counts A's items only
    const page2 = await list({ pageSize: 1, page: 2, sort: 'receivedOn', order: 'asc' });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(titlesOf(page2)).toEqual(['甲·采购合同专项审查']);
    expect(await list({ page: 2, pageSize: 4 })).toMatchObject({ total: 4, rows: [] });

    // and the other way round: B sees B's only
    app.as(w.asB);
    const bs = await list({});
    expect(bs.total).toBe(5);
    expect(bs.rows.every((r) => r.title.startsWith('乙·'))).toBe(true);
    expect(await list({ counselId: w.counselA.id })).toMatchObject({ total: 0 });
  });

  it('consultations.get of B\'s item (live, old, trashed) or an unassigned one is NOT_FOUND, exactly like a missing id', async () => {
    const w = await world();
    const { app } = w;
    expect((await app.call<ConsultationDetail>('consultations.get', { id: w.b1.id })).opinions).toHaveLength(1);
    app.as(w.asA);
    const missing = await refusal(app, 'consultations.get', { id: 999_999 });
    expect(missing?.code).toBe('NOT_FOUND');
    for (const c of [w.b1, w.b2, w.b3, w.b4, w.b5, w.b6, w.u1]) {
      expect(await refusal(app, 'consultations.get', { id: c.id }), c.title).toEqual(missing);
    }
    const own = await app.call<ConsultationDetail>('consultations.get', { id: w.a1.id });
    expect(own).toMatchObject({ title: '甲·采购合同专项审查', counselId: w.counselA.id, outcome: 'adopted' });
    expect(own.opinions.map((o) => o.text)).toEqual(['甲方意见：付款条款需明确']);
  });

  it('consultations.years lists only the years of A\'s live items', async () => {
    const w = await world();
    expect(await w.app.call('consultations.years')).toEqual([2025, 2024, 2023]);
    w.app.as(w.asA);
    expect(await w.app.call('consultations.years')).toEqual([2025, 2024]);
    w.app.as(w.asB);
    expect(await w.app.call('consultations.years')).toEqual([2025, 2024, 2023]);
    w.app.as({ ...w.asA, counselId: null });
    expect(await w.app.call('consultations.years')).toEqual([]);
  });

  it('search.query finds nothing of B\'s: title, opinion, outcome reason, attachment name and text; short and long queries', async () => {
    const w = await world();
    const { app } = w;
    const search = (text: string, limit?: number) => app.call<SearchHit[]>('search.query', limit ? { text, limit } : { text });
    // as the administrator these all find b1
    for (const q of ['保密期限', '乙方坚持', '竞业限制', '乙方证据材料', '违约责任', '乙']) {
      expect((await search(q)).map((h) => h.id), q).toContain(w.b1.id);
    }
    expect(sortedIds(await search('专项审查'))).toEqual(idsOf(w.a1, w.a2, w.a3, w.a4, w.b1, w.b2, w.b3, w.b4, w.b6, w.u1));

    app.as(w.asA);
    for (const q of ['保密期限', '乙方坚持', '竞业限制', '乙方证据材料', '违约责任', '乙', '乙·', '未分派', '丙']) {
      expect(await search(q), q).toEqual([]);
    }
    // trigram (3+ characters) and n-gram (1-2 characters) tables both keep to A's items
    expect(sortedIds(await search('专项审查'))).toEqual(idsOf(w.a1, w.a2, w.a3, w.a4));
    expect(sortedIds(await search('专项'))).toEqual(idsOf(w.a1, w.a2, w.a3, w.a4));
    expect(sortedIds(await search('审'))).toEqual(idsOf(w.a1, w.a2, w.a3, w.a4));
    // the limit is filled from A's items, not used up by B's
    const two = await search('专项审查', 2);
    expect(two).toHaveLength(2);
    expect(two.every((h) => [w.a1.id, w.a2.id, w.a3.id, w.a4.id].includes(h.id))).toBe(true);
    expect((await search('验收标准')).map((h) => [h.id, h.field])).toEqual([[w.a1.id, 'attachments']]);
    expect((await search('付款条款')).map((h) => [h.id, h.field])).toEqual([[w.a1.id, 'opinions']]);
  });

  it('attachments.list / open / saveAs / upload / pick / remove on B\'s item or B\'s attachment are NOT_FOUND and touch nothing', async () => {
    const w = await world();
    const { app } = w;
    const admin = hosted(app, LOCAL_ADMIN);
    expect((await admin.call<Attachment[]>('attachments.list', { consultationId: w.b1.id })).map((a) => a.fileName)).toEqual(['乙方证据材料.txt', '乙方意见附件.txt']);

    const h = hosted(app, w.asA);
    const code = async (method: string, input: unknown) => {
      const r = await h.router.call(method, input);
      return r.ok ? 'ok' : r.error.code;
    };
    for (const input of [{ consultationId: w.b1.id }, { consultationId: w.b1.id, trashed: true }, { consultationId: w.u1.id }]) {
      expect(await code('attachments.list', input), JSON.stringify(input)).toBe('NOT_FOUND');
    }
    // B's attachment answers exactly like an id that does not exist: nothing tells that it is there
    const missing = await h.router.call('attachments.open', { id: 999_999 });
    const foreign = await h.router.call('attachments.open', { id: w.bFile.id });
    expect(foreign).toEqual(missing);
    for (const file of [w.bFile, w.bOpinionFile]) {
      const target = h.saveAs(`leak-${file.id}.txt`);
      expect(await code('attachments.open', { id: file.id })).toBe('NOT_FOUND');
      expect(await code('attachments.saveAs', { id: file.id })).toBe('NOT_FOUND');
      expect(await code('attachments.remove', { id: file.id })).toBe('NOT_FOUND');
      expect(await code('attachments.restore', { id: file.id })).toBe('NOT_FOUND');
      expect(fs.existsSync(target)).toBe(false);
    }
    expect(await code('attachments.upload', { consultationId: w.b1.id, fileName: '混入.txt', dataBase64: b64('x') })).toBe('NOT_FOUND');
    expect(await code('attachments.upload', { consultationId: w.a1.id, opinionId: w.b1.opinions[0]!.id, fileName: '混入.txt', dataBase64: b64('x') })).toBe('NOT_FOUND');
    expect(await code('attachments.pick', { consultationId: w.b1.id })).toBe('NOT_FOUND');
    // nothing was asked of the desktop, nothing was copied out
    expect(h.asked).toEqual({ save: [], open: 0, opened: [] });
    expect(fs.existsSync(path.join(h.dataDir, 'opened'))).toBe(false);
    expect(fs.readdirSync(h.saveTo)).toEqual([]);
    // B's files are still there, unchanged, and only B's
    const after = await admin.call<Attachment[]>('attachments.list', { consultationId: w.b1.id });
    expect(after.map((a) => [a.id, a.trashedAt])).toEqual([[w.bFile.id, null], [w.bOpinionFile.id, null]]);
    expect(app.ledger.sqlite.prepare("SELECT count(*) FROM attachments WHERE file_name = '混入.txt'").pluck().get()).toBe(0);

    // the same paths work on A's own file
    expect((await h.call<Attachment[]>('attachments.list', { consultationId: w.a1.id })).map((a) => a.fileName)).toEqual(['甲方意见附件.txt']);
    expect(await h.call('attachments.open', { id: w.aFile.id })).toEqual({ opened: true });
    expect(h.asked.opened).toHaveLength(1);
    expect(fs.readFileSync(h.asked.opened[0]!, 'utf8')).toBe('甲方附件：验收标准');
    const mine = h.saveAs('mine.txt');
    expect(await h.call('attachments.saveAs', { id: w.aFile.id })).toEqual({ saved: true });
    expect(fs.readFileSync(mine, 'utf8')).toBe('甲方附件：验收标准');
  });

  it('consultations.addOpinion (and every registrar write) on B\'s item is refused; B\'s item is unchanged', async () => {
    const w = await world();
    const { app } = w;
    const before = await app.call<ConsultationDetail>('consultations.get', { id: w.b2.id });
    app.as(w.asA);
    for (const version of [before.version, 1, 99]) {
      const e = await refusal(app, 'consultations.addOpinion', { id: w.b2.id, version, conclusion: 'approve', text: '越权意见', issuedOn: '2025-06-10' });
      expect(e?.code, `version ${version}`).toBe('NOT_FOUND');
    }
    expect((await refusal(app, 'consultations.addOpinion', { id: w.u1.id, version: w.u1.version, conclusion: 'approve', text: '越权意见', issuedOn: '2025-06-10' }))?.code).toBe('NOT_FOUND');
    const ref = { id: w.b2.id, version: before.version };
    const writes: [string, Record<string, unknown>][] = [
      ['consultations.update', { ...ref, title: '改', categoryId: before.categoryId, departmentId: before.departmentId, receivedOn: before.receivedOn, itemCount: 1 }],
      ['consultations.assign', { ...ref, counselId: w.counselA.id }],
      ['consultations.recordOutcome', { ...ref, outcome: 'adopted', outcomeOn: '2025-06-10' }],
      ['consultations.close', ref],
      ['consultations.withdraw', { ...ref, reason: '撤回' }],
      ['consultations.trash', ref],
      ['consultations.restore', { id: w.b5.id, version: w.b5.version }],
      ['consultations.correctStepDate', { ...ref, historyId: before.history[0]!.id, on: before.receivedOn, reason: '越权' }],
    ];
    for (const [method, input] of writes) expect((await refusal(app, method, input))?.code, method).toBe('FORBIDDEN');

    app.as(LOCAL_ADMIN);
    const after = await app.call<ConsultationDetail>('consultations.get', { id: w.b2.id });
    expect(after).toEqual(before);
    expect(app.ledger.sqlite.prepare("SELECT count(*) FROM opinions WHERE text = '越权意见'").pluck().get()).toBe(0);
    // A can still add an opinion to A's own item
    app.as(w.asA);
    const own = await app.call<ConsultationDetail>('consultations.addOpinion', { id: w.a2.id, version: w.a2.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-10' });
    expect(own.status).toBe('answered');
  });
});

describe('a counsel\'s figures count only their own items', () => {
  it('departments.list and categories.list count only A\'s items in use (the office\'s totals would tell about B\'s)', async () => {
    const w = await world();
    const { app } = w;
    const usage = async (caller: Caller | null) => {
      if (caller) app.as(caller);
      const depts = await app.call<{ name: string; inUse: number }[]>('departments.list', { includeInactive: true });
      const cats = await app.call<{ code: string; inUse: number }[]>('categories.list', { includeInactive: true });
      return { depts: Object.fromEntries(depts.map((d) => [d.name, d.inUse])), cats: Object.fromEntries(cats.map((c) => [c.code, c.inUse])) };
    };
    const own = await usage(w.asA);
    // A's live items, by division and by category, counted by hand from world()
    const aItems = app.ledger.sqlite
      .prepare('SELECT d.name AS dept, k.code AS cat FROM consultations c JOIN departments d ON d.id = c.department_id JOIN categories k ON k.id = c.category_id WHERE c.counsel_id = ? AND c.trashed_at IS NULL')
      .all(w.asA.counselId) as { dept: string; cat: string }[];
    for (const [name, n] of Object.entries(own.depts)) expect(n, name).toBe(aItems.filter((x) => x.dept === name).length);
    for (const [code, n] of Object.entries(own.cats)) expect(n, code).toBe(aItems.filter((x) => x.cat === code).length);
    // A has 5 items, one of them trashed
    expect(Object.values(own.depts).reduce((p, q) => p + q, 0)).toBe(4);
    expect(Object.values(own.cats).reduce((p, q) => p + q, 0)).toBe(4);
    // and the office's totals are larger where B has items
    const office = await usage(LOCAL_ADMIN);
    expect(Object.values(office.depts).reduce((p, q) => p + q, 0)).toBeGreaterThan(Object.values(own.depts).reduce((p, q) => p + q, 0));
  });

  it('reports.tally, reports.drilldown and reports.sentence', async () => {
    const w = await world();
    const { app } = w;
    const adminTally = await app.call<Tally>('reports.tally', { year: 2025 });
    expect([adminTally.total.count, adminTally.total.items]).toEqual([7, 10]);
    expect(adminTally.opinions.documents).toBe(2);
    expect(adminTally.adoption.rate.text).toBe('50.0%');
    expect(adminTally.turnaround.medianDays).toBe(4.5);

    app.as(w.asA);
    const t = await app.call<Tally>('reports.tally', { year: 2025 });
    expect(t.scope).toBe('own');
    expect([t.total.count, t.total.items]).toEqual([3, 4]);
    expect([t.withdrawn.count, t.withdrawn.items]).toEqual([0, 0]);
    expect(t.byCounsel.map((c) => [c.counselId, c.name, c.count, c.items])).toEqual([[w.counselA.id, '王律师', 3, 4]]);
    expect(t.byDepartment.map((d) => [d.name, d.count, d.items])).toEqual([
      ['综合处', 2, 3],
      ['政策法规处', 1, 1],
    ]);
    expect(t.byCategory.filter((c) => c.count > 0).map((c) => [c.code, c.count, c.items])).toEqual([
      ['contract', 2, 3],
      ['procurement', 1, 1],
    ]);
    expect(t.byStatus.map((s) => [s.status, s.count])).toEqual([
      ['registered', 0],
      ['assigned', 2],
      ['answered', 1],
      ['closed', 0],
    ]);
    expect(t.opinions.documents).toBe(1);
    expect(t.opinions.answered.count).toBe(1);
    expect(t.byConclusion.find((c) => c.conclusion === 'object')?.count).toBe(0); // b1's conclusion
    expect(t.byOutcome.find((o) => o.outcome === 'notAdopted')?.count).toBe(0); // b1's outcome
    expect([t.adoption.adopted.count, t.adoption.withOutcome.count, t.adoption.rate.text]).toEqual([1, 1, '100.0%']);
    expect(t.turnaround.medianDays).toBe(2); // a1: 03-03 → 03-05 (with b1's 7 days the median would be 4.5)
    expect([t.turnaround.dueMet.count, t.turnaround.dueMissed.count]).toEqual([1, 1]); // a1 met, a3 missed (b1 met, b3 missed)
    expect(t.carriedOver.rows.map((r) => r.title)).toEqual(A_TITLES_2025);
    expect([t.carriedOver.total.count, t.carriedOver.total.items]).toEqual([3, 4]);
    expect(t.byMonth.filter((m) => m.count > 0).map((m) => [m.month, m.count])).toEqual([
      ['2025-03', 1],
      ['2025-05', 1],
      ['2025-06', 1],
    ]);
    expect([t.previous.total.count, t.previous.total.items]).toEqual([1, 1]); // a4 (b6 is B's)
    expect(JSON.stringify(t)).not.toMatch(FOREIGN);

    const drill = async (key: string, period: Record<string, unknown> = { year: 2025 }) =>
      app.call<Drilldown>('reports.drilldown', { ...period, key });
    expect(await drill('total')).toMatchObject({ count: 3, items: 4, ids: [w.a1.id, w.a3.id, w.a2.id] });
    expect(await drill(`counsel:${w.counselB.id}`)).toMatchObject({ count: 0, items: 0, ids: [] });
    expect(await drill('counsel:none')).toMatchObject({ count: 0, ids: [] }); // u1
    expect(await drill(`counsel:${w.counselA.id}`)).toMatchObject({ count: 3, items: 4 });
    expect((await drill(`department:${w.dept2.id}`)).ids).toEqual([w.a2.id]); // not b1
    expect((await drill(`category:${w.cat('litigation')}`)).ids).toEqual([]);
    expect((await drill('conclusion:object')).ids).toEqual([]);
    expect((await drill('outcome:notAdopted')).ids).toEqual([]);
    expect((await drill('answered')).ids).toEqual([w.a1.id]);
    expect((await drill('due:missed')).ids).toEqual([w.a3.id]);
    expect((await drill('carriedOver')).ids).toEqual([w.a1.id, w.a3.id, w.a2.id]);
    expect((await drill('month:2025-04')).ids).toEqual([]); // b1
    expect((await drill('total', { year: 2024 })).ids).toEqual([w.a4.id]);
    expect((await drill('total', { year: 2023 })).ids).toEqual([]);
    expect((await drill('total', { from: '2025-01-01', to: '2025-06-30' })).ids).toEqual([w.a1.id, w.a3.id, w.a2.id]);
    const rows = await app.call<Drilldown>('reports.drilldown', { year: 2025, key: 'total', withRows: true });
    expect(rows.rows!.map((r) => r.title)).toEqual(A_TITLES_2025);

    expect(await app.call('reports.sentence', { year: 2025 })).toMatchObject({
      text: '2025年，我办法律顾问围绕合同签订、招标采购开展法律咨询3次（4项），出具法律意见1份，意见采纳率100.0%。',
      categories: ['合同签订', '招标采购'],
      more: false,
    });
    app.as(LOCAL_ADMIN);
    expect((await app.call('reports.sentence', { year: 2025 })).text).toBe(
      '2025年，我办法律顾问围绕合同签订、行政复议与诉讼、招标采购、信访投诉等开展法律咨询7次（10项），出具法律意见2份，意见采纳率50.0%。',
    );
  });

  it('reports.export through the router: the XLSX, CSV and DOCX hold A\'s items and none of B\'s', async () => {
    const w = await world();
    const { app } = w;
    const h = hosted(app, w.asA);

    // XLSX
    const xlsxFile = h.saveAs('a.xlsx');
    const xr = await h.call<ExportResult>('reports.export', { year: 2025, format: 'xlsx', jobId: 'isolation-xlsx' });
    expect(xr).toMatchObject({ path: xlsxFile, format: 'xlsx', rows: 3 });
    expect(h.asked.save).toEqual(['2025年法律顾问工作情况.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const cells = wb.worksheets.flatMap((ws) => xlsxCellsOf(ws).flat().map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))));
    expect(cells.filter((v) => FOREIGN.test(v))).toEqual([]);
    const ledger = xlsxCellsOf(wb.getWorksheet('明细台账')!);
    const title = ledger[0]!.indexOf('事项名称');
    expect(ledger.slice(1).map((r) => r[title])).toEqual(A_TITLES_2025);
    const counsels = xlsxCellsOf(wb.getWorksheet('顾问')!);
    expect(counsels.slice(1).filter((r) => r[0] !== '合计').map((r) => [r[0], r[2], r[3]])).toEqual([['王律师', 3, 4]]);
    const summary = xlsxCellsOf(wb.getWorksheet('汇总')!);
    expect(summary.find((r) => r[0] === '咨询次数（次）')?.slice(1, 3)).toEqual([3, 1]);
    expect(summary.find((r) => r[0] === '咨询项数（项）')?.slice(1, 3)).toEqual([4, 1]);

    // CSV
    const csvFile = h.saveAs('a.csv');
    expect(await h.call<ExportResult>('reports.export', { year: 2025, format: 'csv' })).toMatchObject({ path: csvFile, rows: 3 });
    const csv = await parseCsv(fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, ''));
    expect(csv.flat().filter((v) => FOREIGN.test(v))).toEqual([]);
    expect(csv.slice(1).map((r) => r[csv[0]!.indexOf('事项名称')])).toEqual(A_TITLES_2025);

    // DOCX (the carried-over table lists titles)
    const docxFile = h.saveAs('a.docx');
    expect(await h.call<ExportResult>('reports.export', { year: 2025, format: 'docx' })).toMatchObject({ path: docxFile });
    const { text } = await docxParts(docxFile);
    expect(text).not.toMatch(FOREIGN);
    for (const t of A_TITLES_2025) expect(text).toContain(t);
    expect(text).toContain('开展法律咨询3次（4项），出具法律意见1份');

    // the administrator's CSV of the same year does hold B's and the unassigned items
    const admin = hosted(app, LOCAL_ADMIN);
    const allFile = admin.saveAs('all.csv');
    expect(await admin.call<ExportResult>('reports.export', { year: 2025, format: 'csv' })).toMatchObject({ rows: 7 });
    const allCsv = await parseCsv(fs.readFileSync(allFile, 'utf8').replace(/^\uFEFF/, ''));
    expect(allCsv.slice(1).map((r) => r[allCsv[0]!.indexOf('事项名称')]).sort()).toEqual(
      [...A_TITLES_2025, '乙·保密协议专项审查', '乙·劳动争议专项审查', '乙·行政复议专项审查', '丙·未分派专项审查'].sort(),
    );
  });

  /** none of these items is returned for material, awaits 签发 or is a 规范性文件 (issue 20's counts) */
  const NO_PROCEDURE_REMINDERS = { awaitingMaterial: 0, awaitingSignOff: 0, documentsDue: 0 };

  it('reminders.summary counts only A\'s due-soon and overdue items', async () => {
    const w = await world();
    const { app } = w;
    expect(await app.call('reminders.summary')).toEqual({ overdue: 2, dueSoon: 3, ...NO_PROCEDURE_REMINDERS }); // a3 b3; a2 b2 u1
    app.as(w.asA);
    expect(await app.call('reminders.summary')).toEqual({ overdue: 1, dueSoon: 1, ...NO_PROCEDURE_REMINDERS }); // a3; a2
    app.as(w.asB);
    expect(await app.call('reminders.summary')).toEqual({ overdue: 1, dueSoon: 1, ...NO_PROCEDURE_REMINDERS }); // b3; b2
    // two days on (06-12): a2 (06-11) is overdue too; b2 (06-12) is due today, and is B's
    app.clock.set('2025-06-12T02:00:00.000Z');
    app.as(w.asA);
    expect(await app.call('reminders.summary')).toEqual({ overdue: 2, dueSoon: 0, ...NO_PROCEDURE_REMINDERS });
  });

  it('a counsel account not linked to a roster entry sees and counts nothing', async () => {
    const w: World = await world();
    const { app } = w;
    app.as({ username: 'zhao', displayName: '赵律师', roles: ['counsel'], counselId: null });
    expect(await app.call('consultations.list', {})).toMatchObject({ total: 0, rows: [] });
    expect(await app.call('search.query', { text: '专项审查' })).toEqual([]);
    expect(await app.call('reminders.summary')).toEqual({ overdue: 0, dueSoon: 0, ...NO_PROCEDURE_REMINDERS });
    const t = await app.call<Tally>('reports.tally', { year: 2025 });
    expect([t.total.count, t.previous.total.count, t.byCounsel.length]).toEqual([0, 0, 0]);
    expect((await refusal(app, 'consultations.get', { id: w.a1.id }))?.code).toBe('NOT_FOUND');
  });
});
