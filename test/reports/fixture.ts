/**
 * A hand-built ledger for the year 2025 with the hard cases of the counting
 * rules, registered through the real services (router, transactions, status
 * history) with the clock walked forward as the year goes by. The expected
 * figures are worked out by hand in tally.test.ts, from the list below.
 *
 *  item  receivedOn  category     dept  items  story
 *  A     2024-12-31  contract     综合   1     Wang; opinion 2025-01-03; closed 2025-01-03 → counts in 2024
 *  B     2025-01-01  rules        政法   3     Li; due 01-08; rounds 01-06 approveWithChanges, 01-10 approve; adopted; closed
 *  C     2025-02-10  procurement  综合   2     Li; due 02-17; opinion 02-12 object; notAdopted;
 *                                               closed at 2026-01-01 00:10 Shanghai (= 2025-12-31 16:10 UTC)
 *  D     2025-03-05  contract     综合   1     withdrawn
 *  E     2025-03-20  contract     装备   4     assigned to Li, then trashed
 *  F     2025-04-01  complaint    政法   1     Li; due 04-08; opinion 04-10 advisory (late); partiallyAdopted;
 *                                               closed 04-15, reopened 05-01, closed again 05-10
 *  N     2025-05-20  procurement  政法   3     Li; withdrawn from assigned
 *  G     2025-06-15  contract     综合   2     Li, who leaves on 06-30; reassigned to Zhao 07-02 with due 07-10;
 *                                               opinion 07-05 approve; no outcome; never closed
 *  M     2025-08-08  rules        综合   1     withdrawn, reopened, Zhao; due 08-15; opinion 08-14 approve; adopted; closed
 *  H     2025-09-01  decision     装备   1     registered only (no counsel, no due date)
 *  I     2025-11-20  contract     政法   1     Wang; due 11-27; no opinion (past due)
 *  J     2025-12-31  rules        综合   2     registered and assigned (Wang) at 23:30 Shanghai on 12-31; due 2026-01-07;
 *                                               opinion 2026-01-05 approve; closed 2026-01-08
 *  L     2026-01-01  contract     综合   1     counts in 2026
 *  K     2025-12-31  other        政法   1     received 12-31 but registered on 2026-01-02; Wang; due 01-09; no opinion
 *
 * "Today" for the report is 2026-01-15 10:00 Shanghai.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../db/open';
import { seedBasics, testApp, type TestApp } from '../helpers/ledger';

export type ItemName = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N';

export interface Fixture {
  app: TestApp;
  ids: Record<ItemName, number>;
  cat: (code: string) => number;
  dept: { zonghe: number; zhengfa: number; zhuangbei: number };
  counsel: { wang: number; li: number; zhao: number };
}

/** Shanghai wall-clock time → the instant the fake clock is set to. */
const local = (dateTime: string): string => new Date(`${dateTime}+08:00`).toISOString();

