/**
 * Working days for 办理时限: weekends are skipped, the admin's holiday list adds
 * days off and the weekend days worked in exchange (调休).
 */
import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import { addDays } from '#domain/dates';
import { OFFICIAL_HOLIDAYS } from '#domain/official-holidays';
import type { HolidayEntry, Reminders } from '#domain/types';
import type { WorkingCalendar } from '#domain/procedures';
import { OVERDUE_SQL } from '../../db/queries/consultations';
import { prepareCached } from '../../db/queries/statements';
import { AWAITING_OPINION, DUE_SOON_DAYS, sqlStatusList } from '#domain/status';
import { appendAudit } from './audit';
import { inWriteTransaction, type ServiceContext } from './context';
import { AppError } from './errors';
import { readSettings } from './settings';
import { today, visibleCounselId } from './consultations/read';
import { procedureReminders } from './procedures/figures';
import { categoryProcedure } from './procedures/settings';

function dayKinds(sqlite: Database.Database, from: string, to: string): Map<string, 'holiday' | 'workday'> {
  const rows = sqlite.prepare('SELECT day, kind FROM holidays WHERE day BETWEEN ? AND ?').all(from, to) as { day: string; kind: 'holiday' | 'workday' }[];
  return new Map(rows.map((r) => [r.day, r.kind]));
}

export function isWorkingDay(day: string, kinds: Map<string, 'holiday' | 'workday'>): boolean {
  const kind = kinds.get(day);
  if (kind) return kind === 'workday';
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The date `n` working days after `from` (the day of receipt itself does not count). */
export function addWorkingDays(sqlite: Database.Database, from: string, n: number): string {
  const kinds = dayKinds(sqlite, from, addDays(from, n * 3 + 60));
  let day = from;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, kinds)) left -= 1;
  }
  return day;
}

/**
 * The office's calendar as the procedures' clock uses it (electron/domain/procedures.ts):
 * the holiday list read once per range asked.
 */
export function workingCalendar(sqlite: Database.Database): WorkingCalendar {
  return {
    addWorkingDays: (from, n) => addWorkingDays(sqlite, from, n),
    workingDaysAfter(from, to) {
      if (to <= from) return 0;
      const kinds = dayKinds(sqlite, from, to);
      let n = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, kinds)) n += 1;
      return n;
    },
  };
}

/** The default 办理时限: the category's time limit (issue 20) when a category is given, else the office's. */
export function defaultDueOn(ctx: ServiceContext, input: ParsedInputOf<'calendar.dueOn'>): { dueOn: string } {
  const days = input.categoryId === undefined ? readSettings(ctx.ledger.db).defaultDueDays : categoryProcedure(ctx, input.categoryId).effectiveDays;
  return { dueOn: addWorkingDays(ctx.ledger.sqlite, input.receivedOn, days) };
}

export function listHolidays(ctx: ServiceContext, input: ParsedInputOf<'calendar.holidays'>): HolidayEntry[] {
  return ctx.ledger.sqlite
    .prepare('SELECT day, kind, name FROM holidays WHERE day BETWEEN ? AND ? ORDER BY day')
    .all(`${input.year}-01-01`, `${input.year}-12-31`) as HolidayEntry[];
}

/** Replace one year's list as a whole. */
export function setHolidays(ctx: ServiceContext, input: ParsedInputOf<'calendar.setHolidays'>): HolidayEntry[] {
  const outside = input.days.find((d) => !d.day.startsWith(`${input.year}-`));
  if (outside) throw new AppError('VALIDATION', `${outside.day} 不在 ${input.year} 年内`, [{ path: 'days', message: `${outside.day} 不在 ${input.year} 年内` }]);
  if (new Set(input.days.map((d) => d.day)).size !== input.days.length) {
    throw new AppError('VALIDATION', '同一天不能重复设置', [{ path: 'days', message: '同一天不能重复设置' }]);
  }
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = listHolidays(ctx, input);
    ctx.ledger.sqlite.prepare('DELETE FROM holidays WHERE day BETWEEN ? AND ?').run(`${input.year}-01-01`, `${input.year}-12-31`);
    const insert = ctx.ledger.sqlite.prepare('INSERT INTO holidays (day, kind, name) VALUES (@day, @kind, @name)');
    for (const d of input.days) insert.run(d);
    const after = listHolidays(ctx, input);
    appendAudit(ctx, { action: 'calendar.setHolidays', entity: 'holidays', entityId: input.year, before, after });
    return after;
  });
}

/**
 * A new database starts with the State Council's schedule of every year shipped
 * (official-holidays.ts). Only into an empty list: an admin's entries are never
 * replaced; later years are offered on 节假日 (导入国务院安排). Call inside the
 * write transaction of the first setup.
 */
export function seedOfficialHolidays(ctx: ServiceContext): number {
  const { sqlite } = ctx.ledger;
  if ((sqlite.prepare('SELECT count(*) FROM holidays').pluck().get() as number) > 0) return 0;
  const insert = sqlite.prepare('INSERT INTO holidays (day, kind, name) VALUES (@day, @kind, @name)');
  let n = 0;
  for (const s of OFFICIAL_HOLIDAYS) {
    for (const d of s.days) insert.run(d);
    n += s.days.length;
    appendAudit(ctx, { action: 'calendar.setHolidays', entity: 'holidays', entityId: s.year, after: { source: s.source, days: s.days } });
  }
  return n;
}

/** Counts for the home screen and the sidebar badge: overdue, and due within the next two days. */
export function reminders(ctx: ServiceContext): Reminders {
  const t = today(ctx);
  const only = visibleCounselId(ctx);
  const row = prepareCached(
    ctx.ledger.sqlite,
    `SELECT
       sum(CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END) AS overdue,
       sum(CASE WHEN c.due_on BETWEEN @today AND @soon THEN 1 ELSE 0 END) AS dueSoon
     FROM consultations c
     WHERE c.trashed_at IS NULL AND c.status IN ${sqlStatusList(AWAITING_OPINION)} AND c.due_on IS NOT NULL
       AND (@only IS NULL OR c.counsel_id = @only)`,
  ).get({ today: t, soon: addDays(t, DUE_SOON_DAYS), only: only ?? null }) as { overdue: number | null; dueSoon: number | null };
  return { overdue: row.overdue ?? 0, dueSoon: row.dueSoon ?? 0, ...procedureReminders(ctx) };
}
