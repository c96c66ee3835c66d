/**
 * Rows that look like the same consultation twice: the same title, day of
 * receipt and division, within the file or already in the ledger. Only a
 * warning: two identical requests on one day do happen.
 */
import type Database from 'better-sqlite3';
import { formatSerialNo } from '#domain/ledger-view';
import type { PlannedRow } from './rows';
import { matchKey } from './text';

interface Existing {
  title: string;
  prefix: string;
  year: number;
  seq: number;
  department: string;
}

export function findDuplicates(sqlite: Database.Database, rows: readonly PlannedRow[]): { row: number; message: string }[] {
  const out: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  // One query per day of receipt rather than per row (a file has far fewer days than rows), in the
  // order of the (trashed_at, received_on, id) index; per title at most the first 20, as a per-row LIMIT 20 would give.
  const existing = sqlite.prepare(
    `SELECT c.title, c.serial_prefix AS prefix, c.serial_year AS year, c.serial_seq AS seq, d.name AS department
     FROM consultations c JOIN departments d ON d.id = c.department_id
     WHERE c.received_on = ? AND c.trashed_at IS NULL ORDER BY c.id`,
  );
  const byDay = new Map<string, Map<string, Existing[]>>();
  const onDay = (day: string): Map<string, Existing[]> => {
    let titles = byDay.get(day);
    if (!titles) {
      titles = new Map();
      for (const e of existing.all(day) as Existing[]) {
        const list = titles.get(e.title);
        if (!list) titles.set(e.title, [e]);
        else if (list.length < 20) list.push(e);
      }
      byDay.set(day, titles);
    }
    return titles;
  };
  for (const r of rows) {
    if (!r.title || !r.receivedOn) continue;
    const key = `${matchKey(r.title)}\u0000${r.receivedOn}\u0000${r.departmentKey}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({ row: r.row, message: `与第 ${first} 行的事项名称、收件日期和提请处室都相同，可能重复登记` });
      continue;
    }
    seen.set(key, r.row);
    const same = onDay(r.receivedOn).get(r.title)?.find((e) => matchKey(e.department) === r.departmentKey);
    if (same) {
      out.push({ row: r.row, message: `台账中已有相同的事项 ${formatSerialNo(same.prefix, same.year, same.seq)}（事项名称、收件日期和提请处室都相同），可能已经登记过` });
    }
  }
  return out;
}
