/**
 * 审签 and checklists (issue 20) through the router on a real SQLite file: the leader's one
 * action, an outcome refused before it, a returned opinion back in the queue once corrected,
 * the checklist kept with the opinion, and the plain data the printed opinion reads.
 */
import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { itemDocument } from '../../electron/services/documents/documents';
import { opinionDocumentData } from '../../electron/services/procedures/opinion';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { seedBasics, testApp, type TestApp } from '../helpers/ledger';

const LEADER = { username: 'leader', displayName: '张主任', roles: ['leader' as const] };
const COUNSEL_ROLE = (counselId: number) => ({ username: 'wang', displayName: '王律师', roles: ['counsel' as const], counselId });
const REGISTRAR = { username: 'registrar', displayName: '经办人', roles: ['registrar' as const] };

const POINTS = ['执法主体是否合法', '执法人员是否具备执法资格', '案件事实是否清楚、证据是否合法充分', '适用法律、法规、规章是否准确', '执法程序是否合法', '行政裁量是否适当'];

async function answeredEnforcementItem(app: TestApp) {
  const b = await seedBasics(app);
  app.ledger.sqlite.prepare("INSERT INTO users (username, display_name, roles, password_hash, created_at) VALUES ('leader', '张主任', 'leader', 'x', '2025-01-01')").run();
  let c = await app.call('consultations.create', { title: '某行政处罚决定法制审核', categoryId: b.cat('enforcementReview'), departmentId: b.dept.id, receivedOn: '2025-06-02', itemCount: 1 });
  c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
  app.as(COUNSEL_ROLE(b.counsel.id));
  c = await app.call('consultations.addOpinion', {
    id: c.id,
    version: c.version,
    conclusion: 'approveWithChanges',
    conclusionWord: '建议修改',
    text: '建议补充听证告知。',
    issuedOn: '2025-06-05',
    checklist: POINTS.map((point, i) => ({ point, result: i === 4 ? 'nonConforming' : 'conforms', note: i === 4 ? '未告知听证权利' : '' })),
  });
  app.as(REGISTRAR);
  return { b, c };
}

