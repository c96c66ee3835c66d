/**
 * The working-day clock of issue 20 on a real SQLite file: per-category time limits,
 * 退回补正 (several), 延期, and the two ways a clock starts. Every expected date below was
 * counted by hand on the 2025 calendar written in HOLIDAYS_2025 (the State Council's
 * 劳动节 and 国庆/中秋 schedules).
 */
import { describe, expect, it } from 'vitest';
import { runClock } from '#domain/procedures';
import { workingCalendar } from '../../electron/services/calendar';
import { seedBasics, testApp, type TestApp } from '../helpers/ledger';
import { HOLIDAYS_2025 } from './calendar-2025';


async function setup(): Promise<{ app: TestApp; b: Awaited<ReturnType<typeof seedBasics>> }> {
  const app = testApp();
  app.clock.set('2025-11-20T02:00:00Z');
  const b = await seedBasics(app);
  await app.call('calendar.setHolidays', { year: 2025, days: HOLIDAYS_2025 });
  return { app, b };
}

describe('the working-day clock', () => {
  it('a contract (5 working days from receipt): two returns pause it, an extension moves it', async () => {
    const { app, b } = await setup();
    // received Thu 4/24: 4/25 (1), Sun 4/27 worked (2), 4/28 (3), 4/29 (4), 4/30 (5)
    expect(await app.call('calendar.dueOn', { receivedOn: '2025-04-24', categoryId: b.cat('contract') })).toEqual({ dueOn: '2025-04-30' });
    let c = await app.call('consultations.create', { title: '采购合同审查', categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-04-24', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-04-25' });
    expect(c.dueOn).toBe('2025-04-30');

    // return 1: Mon 4/28 → back Tue 5/6; paused 4/29, 4/30, (5/1–5/5 off), 5/6 = 3 working days;
    // due 4/30 + 3 working days = 5/6, 5/7, 5/8
    c = await app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-04-28', missing: '缺少供应商营业执照' });
    expect(c.overdue).toBe(false);
    const paused = await app.call('reminders.summary', {});
    expect(paused.awaitingMaterial).toBe(1);
    // the clock is stopped: no opinion, no extension until the material is back
    await expect(app.call('consultations.addOpinion', { id: c.id, version: c.version, conclusion: 'approve', text: '同意', issuedOn: '2025-04-29' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(app.call('consultations.extend', { id: c.id, version: c.version, newDueOn: '2025-06-30', reason: '复杂' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-04-29', missing: '又缺' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(app.call('consultations.resume', { id: c.id, version: c.version, resumedOn: '2025-04-27' })).rejects.toMatchObject({ code: 'VALIDATION' });
    c = await app.call('consultations.resume', { id: c.id, version: c.version, resumedOn: '2025-05-06' });
    expect(c.dueOn).toBe('2025-05-08');

    // return 2: Wed 5/7 → back Mon 5/12; paused 5/8, 5/9, 5/12 = 3; due 5/8 + 3 = 5/9, 5/12, 5/13
    c = await app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-05-07', missing: '缺少报价单原件' });
    c = await app.call('consultations.resume', { id: c.id, version: c.version, resumedOn: '2025-05-12' });
    expect(c.dueOn).toBe('2025-05-13');

    // 延期 to 5/20 with a reason; an "extension" to an earlier day is refused
    await expect(app.call('consultations.extend', { id: c.id, version: c.version, grantedOn: '2025-05-13', newDueOn: '2025-05-12', reason: '复杂' })).rejects.toMatchObject({ code: 'VALIDATION' });
    c = await app.call('consultations.extend', { id: c.id, version: c.version, grantedOn: '2025-05-13', newDueOn: '2025-05-20', reason: '需征求财务处意见' });
    expect(c.dueOn).toBe('2025-05-20');

    const item = await app.call('procedures.item', { id: c.id });
    expect(item.returns.map((r: any) => [r.returnedOn, r.resumedOn, r.pausedDays, r.dueBefore, r.dueAfter, r.missing])).toEqual([
      ['2025-04-28', '2025-05-06', 3, '2025-04-30', '2025-05-08', '缺少供应商营业执照'],
      ['2025-05-07', '2025-05-12', 3, '2025-05-08', '2025-05-13', '缺少报价单原件'],
    ]);
    expect(item.extensions.map((e: any) => [e.grantedOn, e.previousDueOn, e.newDueOn, e.reason])).toEqual([['2025-05-13', '2025-05-13', '2025-05-20', '需征求财务处意见']]);
    expect(item.pausedSince).toBeNull();
    expect(c.history.map((h: any) => h.toStatus)).toEqual(['registered', 'assigned', 'returned', 'resumed', 'returned', 'resumed', 'extended']);
    // each step one audit record, the refused ones none
    expect(app.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'consultation' AND entity_id = ? ORDER BY id").pluck().all(String(c.id))).toEqual([
      'consultations.create', 'consultations.assign', 'consultations.returnForMaterial', 'consultations.resume', 'consultations.returnForMaterial', 'consultations.resume', 'consultations.extend',
    ]);

    // the pure clock over the same events gives the same day
    const cal = workingCalendar(app.ledger.sqlite);
    expect(
      runClock(cal, { clockStart: 'receipt', timeLimitDays: 5, receivedOn: '2025-04-24' }, [
        { kind: 'extension', grantedOn: '2025-05-13', newDueOn: '2025-05-20' },
        { kind: 'return', returnedOn: '2025-04-28', resumedOn: '2025-05-06' },
        { kind: 'return', returnedOn: '2025-05-07', resumedOn: '2025-05-12' },
      ]),
    ).toEqual({ dueOn: '2025-05-20', pausedDays: 6, paused: false });
  });

  it('a 规范性文件 (15 working days from a complete file): the clock starts again when the material is back', async () => {
    const { app, b } = await setup();
    // received Fri 9/26: Sun 9/28 worked (1), 9/29 (2), 9/30 (3), 10/1–10/8 off, 10/9 (4), 10/10 (5), Sat 10/11 worked (6),
    // 10/13–10/17 (7–11), 10/20–10/23 (12–15)
    let c = await app.call('consultations.create', { title: '某管理办法', categoryId: b.cat('rules'), departmentId: b.dept.id, receivedOn: '2025-09-26', itemCount: 1 });
    c = await app.call('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, assignedOn: '2025-09-26' });
    expect(c.dueOn).toBe('2025-10-23');
    c = await app.call('consultations.returnForMaterial', { id: c.id, version: c.version, returnedOn: '2025-09-29', missing: '缺少起草说明' });
    // back Thu 10/9: 15 working days from then: 10/10 (1), 10/11 (2), 10/13–10/17 (3–7), 10/20–10/24 (8–12), 10/27–10/29 (13–15)
    c = await app.call('consultations.resume', { id: c.id, version: c.version, resumedOn: '2025-10-09' });
    expect(c.dueOn).toBe('2025-10-29');
    // paused: 9/30 and 10/9 (10/1–10/8 are off)
    expect((await app.call('procedures.item', { id: c.id })).returns[0].pausedDays).toBe(2);
  });

  it('the admin changes a category\'s time limit and the due date follows; a wrong setting is refused', async () => {
    const { app, b } = await setup();
    const before = await app.call('procedures.get', { categoryId: b.cat('contract') });
    expect(before).toMatchObject({ custom: false, version: 0, effectiveDays: 5, settings: { timeLimitDays: 5, clockStart: 'receipt' } });
    expect(before.defaults.source).toMatch(/合同/);
    const saved = await app.call('procedures.save', { ...before.settings, categoryId: before.categoryId, version: 0, timeLimitDays: 3 });
    expect(saved).toMatchObject({ custom: true, version: 1, effectiveDays: 3 });
    // 4/24 + 3: 4/25, 4/27 (worked), 4/28
    expect(await app.call('calendar.dueOn', { receivedOn: '2025-04-24', categoryId: b.cat('contract') })).toEqual({ dueOn: '2025-04-28' });
    // a stale version, a duplicate point, a zero limit
    await expect(app.call('procedures.save', { ...saved.settings, categoryId: saved.categoryId, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(app.call('procedures.save', { ...saved.settings, categoryId: saved.categoryId, version: 1, checklist: ['甲', '甲'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(app.call('procedures.save', { ...saved.settings, categoryId: saved.categoryId, version: 1, timeLimitDays: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    const reset = await app.call('procedures.reset', { categoryId: saved.categoryId, version: 1 });
    expect(reset).toMatchObject({ custom: false, effectiveDays: 5 });
    // the categories without a default follow the office's defaultDueDays (7)
    expect(await app.call('procedures.get', { categoryId: b.cat('other') })).toMatchObject({ effectiveDays: 7, settings: { timeLimitDays: null } });
  });
});
