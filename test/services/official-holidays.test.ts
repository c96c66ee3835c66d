/**
 * The State Council's holiday schedule shipped as data (issue 25, item 11): a
 * new database gets 2025 and 2026 at first setup, so the default 办理时限 skips
 * the 国庆 week from the start; an admin's list is never overwritten, and the
 * per-year import adds only the days not already listed.
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '#contract/router';
import { mergeOfficial, OFFICIAL_HOLIDAYS, officialSchedule } from '#domain/official-holidays';
import { Session } from '../../electron/services/accounts/session';
import { fakeClock, tempLedger } from '../helpers/ledger';

function freshApp() {
  const ledger = tempLedger();
  const clock = fakeClock('2025-06-10T02:00:00.000Z');
  const session = new Session(clock.now, () => 15);
  const router = createRouter({ ledger, caller: () => session.caller(), session, now: clock.now, onInternalError: (e) => { throw e; } });
  const ok = async (method: string, input: unknown = {}): Promise<any> => {
    const r = await router.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  return { ledger, ok };
}

const ADMIN = { username: 'admin', displayName: '张管理', password: 'Guanli#2025' };

describe('the official holiday schedule', () => {
  it('is the notices’ days: 2025 (国办发明电〔2024〕12号) and 2026, with the make-up workdays', () => {
    const y2025 = officialSchedule(2025)!;
    expect(y2025.source).toContain('国办发明电〔2024〕12号');
    expect(y2025.days.filter((d) => d.kind === 'holiday')).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(y2025.days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    const y2026 = officialSchedule(2026)!;
    expect(y2026.source).toContain('2026年部分节假日安排');
    expect(y2026.days.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(y2026.days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // every make-up workday is a weekend day; every day lies in its year and is listed once
    for (const s of OFFICIAL_HOLIDAYS) {
      for (const d of s.days.filter((x) => x.kind === 'workday')) expect([0, 6], d.day).toContain(new Date(`${d.day}T00:00:00Z`).getUTCDay());
      expect(s.days.every((d) => d.day.startsWith(`${s.year}-`))).toBe(true);
      expect(new Set(s.days.map((d) => d.day)).size).toBe(s.days.length);
    }
  });

  it('is loaded into a new database at first setup, and the default due date skips the holidays', async () => {
    const app = freshApp();
    await app.ok('auth.setup', ADMIN);
    expect(await app.ok('calendar.holidays', { year: 2025 })).toEqual(officialSchedule(2025)!.days);
    expect(await app.ok('calendar.holidays', { year: 2026 })).toEqual(officialSchedule(2026)!.days);
    // received Fri 2025-09-26: 7 working days are 9-28 (make-up Sunday), 9-29, 9-30, 10-9, 10-10, 10-11 (make-up Saturday), 10-13
    expect(await app.ok('calendar.dueOn', { receivedOn: '2025-09-26' })).toEqual({ dueOn: '2025-10-13' });
    const audit = app.ledger.sqlite.prepare("SELECT entity_id FROM audit_log WHERE action = 'calendar.setHolidays'").pluck().all();
    expect(audit).toEqual(['2025', '2026']);
  });

  it('never overwrites a list that already has entries', async () => {
    const app = freshApp();
    app.ledger.sqlite.prepare("INSERT INTO holidays (day, kind, name) VALUES ('2025-10-01', 'holiday', '本单位自定')").run();
    await app.ok('auth.setup', ADMIN);
    expect(await app.ok('calendar.holidays', { year: 2025 })).toEqual([{ day: '2025-10-01', kind: 'holiday', name: '本单位自定' }]);
    expect(await app.ok('calendar.holidays', { year: 2026 })).toEqual([]);
  });

  it('the per-year import adds the official days and keeps the admin’s own', () => {
    const mine = [
      { day: '2025-10-01', kind: 'holiday' as const, name: '本单位自定' },
      { day: '2025-12-31', kind: 'holiday' as const, name: '单位安排' },
    ];
    const merged = mergeOfficial(mine, officialSchedule(2025)!);
    expect(merged.added).toBe(officialSchedule(2025)!.days.length - 1);
    expect(merged.days.find((d) => d.day === '2025-10-01')).toEqual(mine[0]);
    expect(merged.days.at(-1)).toEqual(mine[1]);
    expect(mergeOfficial(merged.days, officialSchedule(2025)!).added).toBe(0);
  });
});
