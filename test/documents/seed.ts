/** One item with every field filled, assigned, with two rounds of opinion and two attachments, for the documents' and the case file's tests. */
import { seedBasics, register, type TestApp } from '../helpers/ledger';

export async function seedDocumentItem(app: TestApp, category = 'rules') {
  app.clock.set('2025-03-04T02:00:00.000Z');
  const b = await seedBasics(app);
  let c = await register(app, {
    title: '关于《市国防动员办公室行政执法公示办法（试行）》的合法性审查',
    categoryId: b.cat(category),
    departmentId: b.dept.id,
    requester: '张丽',
    receivedOn: '2025-03-03',
    itemCount: 2,
    description: '拟印发的规范性文件，请审查其制定权限、程序和内容的合法性。\n附：征求意见稿一份。',
    note: '急件',
  });
  c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, dueOn: '2025-03-11' });
  app.clock.set('2025-03-10T02:00:00.000Z');
  c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approveWithChanges', text: '一、第五条的公示期限与上位法不一致，建议修改为二十个工作日。\n二、第九条建议删去。\n三、第十二条中的“有关部门”应明确为具体部门。', issuedOn: '2025-03-07' });
  c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '修改稿已采纳前述意见，同意印发。', issuedOn: '2025-03-09' });
  return { ...b, id: c.id as number };
}
