/**
 * How values enter the app (issue 19, findings 9, 10, 13, 18): the contract's
 * one text sanitiser, future dates, duplicate roles, names that differ only by
 * spaces. Each through the router on a real SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { isBlankText, normaliseName, textProblem } from '#domain/text';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

async function refused(app: TestApp, method: string, input: unknown): Promise<{ code: string; issues: { path: string; message: string }[] }> {
  const r = await app.router.call(method, input);
  if (r.ok) throw new Error(`${method} was accepted: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error as any;
}

const count = (app: TestApp) => app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get() as number;

describe('19/9: NUL in a search is VALIDATION, not INTERNAL', () => {
  it('consultations.list text and search.query', async () => {
    const app = testApp();
    await seedBasics(app);
    expect((await refused(app, 'consultations.list', { text: 'a\u0000b' })).code).toBe('VALIDATION');
    expect((await refused(app, 'search.query', { text: 'a\u0000b' })).code).toBe('VALIDATION');
  });
});

describe('19/10: one text sanitiser for all free text (refuse, never strip)', () => {
  const HOSTILE: [string, string][] = [
    ['NUL', '合同\u0000审查'],
    ['ANSI escape', '\u0001\u001b[31m合同审查'],
    ['C1 control', '合同\u0085审查'],
    ['DEL', '合同\u007f审查'],
    ['right-to-left override', '审查意见\u202Excod.exe'],
    ['left-to-right embedding', '审查\u202A意见'],
    ['isolate', '审查\u2066意见\u2069'],
    ['lone high surrogate', '合同\ud800审查'],
    ['lone low surrogate', '合同\udc00审查'],
  ];
  it.each(HOSTILE)('a title with %s is refused with VALIDATION on create and update; nothing is stored', async (_, title) => {
    const app = testApp();
    const { dept, cat } = await seedBasics(app);
    const base = { categoryId: cat('contract'), departmentId: dept.id };
    const e = await refused(app, 'consultations.create', { ...base, title, itemCount: 1, receivedOn: '2025-03-01' });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues[0]!.path).toBe('title');
    expect(count(app)).toBe(0);
    const item = await register(app, base);
    const e2 = await refused(app, 'consultations.update', { ...base, id: item.id, version: item.version, title, itemCount: 1, receivedOn: '2025-03-01' });
    expect(e2.code).toBe('VALIDATION');
    expect((await app.call('consultations.get', { id: item.id })).title).toBe('某合同审查');
  });

  it('a title of only zero-width or odd spaces does not pass "required"', async () => {
    const app = testApp();
    const { dept, cat } = await seedBasics(app);
    for (const title of ['\u200b\u200b', '\u3000\u00a0', '\ufeff \u2060']) {
      const e = await refused(app, 'consultations.create', { categoryId: cat('contract'), departmentId: dept.id, title, itemCount: 1, receivedOn: '2025-03-01' });
      expect(e.issues).toContainEqual({ path: 'title', message: '请填写事项名称' });
    }
    expect(count(app)).toBe(0);
  });

  it('keeps line breaks and tabs where text has lines, refuses them in one-line fields; a surrogate pair (emoji) is fine', async () => {
    const app = testApp();
    const { dept, cat } = await seedBasics(app);
    const item = await register(app, { categoryId: cat('contract'), departmentId: dept.id, title: '合同审查 📄', description: '第一行\n\t第二行', note: 'a\r\nb' });
    expect(item.description).toBe('第一行\n\t第二行');
    expect(item.title).toBe('合同审查 📄');
    const e = await refused(app, 'consultations.create', { categoryId: cat('contract'), departmentId: dept.id, title: '合同\n审查', itemCount: 1, receivedOn: '2025-03-01' });
    expect(e.issues[0]!.path).toBe('title');
    // an opinion, a reason, a department name: the same sanitiser
    expect((await refused(app, 'departments.create', { name: '综合\u202e处' })).code).toBe('VALIDATION');
    expect((await refused(app, 'consultations.withdraw', { id: item.id, version: item.version, reason: '\u200b' })).code).toBe('VALIDATION');
  });

  it('text over a limit is refused, never cut', async () => {
    const app = testApp();
    const { dept, cat } = await seedBasics(app);
    const e = await refused(app, 'consultations.create', { categoryId: cat('contract'), departmentId: dept.id, title: '长'.repeat(201), itemCount: 1, receivedOn: '2025-03-01' });
    expect(e.issues).toContainEqual({ path: 'title', message: '不能超过 200 个字符' });
    expect(count(app)).toBe(0);
    const ok = await register(app, { categoryId: cat('contract'), departmentId: dept.id, title: '长'.repeat(200) });
    expect(ok.title).toHaveLength(200);
  });

  it('the domain rules, case by case', () => {
    expect(textProblem('a\u0000b', true)).toEqual({ kind: 'control', index: 1, code: 0 });
    expect(textProblem('a\tb\nc', true)).toBeNull();
    expect(textProblem('a\tb', false)).toEqual({ kind: 'control', index: 1, code: 9 });
    expect(textProblem('x\u202ey', true)?.kind).toBe('bidi');
    expect(textProblem('x\ud83d', true)?.kind).toBe('surrogate');
    expect(textProblem('x\ud83d\ude00', true)).toBeNull();
    expect(isBlankText('\u200b \u3000')).toBe(true);
    expect(isBlankText('\u200ba')).toBe(false);
  });
});

describe('19/13: business dates after today are refused; due dates may be', () => {
  // the test clock: 2025-06-10 10:00 in Beijing
  it('receivedOn 2999-12-31 does not create 法咨〔2999〕1号; tomorrow is refused too, today is fine', async () => {
    const app = testApp();
    const { dept, cat } = await seedBasics(app);
    const base = { categoryId: cat('contract'), departmentId: dept.id };
    for (const receivedOn of ['2999-12-31', '2025-06-11']) {
      const e = await refused(app, 'consultations.create', { ...base, title: '未来', itemCount: 1, receivedOn });
      expect(e.code).toBe('VALIDATION');
      expect(e.issues).toContainEqual({ path: 'receivedOn', message: `收件日期 ${receivedOn} 晚于今天（2025-06-10）` });
    }
    expect(count(app)).toBe(0);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM serial_counters WHERE year = 2999').pluck().get()).toBe(0);
    const item = await register(app, { ...base, receivedOn: '2025-06-10', dueOn: '2999-01-01' });
    expect(item.dueOn).toBe('2999-01-01');
    const e = await refused(app, 'consultations.update', { ...base, id: item.id, version: item.version, title: 'x', itemCount: 1, receivedOn: '2025-12-31' });
    expect(e.issues[0]!.path).toBe('receivedOn');
  });

  it('outcomeOn 2999-01-01 and an opinion dated tomorrow are refused', async () => {
    const app = testApp();
    const { dept, cat, counsel } = await seedBasics(app);
    let item = await register(app, { categoryId: cat('contract'), departmentId: dept.id, receivedOn: '2025-06-01' });
    // dated on receipt: a step is never before the one it follows (business-dates.test.ts)
    item = await app.call('consultations.assign', { id: item.id, version: item.version, counselId: counsel.id, assignedOn: '2025-06-01' });
    const op = await refused(app, 'consultations.addOpinion', { id: item.id, version: item.version, conclusion: 'advisory', text: '意见', issuedOn: '2025-06-11' });
    expect(op.issues).toContainEqual({ path: 'issuedOn', message: '出具日期 2025-06-11 晚于今天（2025-06-10）' });
    item = await app.call('consultations.addOpinion', { id: item.id, version: item.version, conclusion: 'advisory', text: '意见', issuedOn: '2025-06-05' });
    const e = await refused(app, 'consultations.recordOutcome', { id: item.id, version: item.version, outcome: 'adopted', outcomeOn: '2999-01-01' });
    expect(e.issues).toContainEqual({ path: 'outcomeOn', message: '采纳登记日期 2999-01-01 晚于今天（2025-06-10）' });
    expect((await app.call('consultations.get', { id: item.id })).outcome).toBeNull();
  });
});

describe('19/18: duplicate roles, names that differ only by spaces', () => {
  it('users.update refuses duplicate roles', async () => {
    const app = testApp();
    const u = await app.call('users.create', { username: 'li', displayName: '李经办', roles: ['registrar'], password: 'Jingban#2025x' });
    const e = await refused(app, 'users.update', { id: u.id, version: u.version, roles: ['registrar', 'registrar', 'leader'] });
    expect(e.code).toBe('VALIDATION');
    const stored = app.ledger.sqlite.prepare('SELECT roles FROM users WHERE id = ?').pluck().get(u.id) as string;
    expect(stored).not.toContain('leader');
  });

  it('users.update refuses duplicate roles where the same update without them is accepted (an administrator account exists)', async () => {
    const app = testApp();
    await app.call('users.create', { username: 'guan', displayName: '张管理', roles: ['admin'], password: 'Zhang#Admin2025' });
    const u = await app.call('users.create', { username: 'li', displayName: '李经办', roles: ['registrar'], password: 'Jingban#2025x' });
    const e = await refused(app, 'users.update', { id: u.id, version: u.version, roles: ['registrar', 'registrar', 'leader'] });
    expect(e.code).toBe('VALIDATION');
    expect(app.ledger.sqlite.prepare('SELECT roles FROM users WHERE id = ?').pluck().get(u.id)).toBe('registrar');
    const ok = await app.call('users.update', { id: u.id, version: u.version, roles: ['registrar', 'leader'] });
    expect(ok.roles).toEqual(['registrar', 'leader']);
  });

  it.each([['综合 处'], ['综合\u00a0处'], ['  综合处  '], ['综合\u3000处'], ['综\u200b合处']])('department %j is the same name as 综合处', async (name) => {
    const app = testApp();
    await seedBasics(app);
    const e = await refused(app, 'departments.create', { name });
    expect(e.code).toBe('CONFLICT');
    expect(e.issues[0]!.path).toBe('name');
  });

  it('a department renamed to a spaced spelling of another clashes; a new name is stored normalised', async () => {
    const app = testApp();
    const { dept2 } = await seedBasics(app);
    expect((await refused(app, 'departments.update', { id: dept2.id, name: '综合\u00a0 处' })).code).toBe('CONFLICT');
    const d = await app.call('departments.create', { name: ' 办公室\u00a0\u00a0秘书科 ' });
    expect(d.name).toBe('办公室 秘书科');
  });

  it('categories: a no-break space does not make a new category', async () => {
    const app = testApp();
    await app.call('categories.create', { nameZh: '信访 事项' });
    expect((await refused(app, 'categories.create', { nameZh: '信访\u00a0事项' })).code).toBe('CONFLICT');
    expect((await refused(app, 'categories.create', { nameZh: '信访事项' })).code).toBe('CONFLICT');
    expect(normaliseName('\u00a0a \u2003 b\u200b ')).toBe('a b');
  });
});
