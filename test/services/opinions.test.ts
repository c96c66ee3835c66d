/**
 * Issue 18, item 3: an opinion belongs to the counsel who gave it, whoever typed it in
 * (代录); it can be corrected (text, conclusion, date; reason required, the previous
 * version kept, audited) without becoming a new round. The rule for 份 (one per round,
 * corrections never add one; db/queries/tally.ts OPINION_COUNT) is checked both ways.
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import type { ConsultationDetail } from '#domain/types';
import { register, seedBasics, testApp } from '../helpers/ledger';

async function setup() {
  const app = testApp();
  app.clock.set('2026-06-30T02:00:00.000Z');
  const b = await seedBasics(app);
  // 张丽 is a registrar; 王律师 (the roster's counsel) has an account of her own
  const zhang = await app.call('users.create', { username: 'zhangli', displayName: '张丽', roles: ['registrar'], password: 'Start#2026x' });
  const wang = await app.call('users.create', { username: 'wanglawyer', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id, password: 'Start#2026x' });
  let c: ConsultationDetail = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2026-03-02' });
  c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2026-03-03' });
  const asZhang = () => app.as({ username: 'zhangli', displayName: '张丽', roles: ['registrar'], userId: zhang.id });
  const asWang = () => app.as({ username: 'wanglawyer', displayName: '王律师', roles: ['counsel'], counselId: b.counsel.id, userId: wang.id });
  return { app, b, c, asZhang, asWang };
}

const documents = async (app: Awaited<ReturnType<typeof setup>>['app']) =>
  (await app.call<Tally>('reports.tally', { from: '2026-01-01', to: '2026-06-30' })).opinions.documents;

describe('opinions belong to counsel', () => {
  it('typed in by a registrar: the counsel gave it, 张丽 typed it (代录); typed by the counsel: her own', async () => {
    const { app, c, asZhang, asWang } = await setup();
    asZhang();
    let d: ConsultationDetail = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意。', issuedOn: '2026-03-10' });
    expect(d.opinions[0]).toMatchObject({ counselName: '王律师', createdByName: '张丽', enteredByCounsel: false });
    asWang();
    d = await app.call('consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'advisory', text: '补充意见。', issuedOn: '2026-03-12' });
    expect(d.opinions[1]).toMatchObject({ round: 2, counselName: '王律师', createdByName: '王律师', enteredByCounsel: true });
  });

  it('a counsel cannot enter an opinion in another counsel’s name', async () => {
    const { app, c, asWang } = await setup();
    const other = await app.call('counsels.create', { name: '李律师', firm: '某所' });
    asWang();
    const r = await app.router.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2026-03-10', counselId: other.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '法律顾问只能录入本人出具的意见' } });
  });
});

describe('correcting an opinion', () => {
  it('changes it in place: one 份, the previous version kept and shown, the history and audit say why', async () => {
    const { app, c, asZhang } = await setup();
    asZhang();
    let d: ConsultationDetail = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'object', text: '存在法律风险，建意修改。', issuedOn: '2026-03-10' });
    expect(await documents(app)).toBe(1);
    app.clock.set('2026-06-30T03:00:00.000Z');
    d = await app.call('consultations.correctOpinion', {
      id: d.id, version: d.version, opinionId: d.opinions[0]!.id, conclusion: 'approveWithChanges', text: '存在法律风险，建议修改后签订。', issuedOn: '2026-03-11', reason: '错字及结论录错',
    });
    expect(d.opinions).toHaveLength(1);
    expect(d.opinions[0]).toMatchObject({ round: 1, conclusion: 'approveWithChanges', text: '存在法律风险，建议修改后签订。', issuedOn: '2026-03-11', correctedByName: '张丽', correctedAt: '2026-06-30T03:00:00.000Z' });
    expect(d.opinions[0]!.previous).toEqual([
      {
        conclusion: 'object', text: '存在法律风险，建意修改。', issuedOn: '2026-03-10', enteredAt: '2026-06-30T02:00:00.000Z', enteredByName: '张丽',
        replacedAt: '2026-06-30T03:00:00.000Z', replacedByName: '张丽', reason: '错字及结论录错',
      },
    ]);
    // the step that made the item 已出具意见 now carries the corrected date
    expect(d.history.find((h) => h.toStatus === 'answered')?.businessOn).toBe('2026-03-11');
    expect(d.history.at(-1)).toMatchObject({ toStatus: 'opinionCorrected', reason: '错字及结论录错', detail: { opinionId: d.opinions[0]!.id, round: 1 } });
    expect(await documents(app)).toBe(1); // a correction is not a new 份
    const t = await app.call<Tally>('reports.tally', { from: '2026-01-01', to: '2026-06-30' });
    expect(t.byConclusion.find((x) => x.conclusion === 'approveWithChanges')?.count).toBe(1);
    const audit = JSON.parse(app.ledger.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'consultations.correctOpinion'").pluck().get() as string);
    expect(audit.opinionCorrection).toEqual({
      opinionId: d.opinions[0]!.id, round: 1,
      previous: { conclusion: 'object', text: '存在法律风险，建意修改。', issuedOn: '2026-03-10' },
      corrected: { conclusion: 'approveWithChanges', text: '存在法律风险，建议修改后签订。', issuedOn: '2026-03-11' },
    });
    // a second correction keeps both earlier versions, oldest first
    d = await app.call('consultations.correctOpinion', { id: d.id, version: d.version, opinionId: d.opinions[0]!.id, conclusion: 'approveWithChanges', text: '修改后同意。', issuedOn: '2026-03-11', reason: '精简' });
    expect(d.opinions[0]!.previous.map((v) => v.text)).toEqual(['存在法律风险，建意修改。', '存在法律风险，建议修改后签订。']);
    // while 补充意见 is a new round and one more 份
    d = await app.call('consultations.addOpinion', { id: d.id, version: d.version, conclusion: 'approve', text: '补充意见。', issuedOn: '2026-04-01' });
    expect(await documents(app)).toBe(2);
  });

  it('needs a reason and a real change, keeps dates in order, and refuses another counsel; refused writes nothing', async () => {
    const { app, b, c, asZhang, asWang } = await setup();
    const li = await app.call('counsels.create', { name: '李律师', firm: '某所' });
    asZhang();
    let d: ConsultationDetail = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意。', issuedOn: '2026-03-10' });
    d = await app.call('consultations.recordOutcome', { id: d.id, version: d.version, outcome: 'adopted', outcomeOn: '2026-03-15' });
    const o = d.opinions[0]!;
    const base = { id: d.id, version: d.version, opinionId: o.id, conclusion: o.conclusion, text: '同意，无异议。', issuedOn: o.issuedOn };
    const refusal = async (input: object) => {
      const r = await app.router.call('consultations.correctOpinion', input);
      return r.ok ? null : r.error;
    };
    expect((await refusal({ ...base, reason: '' }))?.code).toBe('VALIDATION');
    expect((await refusal({ ...base, text: o.text, reason: '无' }))?.message).toBe('意见内容、结论和出具日期均未改动，无需更正');
    expect((await refusal({ ...base, issuedOn: '2026-03-16', reason: '改日期' }))?.message).toBe('出具日期（2026-03-16）不能晚于采纳登记日期（2026-03-15）');
    expect((await refusal({ ...base, issuedOn: '2026-03-02', reason: '改日期' }))?.message).toBe('出具日期（2026-03-02）不能早于分派日期（2026-03-03）');
    // 李律师's account may not correct 王律师's opinion
    app.as({ username: 'li', displayName: '李律师', roles: ['counsel'], counselId: li.id });
    expect((await refusal({ ...base, reason: '越权' }))?.code).toBe('NOT_FOUND'); // not even visible to her
    asWang();
    const own = await app.call<ConsultationDetail>('consultations.correctOpinion', { ...base, reason: '措辞' });
    expect(own.opinions[0]!.previous).toHaveLength(1);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM opinion_versions').pluck().get()).toBe(1);
    expect(b.counsel.id).toBe(own.opinions[0]!.counselId);
  });

  it('the database keeps the earlier versions append-only', async () => {
    const { app, c } = await setup();
    const d: ConsultationDetail = await app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2026-03-10' });
    await app.call('consultations.correctOpinion', { id: d.id, version: d.version, opinionId: d.opinions[0]!.id, conclusion: 'approve', text: '同意。', issuedOn: '2026-03-10', reason: '标点' });
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM opinion_versions').pluck().get()).toBe(1);
    expect(() => app.ledger.sqlite.prepare("UPDATE opinion_versions SET text = 'x'").run()).toThrow(/append-only/);
  });
});
