import { describe, expect, it } from 'vitest';
import { register, seedBasics, testApp } from '../helpers/ledger';

describe('catalog: divisions and categories in use', () => {
  it('counts the consultations of each division and category, and refuses deleting one in use (trash included)', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const spare = await app.call('departments.create', { name: '财务处' });
    const custom = await app.call('categories.create', { nameZh: '政府信息公开' });
    for (let i = 0; i < 3; i++) await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id });
    const t = await register(app, { categoryId: custom.id, departmentId: b.dept2.id });
    await app.call('consultations.trash', { id: t.id, version: t.version });

    const depts = await app.call('departments.list', {});
    expect(depts.map((d: any) => [d.name, d.inUse])).toEqual([['综合处', 3], ['政策法规处', 1], ['财务处', 0]]);
    const cats = await app.call('categories.list', {});
    expect(cats.find((c: any) => c.code === 'contract').inUse).toBe(3);
    expect(cats.find((c: any) => c.code === 'rules').inUse).toBe(0);
    expect(cats.find((c: any) => c.id === custom.id).inUse).toBe(1);

    expect(await app.router.call('departments.delete', { id: b.dept2.id })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(await app.router.call('categories.delete', { id: custom.id })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(await app.router.call('categories.delete', { id: b.cat('rules') })).toMatchObject({ ok: false, error: { code: 'IN_USE' } }); // built-in
    expect(await app.call('departments.delete', { id: spare.id })).toEqual({ id: spare.id });
    const unused = await app.call('categories.create', { nameZh: '临时类别' });
    expect(await app.call('categories.delete', { id: unused.id })).toEqual({ id: unused.id });
  });
});
