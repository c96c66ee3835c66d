import { describe, expect, it } from 'vitest';
import { ngrams } from '../../db/queries/search';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

async function fixture(app: TestApp) {
  const b = await seedBasics(app);
  const base = { categoryId: b.cat('contract'), departmentId: b.dept.id };
  const a = await register(app, { ...base, title: '物业服务合同审查', description: '关于办公楼物业服务的合同条款', requester: '张三' });
  const c = await register(app, { ...base, title: '车辆采购招标文件', description: '公务用车采购，涉及合同签订', requester: '李四', departmentId: b.dept2.id });
  const d = await register(app, { ...base, title: '信访事项答复', description: '群众来信反映PPP项目问题', requester: '王五' });
  const e = await register(app, { ...base, title: '人防工程租赁协议', description: '租金条款', requester: '赵六' });
  return { b, a, c, d, e };
}

const titles = (hits: any[]) => hits.map((h) => h.title.map((p: any) => p.text).join(''));

describe('search', () => {
  it('finds Chinese queries of 1, 2 and 3+ characters', async () => {
    const app = testApp();
    await fixture(app);
    expect(titles(await app.call('search.query', { text: '物业服务合同' }))).toEqual(['物业服务合同审查']);
    expect(titles(await app.call('search.query', { text: '合同' })).sort()).toEqual(['物业服务合同审查', '车辆采购招标文件'].sort());
    expect(titles(await app.call('search.query', { text: '租' }))).toEqual(['人防工程租赁协议']);
    expect(titles(await app.call('search.query', { text: '采购' }))).toEqual(['车辆采购招标文件']);
    expect(await app.call('search.query', { text: '不存在的词' })).toEqual([]);
  });

  it('handles mixed Chinese and ASCII, case-insensitively', async () => {
    const app = testApp();
    await fixture(app);
    expect(titles(await app.call('search.query', { text: 'PPP项目' }))).toEqual(['信访事项答复']);
    expect(titles(await app.call('search.query', { text: 'ppp' }))).toEqual(['信访事项答复']);
    expect(titles(await app.call('search.query', { text: 'pp' }))).toEqual(['信访事项答复']);
  });

  it('ranks a title match above a description match', async () => {
    const app = testApp();
    await fixture(app);
    // 合同 is in the title of the first and only in the description of the second
    expect(titles(await app.call('search.query', { text: '合同' }))).toEqual(['物业服务合同审查', '车辆采购招标文件']);
  });

  it('ranks by relevance, not by the order of registration (3+ and 2 characters)', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const base = { categoryId: b.cat('contract'), departmentId: b.dept.id };
    // registered first: the words only once, deep in a long description
    await register(app, { ...base, title: '办公设备维修服务', description: `${'设备维修的范围、频次和费用结算方式。'.repeat(8)}另附保密协议。` });
    await register(app, { ...base, title: '档案整理外包', description: '外包人员须签署保密协议' });
    // registered last: the words in the title
    await register(app, { ...base, title: '保密协议审查', description: '涉密岗位人员保密协议文本' });
    for (const text of ['保密协议', '保密']) {
      const got = titles(await app.call('search.query', { text }));
      expect(got, text).toHaveLength(3);
      expect(got[0], text).toBe('保密协议审查');
      expect(got[2], text).toBe('办公设备维修服务');
    }
  });

  it('highlights the matching parts in the title and in a snippet of the field it was found in', async () => {
    const app = testApp();
    await fixture(app);
    const [hit] = await app.call('search.query', { text: '公务用车' });
    expect(hit.field).toBe('description');
    expect(hit.snippet.filter((p: any) => p.hit).map((p: any) => p.text)).toEqual(['公务用车']);
    const [t] = await app.call('search.query', { text: '租赁' });
    expect(t.title).toEqual([{ text: '人防工程', hit: false }, { text: '租赁', hit: true }, { text: '协议', hit: false }]);
  });

  it('names the field that really matched: 编号 for a serial, not the whole body', async () => {
    const app = testApp();
    await fixture(app);
    const field = async (text: string) => (await app.call('search.query', { text })).map((h: any) => [titles([h])[0], h.field]);
    expect(await field('3号')).toEqual([['信访事项答复', 'serialNo']]);
    expect(await field('〔2025〕4号')).toEqual([['人防工程租赁协议', 'serialNo']]);
    expect(await field('张三')).toEqual([['物业服务合同审查', 'requester']]);
    expect(await field('政策法规处')).toEqual([['车辆采购招标文件', 'department']]);
    expect(await field('PPP')).toEqual([['信访事项答复', 'description']]);
    const [serial] = await app.call('search.query', { text: '3号' });
    expect(serial.snippet.filter((p: any) => p.hit).map((p: any) => p.text)).toEqual(['3号']);
    expect(serial.snippet.map((p: any) => p.text).join('')).toBe('法咨〔2025〕3号');
  });

  it('searches division, requester, serial, opinions and outcome reasons, and follows edits', async () => {
    const app = testApp();
    const { b, a } = await fixture(app);
    expect(titles(await app.call('search.query', { text: '政策法规处' }))).toEqual(['车辆采购招标文件']);
    expect(titles(await app.call('search.query', { text: '张三' }))).toEqual(['物业服务合同审查']);
    expect(titles(await app.call('search.query', { text: '〔2025〕4号' }))).toEqual(['人防工程租赁协议']);
    let x = await app.call('consultations.assign', { id: a.id, version: a.version, counselId: b.counsel.id, assignedOn: '2025-03-01' });
    x = await app.call('consultations.addOpinion', { id: x.id, version: x.version, conclusion: 'object', text: '违约金条款显失公平', issuedOn: '2025-03-02' });
    expect(titles(await app.call('search.query', { text: '显失公平' }))).toEqual(['物业服务合同审查']);
    x = await app.call('consultations.recordOutcome', { id: x.id, version: x.version, outcome: 'notAdopted', reason: '已与对方协商一致', outcomeOn: '2025-03-03' });
    expect(titles(await app.call('search.query', { text: '协商一致' }))).toEqual(['物业服务合同审查']);
    await app.call('consultations.update', { id: x.id, version: x.version, title: '保洁服务合同审查', categoryId: x.categoryId, departmentId: x.departmentId, receivedOn: x.receivedOn, itemCount: 1 });
    expect(await app.call('search.query', { text: '物业服务合同' })).toEqual([]);
    expect(titles(await app.call('search.query', { text: '保洁' }))).toEqual(['保洁服务合同审查']);
    await app.call('departments.update', { id: b.dept2.id, name: '法规处' });
    expect(await app.call('search.query', { text: '政策法规处' })).toEqual([]);
    expect(titles(await app.call('search.query', { text: '法规处' }))).toEqual(['车辆采购招标文件']);
  });

  it('leaves out trashed items, and a counsel sees only their own', async () => {
    const app = testApp();
    const { b, a, c } = await fixture(app);
    await app.call('consultations.trash', { id: c.id, version: c.version });
    expect(titles(await app.call('search.query', { text: '合同' }))).toEqual(['物业服务合同审查']);
    await app.call('consultations.assign', { id: a.id, version: a.version, counselId: b.counsel.id });
    app.as({ username: 'w', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id });
    expect(titles(await app.call('search.query', { text: '条款' }))).toEqual(['物业服务合同审查']);
    expect(await app.call('search.query', { text: '租金' })).toEqual([]);
    // the ledger's keyword filter uses the same index and the same visibility
    expect((await app.call('consultations.list', { text: '租' })).total).toBe(0);
    expect((await app.call('consultations.list', { text: '物业' })).total).toBe(1);
  });

  it('cuts text into 1- and 2-character tokens for short queries', () => {
    expect(ngrams('合同审查 AB')).toBe('合 合同 同 同审 审 审查 查 a ab b');
  });
});