export async function buildFixture(app: TestApp = testApp()): Promise<Fixture> {
  app.clock.set(local('2024-12-01T09:00:00'));
  const b = await seedBasics(app); // 综合处, 政策法规处, 王律师 (engaged from 2024-01-01)
  const zhuangbei = await app.call('departments.create', { name: '装备处' });
  const li = await app.call('counsels.create', { name: '李律师', firm: '某某律师事务所', engagedFrom: '2024-01-01' });
  const dept = { zonghe: b.dept.id as number, zhengfa: b.dept2.id as number, zhuangbei: zhuangbei.id as number };
  const counsel = { wang: b.counsel.id as number, li: li.id as number, zhao: 0 };
  const ids = {} as Record<ItemName, number>;
  const items = new Map<number, { id: number; version: number }>();
  const track = (c: { id: number; version: number }) => {
    items.set(c.id, c);
    return c;
  };
  const v = (name: ItemName) => ({ id: ids[name], version: items.get(ids[name])!.version });
  const call = async (method: string, input: object) => track(await app.call(method, input));

  // Each step below is done when the story reaches it: `at` sets the clock, then runs its steps in order.
  type Step = () => Promise<unknown>;
  const at = async (dateTime: string, ...steps: Step[]) => {
    app.clock.set(local(dateTime));
    for (const step of steps) await step();
  };
  const register = (name: ItemName, receivedOn: string, category: string, departmentId: number, itemCount: number): Step => async () => {
    const c = await call('consultations.create', { title: `事项${name}`, receivedOn, categoryId: b.cat(category), departmentId, itemCount });
    ids[name] = c.id;
  };
  // Due dates are always given, so the fixture does not depend on how a default due date is worked out.
  const assign = (name: ItemName, counselId: number, dueOn: string): Step => () => call('consultations.assign', { ...v(name), counselId, dueOn });
  const opinion = (name: ItemName, conclusion: string, issuedOn: string): Step => () =>
    call('consultations.addOpinion', { ...v(name), conclusion, text: `关于事项${name}的法律意见`, issuedOn });
  const outcome = (name: ItemName, value: string, outcomeOn: string): Step => () =>
    call('consultations.recordOutcome', { ...v(name), outcome: value, outcomeOn, reason: value === 'notAdopted' ? '与上级政策冲突' : value === 'partiallyAdopted' ? '采纳第一、三条意见' : '' });
  const close = (name: ItemName): Step => () => call('consultations.close', v(name));
  const withdraw = (name: ItemName): Step => () => call('consultations.withdraw', { ...v(name), reason: '处室撤回' });
  const reopen = (name: ItemName): Step => () => call('consultations.reopen', { ...v(name), reason: '处室补充材料后重新提请' });
  const trash = (name: ItemName): Step => () => call('consultations.trash', { ...v(name), reason: '重复登记' });

  await at('2024-12-31T10:00:00', register('A', '2024-12-31', 'contract', dept.zonghe, 1), assign('A', counsel.wang, '2025-01-07'));
  await at('2025-01-01T10:00:00', register('B', '2025-01-01', 'rules', dept.zhengfa, 3), assign('B', counsel.li, '2025-01-08'));
  await at('2025-01-03T10:00:00', opinion('A', 'approve', '2025-01-03'), close('A'));
  await at('2025-01-06T10:00:00', opinion('B', 'approveWithChanges', '2025-01-06'));
  await at('2025-01-10T10:00:00', opinion('B', 'approve', '2025-01-10'), outcome('B', 'adopted', '2025-01-10'), close('B'));
  await at('2025-02-10T10:00:00', register('C', '2025-02-10', 'procurement', dept.zonghe, 2), assign('C', counsel.li, '2025-02-17'));
  await at('2025-02-12T10:00:00', opinion('C', 'object', '2025-02-12'), outcome('C', 'notAdopted', '2025-02-12'));
  await at('2025-03-05T10:00:00', register('D', '2025-03-05', 'contract', dept.zonghe, 1), withdraw('D'));
  await at('2025-03-20T10:00:00', register('E', '2025-03-20', 'contract', dept.zhuangbei, 4), assign('E', counsel.li, '2025-03-27'), trash('E'));
  await at('2025-04-01T10:00:00', register('F', '2025-04-01', 'complaint', dept.zhengfa, 1), assign('F', counsel.li, '2025-04-08'));
  await at('2025-04-10T10:00:00', opinion('F', 'advisory', '2025-04-10'), outcome('F', 'partiallyAdopted', '2025-04-10'));
  await at('2025-04-15T10:00:00', close('F'));
  await at('2025-05-01T10:00:00', reopen('F'));
  await at('2025-05-10T10:00:00', close('F'));
  await at('2025-05-20T10:00:00', register('N', '2025-05-20', 'procurement', dept.zhengfa, 3), assign('N', counsel.li, '2025-05-27'), withdraw('N'));
  await at('2025-06-15T10:00:00', register('G', '2025-06-15', 'contract', dept.zonghe, 2), assign('G', counsel.li, '2025-06-22'));
  // Li leaves at the end of June; Zhao takes over.
  await at('2025-07-01T09:00:00', async () => {
    const liNow = await app.call('counsels.list', { includeInactive: true });
    const liRow = liNow.find((c: { id: number }) => c.id === counsel.li);
    await app.call('counsels.update', { id: counsel.li, version: liRow.version, engagedTo: '2025-06-30', active: false });
    const zhao = await app.call('counsels.create', { name: '赵律师', firm: '另一律师事务所', engagedFrom: '2025-07-01' });
    counsel.zhao = zhao.id;
  });
  await at('2025-07-02T10:00:00', assign('G', counsel.zhao, '2025-07-10'));
  await at('2025-07-05T10:00:00', opinion('G', 'approve', '2025-07-05'));
  await at('2025-08-08T10:00:00', register('M', '2025-08-08', 'rules', dept.zonghe, 1), withdraw('M'), reopen('M'), assign('M', counsel.zhao, '2025-08-15'));
  await at('2025-08-14T10:00:00', opinion('M', 'approve', '2025-08-14'), outcome('M', 'adopted', '2025-08-14'), close('M'));
  await at('2025-09-01T10:00:00', register('H', '2025-09-01', 'decision', dept.zhuangbei, 1));
  await at('2025-11-20T10:00:00', register('I', '2025-11-20', 'contract', dept.zhengfa, 1), assign('I', counsel.wang, '2025-11-27'));
  await at('2025-12-31T23:30:00', register('J', '2025-12-31', 'rules', dept.zonghe, 2), assign('J', counsel.wang, '2026-01-07'));
  // Ten minutes into 2026 in Shanghai, still 2025-12-31 in UTC: C was open at the end of 2025.
  await at('2026-01-01T00:10:00', close('C'));
  await at('2026-01-01T10:00:00', register('L', '2026-01-01', 'contract', dept.zonghe, 1));
  await at('2026-01-02T10:00:00', register('K', '2025-12-31', 'other', dept.zhengfa, 1), assign('K', counsel.wang, '2026-01-09'));
  await at('2026-01-05T10:00:00', opinion('J', 'approve', '2026-01-05'));
  await at('2026-01-08T10:00:00', close('J'));

  await at('2026-01-15T10:00:00');
  return { app, ids, cat: b.cat, dept, counsel };
}

/**
 * The fixture built once for a whole test file, in its own database file (the
 * shared helpers close their ledgers after every test). Call at the top level
 * of a file or describe block.
 */
export function useFixture(): () => Fixture {
  let fixture: Fixture | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-report-'));
    fixture = await buildFixture(testApp(openDatabase(path.join(dir, 'ledger.sqlite3'))));
  });
  afterAll(() => {
    fixture?.app.ledger.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!fixture) throw new Error('fixture not built yet');
    return fixture;
  };
}

/** Item names for a list of ids, to compare drill-downs with the table above. */
export function names(f: Fixture, ids: readonly number[]): string[] {
  const byId = new Map(Object.entries(f.ids).map(([name, id]) => [id, name]));
  return ids.map((id) => byId.get(id) ?? `#${id}`);
}
