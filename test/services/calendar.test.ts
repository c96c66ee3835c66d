/**
 * Working-day due dates (办理时限) and the reminder counts, on a real SQLite file.
 *
 * Every expected date below was worked out by hand on a printed calendar. The
 * holiday lists are the State Council's real ones:
 *   2025 (国办发明电〔2024〕12号): 元旦 1月1日; 春节 1月28日–2月4日, 1月26日（周日）、2月8日（周六）上班;
 *        劳动节 5月1日–5日, 4月27日（周日）上班; 端午 5月31日–6月2日;
 *        国庆中秋 10月1日–8日, 9月28日（周日）、10月11日（周六）上班.
 *   2026 (国办发明电〔2025〕7号): 元旦 1月1日–3日, 1月4日（周日）上班.
 * Days of the week used: 2025-01-24 Fri, 2025-03-07 Fri, 2025-04-25 Fri, 2025-05-30 Fri,
 * 2025-09-26 Fri, 2025-09-28 Sun, 2025-09-30 Tue, 2025-10-01 Wed, 2025-10-11 Sat,
 * 2024-12-31 Tue, 2025-12-31 Wed, 2026-01-04 Sun.
 */
import { describe, expect, it } from 'vitest';
import type { ConsultationDetail, HolidayEntry, Reminders } from '#domain/types';
import { addWorkingDays } from '../../electron/services/calendar';
import type { Caller } from '../../electron/services/context';
import { register, seedBasics, testApp, type TestApp } from '../helpers/ledger';

type Day = { day: string; kind: 'holiday' | 'workday'; name?: string };

