/**
 * The State Council's holiday and make-up workday schedule (国务院办公厅关于
 * 某年部分节假日安排的通知), as data: loaded into a new database at first setup
 * and offered per year on 节假日 (导入国务院安排), where the admin can edit it.
 * Every day of each holiday period is listed (weekend days too, as the notice
 * counts them); the weekend days worked instead are 'workday'.
 *
 * Checked against the notices' text as published (Xinhua reprints): 2025 by its
 * number 国办发明电〔2024〕12号 of 2024-11-12; 2026 of 2025-11-04, whose
 * document number could not be checked from a stored source and is left out.
 * Add a year here when its notice is published.
 */
import { addDays } from './dates';
import type { HolidayEntry } from './types';

export interface OfficialSchedule {
  year: number;
  /** the notice the days come from */
  source: string;
  days: HolidayEntry[];
}

type Period = [name: string, from: string, to: string, workdays: string[]];

function schedule(year: number, source: string, periods: Period[]): OfficialSchedule {
  const days: HolidayEntry[] = [];
  for (const [name, from, to, workdays] of periods) {
    for (let day = from; day <= to; day = addDays(day, 1)) days.push({ day, kind: 'holiday', name });
    for (const day of workdays) days.push({ day, kind: 'workday', name: `${name}调休上班` });
  }
  days.sort((a, b) => a.day.localeCompare(b.day));
  return { year, source, days };
}

export const OFFICIAL_HOLIDAYS: readonly OfficialSchedule[] = [
  schedule(2025, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）', [
    ['元旦', '2025-01-01', '2025-01-01', []],
    ['春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
    ['清明节', '2025-04-04', '2025-04-06', []],
    ['劳动节', '2025-05-01', '2025-05-05', ['2025-04-27']],
    ['端午节', '2025-05-31', '2025-06-02', []],
    ['国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
  ]),
  schedule(2026, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日；文号未能核实）', [
    ['元旦', '2026-01-01', '2026-01-03', ['2026-01-04']],
    ['春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
    ['清明节', '2026-04-04', '2026-04-06', []],
    ['劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']],
    ['端午节', '2026-06-19', '2026-06-21', []],
    ['中秋节', '2026-09-25', '2026-09-27', []],
    ['国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
  ]),
];

export function officialSchedule(year: number): OfficialSchedule | undefined {
  return OFFICIAL_HOLIDAYS.find((s) => s.year === year);
}

/**
 * A year's list with the official days added, the admin's own entries kept as
 * they are (a day already listed is never overwritten).
 */
export function mergeOfficial(current: readonly HolidayEntry[], official: OfficialSchedule): { days: HolidayEntry[]; added: number } {
  const have = new Set(current.map((d) => d.day));
  const extra = official.days.filter((d) => !have.has(d.day));
  return { days: [...current, ...extra].sort((a, b) => a.day.localeCompare(b.day)), added: extra.length };
}