describe('审签', () => {
  it('an outcome or closing before 签发 is refused; a counsel and a registrar cannot sign off; the leader can, and only that', async () => {
    const app = testApp();
    const { c } = await answeredEnforcementItem(app);
    const opinion = c.opinions[0];
    expect(opinion).toMatchObject({ signOffStatus: 'pending', conclusionWord: '建议修改', conclusion: 'approveWithChanges' });
    expect((await app.call('reminders.summary', {})).awaitingSignOff).toBe(1);

    await expect(app.call('consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'adopted', outcomeOn: '2025-06-06' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('签发') });
    await expect(app.call('consultations.close', { id: c.id, version: c.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const sign = { id: c.id, version: c.version, opinionId: opinion.id, decision: 'sign', on: '2025-06-09', remark: '同意' };
    await expect(app.call('consultations.signOff', sign)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    app.as(COUNSEL_ROLE(c.counselId));
    await expect(app.call('consultations.signOff', sign)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    app.as(LEADER);
    expect((await app.call('procedures.signOffQueue', {})).map((r: any) => [r.serialNo, r.round, r.conclusionWord, r.issuedOn])).toEqual([[c.serialNo, 1, '建议修改', '2025-06-05']]);
    // nothing else: the leader cannot record the outcome, edit or assign
    await expect(app.call('consultations.recordOutcome', { id: c.id, version: c.version, outcome: 'adopted', outcomeOn: '2025-06-06' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // a return needs a reason; a date before the opinion is refused
    await expect(app.call('consultations.signOff', { ...sign, decision: 'return', remark: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(app.call('consultations.signOff', { ...sign, on: '2025-06-04' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const signed = await app.call('consultations.signOff', sign);
    expect(signed.opinions[0]).toMatchObject({ signOffStatus: 'signed', signOffOn: '2025-06-09', signOffByName: '张主任', signOffRemark: '同意' });
    expect(signed.history.at(-1)).toMatchObject({ toStatus: 'signedOff', businessOn: '2025-06-09', actor: 'leader' });
    // the forbidden attempts are recorded as refused; the 签发 itself once
    expect(app.ledger.sqlite.prepare("SELECT actor || ':' || result FROM audit_log WHERE action = 'consultations.signOff' ORDER BY id").pluck().all()).toEqual(['registrar:refused', 'wang:refused', 'leader:ok']);
    expect(await app.call('procedures.signOffQueue', {})).toEqual([]);
    await expect(app.call('consultations.signOff', { ...sign, version: signed.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

    app.as(REGISTRAR);
    const outcome = await app.call('consultations.recordOutcome', { id: c.id, version: signed.version, outcome: 'adopted', outcomeOn: '2025-06-10' });
    expect(outcome.outcome).toBe('adopted');
  });

  it('the printed opinion document carries the checklist, the conclusion word and the 签发 block', async () => {
    const app = testApp();
    const { c } = await answeredEnforcementItem(app);
    const text = async () => {
      const doc = await itemDocument(app.ctx(), { id: c.id, kind: 'opinion' });
      return new PizZip(doc.bytes).file('word/document.xml')!.asText().replace(/<[^>]+>/g, '');
    };
    const before = await text();
    expect(before).toContain('法制审核意见书');
    expect(before).toContain('建议修改');
    expect(before).toContain('执法程序是否合法不符合未告知听证权利');
    expect(before).toContain('行政裁量是否适当符合');
    expect(before).toContain('签发待签发');
    expect(before).not.toContain('本事项未填写审查要点');
    app.as(LEADER);
    await app.call('consultations.signOff', { id: c.id, version: c.version, opinionId: c.opinions[0].id, decision: 'sign', on: '2025-06-09', remark: '同意' });
    app.as(REGISTRAR);
    expect(await text()).toContain('签发张主任2025年6月9日已签发：同意');
  });

  it('a returned opinion waits for a correction, then goes back to the queue', async () => {
    const app = testApp();
    const { c } = await answeredEnforcementItem(app);
    app.as(LEADER);
    const returned = await app.call('consultations.signOff', { id: c.id, version: c.version, opinionId: c.opinions[0].id, decision: 'return', on: '2025-06-06', remark: '事实部分需补充' });
    expect(returned.opinions[0]).toMatchObject({ signOffStatus: 'returned', signOffRemark: '事实部分需补充' });
    expect((await app.call('procedures.signOffQueue', { includeReturned: true })).map((r: any) => r.state)).toEqual(['returned']);
    app.as(REGISTRAR);
    await expect(app.call('consultations.recordOutcome', { id: c.id, version: returned.version, outcome: 'adopted', outcomeOn: '2025-06-10' })).rejects.toMatchObject({ message: expect.stringContaining('退回') });
    const corrected = await app.call('consultations.correctOpinion', {
      id: c.id, version: returned.version, opinionId: c.opinions[0].id, conclusion: 'approveWithChanges', text: '建议补充听证告知，并补充事实认定。', issuedOn: '2025-06-05', reason: '按领导意见修改',
    });
    expect(corrected.opinions[0]).toMatchObject({ signOffStatus: 'pending', signOffRemark: null, conclusionWord: '建议修改' });
    // the checklist stays with the corrected opinion, and the version it replaced keeps its own
    expect(corrected.opinions[0].checklist).toHaveLength(POINTS.length);
    app.as(LEADER);
    expect((await app.call('procedures.signOffQueue', {})).length).toBe(1);
  });
});

describe('checklists', () => {
  it('every point is marked once, in the category\'s order, and the printed opinion reads it with the sign-off block', async () => {
    const app = testApp();
    const { c } = await answeredEnforcementItem(app);
    expect(c.opinions[0].checklist.map((m: any) => [m.point, m.result, m.note])).toEqual(
      POINTS.map((p, i) => [p, i === 4 ? 'nonConforming' : 'conforms', i === 4 ? '未告知听证权利' : '']),
    );
    const data = opinionDocumentData(app.ctx(), c.opinions[0].id);
    expect(data).toMatchObject({ round: 1, conclusionWord: '建议修改', signOff: { required: true, state: 'pending', stateZh: '待签发', on: null } });
    expect(data.checklist[4]).toEqual({ point: '执法程序是否合法', result: 'nonConforming', resultZh: '不符合', note: '未告知听证权利' });
  });

  it('a correction marks the checklist anew, stored with the corrected version (the replaced marks kept with the replaced version); without one the marks stay, even after the category\'s points changed', async () => {
    const app = testApp();
    const { b, c } = await answeredEnforcementItem(app);
    const opinionId = c.opinions[0].id;
    const marks = POINTS.map((point) => ({ point, result: 'conforms', note: point === POINTS[4] ? '已补充听证告知' : '' }));
    const corrected = await app.call('consultations.correctOpinion', {
      id: c.id, version: c.version, opinionId, conclusion: 'approve', conclusionWord: '同意', text: '同意。', issuedOn: '2025-06-05', reason: '听证告知已补充', checklist: marks,
    });
    expect(corrected.opinions[0].checklist[4]).toEqual({ point: POINTS[4], result: 'conforms', note: '已补充听证告知' });
    expect(corrected.opinions[0].previous).toHaveLength(1);
    const versions = () => app.ledger.sqlite.prepare('SELECT checklist FROM opinion_versions WHERE opinion_id = ? ORDER BY id').pluck().all(opinionId) as string[];
    expect(JSON.parse(versions()[0]!)[4]).toEqual({ point: POINTS[4], result: 'nonConforming', note: '未告知听证权利' });
    // a correction that changes only the checklist is a correction too
    const onlyMarks = await app.call('consultations.correctOpinion', {
      id: c.id, version: corrected.version, opinionId, conclusion: 'approve', text: '同意。', issuedOn: '2025-06-05', reason: '补充说明',
      checklist: marks.map((m, i) => (i === 5 ? { ...m, note: '裁量基准适用得当' } : m)),
    });
    expect(onlyMarks.opinions[0].checklist[5].note).toBe('裁量基准适用得当');
    expect(onlyMarks.opinions[0].conclusionWord).toBe('同意');
    // the audit record says what changed: the marks, before and after
    const audits = app.ledger.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'consultations.correctOpinion' ORDER BY id").pluck().all() as string[];
    const last = JSON.parse(audits.at(-1)!).opinionCorrection;
    expect([last.previous.checklist[5].note, last.corrected.checklist[5].note, last.corrected.conclusionWord]).toEqual(['', '裁量基准适用得当', '同意']);

    // the admin adds a point to the category: a correction of the text alone keeps the marks as given
    const procedure = await app.call('procedures.get', { categoryId: b.cat('enforcementReview') });
    app.as(LOCAL_ADMIN);
    await app.call('procedures.save', { ...procedure.settings, categoryId: procedure.categoryId, version: procedure.version, checklist: [...POINTS, '是否经集体讨论'] });
    app.as(REGISTRAR);
    const textOnly = await app.call('consultations.correctOpinion', { id: c.id, version: onlyMarks.version, opinionId, conclusion: 'approve', text: '同意，无其他意见。', issuedOn: '2025-06-05', reason: '措辞' });
    expect(textOnly.opinions[0].checklist.map((m: any) => m.point)).toEqual(POINTS);
    // marked anew, the checklist follows the category's points as they are now
    await expect(
      app.call('consultations.correctOpinion', { id: c.id, version: textOnly.version, opinionId, conclusion: 'approve', text: '同意，无其他意见。', issuedOn: '2025-06-05', reason: '要点', checklist: marks }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('是否经集体讨论') });
    expect(versions()).toHaveLength(3);
  });

  it('a point missing, unknown or twice, or a word of another category, is refused and nothing is saved', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    let c = await app.call('consultations.create', { title: '合同', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-02', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    const base = { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-03' };
    const points = (await app.call('procedures.get', { categoryId: b.cat('contract') })).settings.checklist as string[];
    const all = points.map((point) => ({ point, result: 'conforms' }));
    for (const checklist of [all.slice(1), [...all, { point: '不存在的要点', result: 'conforms' }], [...all, all[0]]]) {
      await expect(app.call('consultations.addOpinion', { ...base, checklist })).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(app.call('consultations.addOpinion', { ...base, conclusionWord: '不予出台' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(app.call('consultations.addOpinion', { ...base, conclusionWord: '不同意/存在法律风险' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await app.call('consultations.get', { id: c.id })).opinions).toEqual([]);
    const ok = await app.call('consultations.addOpinion', { ...base, checklist: all.map((m, i) => ({ ...m, result: i === 0 ? 'notApplicable' : 'conforms' })) });
    expect(ok.opinions[0]).toMatchObject({ signOffStatus: null, conclusionWord: null });
    expect(ok.opinions[0].checklist[0]).toEqual({ point: points[0], result: 'notApplicable', note: '' });
  });
});

describe('规范性文件的有效期', () => {
  it('number and validity once issued (at most five years), the reminder from six months before expiry, the 清理 list', async () => {
    const app = testApp();
    app.clock.set('2025-06-10T02:00:00Z');
    const b = await seedBasics(app);
    const item = async (title: string) => {
      let c = await app.call('consultations.create', { title, categoryId: b.cat('rules'), departmentId: b.dept.id, receivedOn: '2020-03-02', itemCount: 1 });
      c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2020-03-02' });
      return app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', conclusionWord: '同意出台', text: '同意', issuedOn: '2020-03-10' });
    };
    const a = await item('甲办法');
    const z = await item('乙规定');
    const far = await item('丙细则');
    // 2020-03-20 + 5 years = 2025-03-20
    await expect(app.call('consultations.setDocument', { id: a.id, version: a.version, docNumber: '某规〔2020〕1号', issuedOn: '2020-03-20', validUntil: '2025-03-21' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('2025-03-20') });
    await app.call('consultations.setDocument', { id: a.id, version: a.version, docNumber: '某规〔2020〕1号', issuedOn: '2020-03-20', validUntil: '2025-03-20' });
    // today 2025-06-10: due for review up to 2025-12-10 (six months ahead)
    await app.call('consultations.setDocument', { id: z.id, version: z.version, docNumber: '某规〔2020〕2号', issuedOn: '2020-12-10', validUntil: '2025-12-10' });
    await app.call('consultations.setDocument', { id: far.id, version: far.version, docNumber: '某规〔2020〕3号', issuedOn: '2020-12-11', validUntil: '2025-12-11' });
    // three recorded, one audit record each; the refused one none
    expect(app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'consultations.setDocument'").pluck().get()).toBe(3);
    const list = await app.call('procedures.expiring', {});
    expect(list.map((d: any) => [d.title, d.docNumber, d.validUntil, d.expired])).toEqual([
      ['甲办法', '某规〔2020〕1号', '2025-03-20', true],
      ['乙规定', '某规〔2020〕2号', '2025-12-10', false],
    ]);
    expect((await app.call('reminders.summary', {})).documentsDue).toBe(2);
    // a category that does not track validity refuses it
    let c = await app.call('consultations.create', { title: '合同', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-06-02', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-06-02' });
    c = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-03' });
    await expect(app.call('consultations.setDocument', { id: c.id, version: c.version, docNumber: 'x', issuedOn: '2025-06-04', validUntil: '2026-06-04' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