const span = (from: string, to: string, name: string): Day[] => {
  const out: Day[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push({ day: d.toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
};
const workday = (day: string, name: string): Day => ({ day, kind: 'workday', name });

const HOLIDAYS_2025: Day[] = [
  ...span('2025-01-01', '2025-01-01', '元旦'),
  workday('2025-01-26', '春节调休'),
  ...span('2025-01-28', '2025-02-04', '春节'),
  workday('2025-02-08', '春节调休'),
  ...span('2025-04-04', '2025-04-06', '清明节'),
  workday('2025-04-27', '劳动节调休'),
  ...span('2025-05-01', '2025-05-05', '劳动节'),
  ...span('2025-05-31', '2025-06-02', '端午节'),
  workday('2025-09-28', '国庆调休'),
  ...span('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  workday('2025-10-11', '国庆调休'),
];
const HOLIDAYS_2026: Day[] = [...span('2026-01-01', '2026-01-03', '元旦'), workday('2026-01-04', '元旦调休')];

const REGISTRAR: Caller = { username: 'li', displayName: '李经办', roles: ['registrar'] };
const COUNSEL: Caller = { username: 'wang', displayName: '王律师', roles: ['counsel'], counselId: 1 };

async function setHolidays(app: TestApp, year: number, days: Day[]) {
  return app.call<HolidayEntry[]>('calendar.setHolidays', { year, days });
}
const dueOn = async (app: TestApp, receivedOn: string) => (await app.call<{ dueOn: string }>('calendar.dueOn', { receivedOn })).dueOn;

describe('working days without a holiday list', () => {
  it('skips Saturdays and Sundays; the day of receipt does not count', async () => {
    const app = testApp();
    const add = (from: string, n: number) => addWorkingDays(app.ledger.sqlite, from, n);
    expect(add('2025-03-03', 1)).toBe('2025-03-04'); // Mon → Tue
    expect(add('2025-03-07', 1)).toBe('2025-03-10'); // Fri → Mon
    expect(add('2025-03-08', 1)).toBe('2025-03-10'); // Sat → Mon
    expect(add('2025-03-09', 1)).toBe('2025-03-10'); // Sun → Mon
    expect(add('2025-03-07', 5)).toBe('2025-03-14'); // Fri + one working week
    expect(add('2025-03-03', 10)).toBe('2025-03-17');
    // the default of 7 working days (settings), through the router
    expect(await dueOn(app, '2025-03-03')).toBe('2025-03-12');
    expect(await dueOn(app, '2025-03-07')).toBe('2025-03-18');
    // without a list, National Day is just a week of weekdays
    expect(await dueOn(app, '2025-09-26')).toBe('2025-10-07');
    expect(await dueOn(app, '2025-12-31')).toBe('2026-01-09');
  });
});

describe('the admin\'s holiday list', () => {
  it('is stored per year, listed in date order, and audited', async () => {
    const app = testApp();
    const saved = await setHolidays(app, 2025, [...HOLIDAYS_2025].reverse());
    expect(saved).toHaveLength(HOLIDAYS_2025.length);
    expect(saved.map((d) => d.day)).toEqual(HOLIDAYS_2025.map((d) => d.day)); // HOLIDAYS_2025 is written in date order
    const listed = await app.call<HolidayEntry[]>('calendar.holidays', { year: 2025 });
    expect(listed.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(listed.filter((d) => d.day.startsWith('2025-10')).map((d) => [d.day, d.kind])).toEqual([
      ['2025-10-01', 'holiday'], ['2025-10-02', 'holiday'], ['2025-10-03', 'holiday'], ['2025-10-04', 'holiday'],
      ['2025-10-05', 'holiday'], ['2025-10-06', 'holiday'], ['2025-10-07', 'holiday'], ['2025-10-08', 'holiday'],
      ['2025-10-11', 'workday'],
    ]);
    expect(listed.find((d) => d.day === '2025-10-11')?.name).toBe('国庆调休');
    expect(await app.call('calendar.holidays', { year: 2026 })).toEqual([]);
    expect(app.ledger.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'calendar.setHolidays' AND result = 'ok'").pluck().get()).toBe(1);
  });

  it('National Day 2025: holidays skipped, the Sunday and Saturday make-up days worked', async () => {
    const app = testApp();
    await setHolidays(app, 2025, HOLIDAYS_2025);
    const add = (from: string, n: number) => addWorkingDays(app.ledger.sqlite, from, n);
    // starting on a Friday: the next working day is the make-up Sunday 9-28
    expect(add('2025-09-26', 1)).toBe('2025-09-28');
    expect(add('2025-09-27', 1)).toBe('2025-09-28'); // a plain Saturday
    expect(add('2025-09-28', 1)).toBe('2025-09-29'); // received on the make-up day itself
    // straight into the holiday: 10-01..08 are skipped
    expect(add('2025-09-30', 1)).toBe('2025-10-09');
    expect(add('2025-09-30', 2)).toBe('2025-10-10');
    expect(add('2025-09-30', 3)).toBe('2025-10-11'); // the make-up Saturday
    expect(add('2025-09-30', 4)).toBe('2025-10-13'); // Sunday 10-12 is a rest day again
    // starting on a holiday
    expect(add('2025-10-01', 1)).toBe('2025-10-09');
    expect(add('2025-10-08', 1)).toBe('2025-10-09');
    // the default 7 days through the router: 9-28, 29, 30, 10-9, 10, 11, 13
    expect(await dueOn(app, '2025-09-26')).toBe('2025-10-13');
    // received on a holiday: 10-9, 10, 11, 13, 14, 15, 16
    expect(await dueOn(app, '2025-10-03')).toBe('2025-10-16');
    expect(await dueOn(app, '2025-09-30')).toBe('2025-10-16');
  });

  it('the other 2025 holidays: Spring Festival, Labour Day, Dragon Boat, New Year', async () => {
    const app = testApp();
    await setHolidays(app, 2025, HOLIDAYS_2025);
    const add = (from: string, n: number) => addWorkingDays(app.ledger.sqlite, from, n);
    // Fri 1-24: 1-26 (Sun, worked), 1-27, [1-28..2-4 off], 2-5, 2-6, 2-7, 2-8 (Sat, worked), 2-10
    expect(await dueOn(app, '2025-01-24')).toBe('2025-02-10');
    expect(add('2025-01-27', 1)).toBe('2025-02-05');
    expect(add('2025-02-07', 1)).toBe('2025-02-08');
    expect(add('2025-04-25', 1)).toBe('2025-04-27'); // Fri → the make-up Sunday
    expect(add('2025-04-30', 1)).toBe('2025-05-06'); // 5-1..5-5 off
    expect(add('2025-05-30', 1)).toBe('2025-06-03'); // Sat, Sun, and Mon 6-2 off
    expect(add('2025-04-03', 1)).toBe('2025-04-07'); // Qingming Fri 4-4 + the weekend
  });

  it('crosses the year boundary, reading the next year\'s list', async () => {
    const app = testApp();
    const add = (from: string, n: number) => addWorkingDays(app.ledger.sqlite, from, n);
    expect(add('2025-12-31', 1)).toBe('2026-01-01'); // no 2026 list yet
    expect(add('2024-12-31', 1)).toBe('2025-01-01');

    await setHolidays(app, 2025, HOLIDAYS_2025);
    // Tue 2024-12-31: 1-1 off; 1-2, 1-3, (weekend), 1-6
    expect(add('2024-12-31', 1)).toBe('2025-01-02');
    expect(add('2024-12-31', 3)).toBe('2025-01-06');
    expect(add('2025-12-31', 1)).toBe('2026-01-01'); // the 2025 list says nothing about 2026

    await setHolidays(app, 2026, HOLIDAYS_2026);
    // Wed 2025-12-31: 1-1..1-3 off, Sunday 1-4 worked
    expect(add('2025-12-31', 1)).toBe('2026-01-04');
    expect(add('2025-12-31', 2)).toBe('2026-01-05');
    // 1-4, 5, 6, 7, 8, 9, 12
    expect(await dueOn(app, '2025-12-31')).toBe('2026-01-12');
    // Fri 2025-12-26: 12-29, 30, 31, 1-4, 5, 6, 7
    expect(await dueOn(app, '2025-12-26')).toBe('2026-01-07');
  });

  it('a year\'s list is replaced as a whole and leaves other years alone', async () => {
    const app = testApp();
    await setHolidays(app, 2025, HOLIDAYS_2025);
    await setHolidays(app, 2026, HOLIDAYS_2026);
    expect(await dueOn(app, '2025-09-26')).toBe('2025-10-13');
    // only National Day this time: Spring Festival 2025 is gone
    await setHolidays(app, 2025, HOLIDAYS_2025.filter((d) => d.day >= '2025-09-01'));
    expect(await dueOn(app, '2025-01-24')).toBe('2025-02-04'); // 1-27, 28, 29, 30, 31, 2-3, 2-4
    expect(await dueOn(app, '2025-09-26')).toBe('2025-10-13');
    // an empty list clears 2025; 2026 still has its New Year
    expect(await setHolidays(app, 2025, [])).toEqual([]);
    expect(await dueOn(app, '2025-09-26')).toBe('2025-10-07');
    expect(await app.call<HolidayEntry[]>('calendar.holidays', { year: 2026 })).toHaveLength(4);
    expect(await dueOn(app, '2025-12-31')).toBe('2026-01-12');
  });

  it('a workday entry on a weekday and a holiday on a weekend change nothing', async () => {
    const app = testApp();
    await setHolidays(app, 2025, [workday('2025-03-05', '平日'), { day: '2025-03-08', kind: 'holiday', name: '周六' }]);
    expect(addWorkingDays(app.ledger.sqlite, '2025-03-04', 1)).toBe('2025-03-05');
    expect(addWorkingDays(app.ledger.sqlite, '2025-03-07', 1)).toBe('2025-03-10');
    expect(await dueOn(app, '2025-03-03')).toBe('2025-03-12');
  });

  it('refuses a day outside the year, a day given twice, and anyone but the administrator; nothing changes', async () => {
    const app = testApp();
    await setHolidays(app, 2025, HOLIDAYS_2025);
    const before = await app.call('calendar.holidays', { year: 2025 });
    const refused = async (input: unknown) => {
      const r = await app.router.call('calendar.setHolidays', input);
      return r.ok ? null : r.error;
    };
    expect(await refused({ year: 2025, days: [...HOLIDAYS_2025, ...HOLIDAYS_2026] })).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'days' }] });
    expect(await refused({ year: 2025, days: [...HOLIDAYS_2025, workday('2025-10-01', '重复')] })).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'days' }] });
    expect(await refused({ year: 2025, days: [{ day: '2025-02-29', kind: 'holiday' }] })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ year: 2025, days: [{ day: '2025-10-01', kind: 'vacation' }] })).toMatchObject({ code: 'VALIDATION' });
    for (const caller of [REGISTRAR, COUNSEL]) {
      app.as(caller);
      expect(await refused({ year: 2025, days: [] })).toMatchObject({ code: 'FORBIDDEN' });
      // everyone may read the list and ask for a due date
      expect(await app.call('calendar.holidays', { year: 2025 })).toEqual(before);
      expect(await dueOn(app, '2025-09-26')).toBe('2025-10-13');
    }
    expect(await app.call('calendar.holidays', { year: 2025 })).toEqual(before);
  });

  it('the setting of working days and assigning without a due date use the list (a category without its own time limit)', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    await setHolidays(app, 2025, HOLIDAYS_2025);
    await app.call('settings.update', { defaultDueDays: 1 });
    expect(await dueOn(app, '2025-09-26')).toBe('2025-09-28');
    await app.call('settings.update', { defaultDueDays: 3 });
    expect(await dueOn(app, '2025-09-30')).toBe('2025-10-11');
    app.clock.set('2025-10-20T02:00:00.000Z');
    const assign = async (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const c: ConsultationDetail = await register(app, { categoryId: b.cat('other'), departmentId: b.dept.id, ...fields });
      return app.call<ConsultationDetail>('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, ...extra });
    };
    expect((await assign({ receivedOn: '2025-09-30' })).dueOn).toBe('2025-10-11'); // 10-9, 10, 11
    expect((await assign({ receivedOn: '2025-09-26' })).dueOn).toBe('2025-09-30'); // 9-28, 29, 30
    expect((await assign({ receivedOn: '2025-09-30', dueOn: '2025-10-20' })).dueOn).toBe('2025-10-20'); // its own date is kept
    expect((await assign({ receivedOn: '2025-09-30' }, { dueOn: null })).dueOn).toBeNull(); // explicitly none
  });
});

describe('reminders (home screen and sidebar badge)', () => {
  it('counts overdue and due within two days by the Asia/Shanghai day of the fake clock', async () => {
    const app = testApp(); // the clock starts at 2025-06-10T02:00Z: 10:00 on 2025-06-10 in Beijing
    const b = await seedBasics(app);
    const item = (dueOn: string | null, receivedOn = '2025-05-26') =>
      register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn, dueOn }) as Promise<ConsultationDetail>;
    // assigned with the item's own due date (or none: an assign without one would set the default)
    const assign = (c: ConsultationDetail) =>
      app.call<ConsultationDetail>('consultations.assign', { id: c.id, version: c.version, counselId: b.counsel.id, dueOn: c.dueOn, assignedOn: c.receivedOn });
    const d1 = await assign(await item('2025-06-09'));
    await item('2025-06-10'); // registered, not assigned: counted too
    await assign(await item('2025-06-11'));
    await assign(await item('2025-06-12'));
    await assign(await item('2025-06-13'));
    await assign(await item(null));
    // not open any more, or not in the ledger: never counted
    const toAnswer = await assign(await item('2025-06-01'));
    const answered = await app.call<ConsultationDetail>('consultations.addOpinion', { id: toAnswer.id, version: toAnswer.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-05' });
    expect([answered.status, answered.dueOn, answered.overdue]).toEqual(['answered', '2025-06-01', false]);
    const withdrawn = await item('2025-06-01');
    await app.call('consultations.withdraw', { id: withdrawn.id, version: withdrawn.version, reason: '处室撤回' });
    const trashed = await item('2025-06-01');
    await app.call('consultations.trash', { id: trashed.id, version: trashed.version });

    // the overdue and due-soon counts (the procedure's counts of issue 20 are tested in test/procedures)
    const summary = async () => {
      const { overdue, dueSoon } = await app.call<Reminders>('reminders.summary');
      return { overdue, dueSoon };
    };
    const overdueListed = async () => (await app.call('consultations.list', { overdue: true })).total as number;

    expect(await summary()).toEqual({ overdue: 1, dueSoon: 3 }); // 6-9; 6-10, 6-11, 6-12
    expect(await overdueListed()).toBe(1);
    app.clock.set('2025-06-10T15:59:59.000Z'); // 23:59:59 in Beijing: still the 10th
    expect(await summary()).toEqual({ overdue: 1, dueSoon: 3 });
    app.clock.set('2025-06-10T16:00:00.000Z'); // midnight in Beijing: the 11th (still the 10th in UTC)
    expect(await summary()).toEqual({ overdue: 2, dueSoon: 3 }); // 6-9, 6-10; 6-11, 6-12, 6-13
    expect(await overdueListed()).toBe(2);
    app.clock.set('2025-06-13T03:00:00.000Z');
    expect(await summary()).toEqual({ overdue: 4, dueSoon: 1 }); // 6-9..6-12; 6-13
    app.clock.set('2025-06-20T03:00:00.000Z');
    expect(await summary()).toEqual({ overdue: 5, dueSoon: 0 });
    expect(await overdueListed()).toBe(5);
    // an opinion takes an item off the list
    await app.call('consultations.addOpinion', { id: d1.id, version: d1.version, conclusion: 'approve', text: '同意', issuedOn: '2025-06-20' });
    expect(await summary()).toEqual({ overdue: 4, dueSoon: 0 });
    // going back in time: nothing is due yet
    app.clock.set('2025-06-01T03:00:00.000Z');
    expect(await summary()).toEqual({ overdue: 0, dueSoon: 0 });
    app.clock.set('2025-06-08T03:00:00.000Z');
    expect(await summary()).toEqual({ overdue: 0, dueSoon: 1 }); // 6-8..6-10: the registered 6-10 one (6-9 was answered)
  });
});
