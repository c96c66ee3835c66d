/**
 * Serial numbers of imported items. A number in the file is kept as it is
 * (prefix, year, number); it must not be used twice in the file nor by an
 * existing item. Rows without one are numbered after everything the year has
 * used so far (the counter, the existing items and the kept numbers), in order
 * of arrival. The counter of each year is then raised, never lowered.
 */
import type Database from 'better-sqlite3';
import { formatSerialNo } from '#domain/ledger-view';
import type { PlannedRow } from './rows';
import type { SerialParts } from './values';

export interface AssignedSerial extends SerialParts {
  kept: boolean;
}

type Report = (row: number, message: string) => void;

/** Same number twice in the file, or a number an existing item already has. */
export function checkSerials(sqlite: Database.Database, rows: readonly PlannedRow[], report: Report): void {
  const firstRow = new Map<string, number>();
  const existing = sqlite.prepare(
    `SELECT serial_prefix AS prefix, serial_seq AS seq, title, trashed_at AS trashedAt FROM consultations
     WHERE serial_year = ? AND serial_seq = ?`,
  );
  for (const r of rows) {
    if (!r.serial) continue;
    const key = `${r.serial.year}-${r.serial.seq}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      report(r.row, `编号 ${formatSerialNo(r.serial.prefix, r.serial.year, r.serial.seq)} 与第 ${first} 行重复（同一年度的序号不能重复）`);
      continue;
    }
    firstRow.set(key, r.row);
    const clash = existing.get(r.serial.year, r.serial.seq) as { prefix: string; seq: number; title: string; trashedAt: string | null } | undefined;
    if (clash) {
      const where = clash.trashedAt ? '（在回收站中）' : '';
      report(
        r.row,
        `编号 ${formatSerialNo(r.serial.prefix, r.serial.year, r.serial.seq)} 已被现有事项“${clash.title}”${where}使用（${formatSerialNo(clash.prefix, r.serial.year, clash.seq)}）；如是同一事项，说明已经登记过，请从文件中删除该行；否则请清空编号以自动编号`,
      );
    }
  }
}

/** Row number → the serial it keeps or gets. Rows without a receivedOn get none (they have errors anyway). */
export function assignSerials(sqlite: Database.Database, rows: readonly PlannedRow[], defaultPrefix: string): Map<number, AssignedSerial> {
  const out = new Map<number, AssignedSerial>();
  const highest = new Map<number, number>();
  const waiting = new Map<number, PlannedRow[]>();
  for (const r of rows) {
    if (r.serial) {
      out.set(r.row, { ...r.serial, prefix: r.serial.prefix || defaultPrefix, kept: true });
      highest.set(r.serial.year, Math.max(highest.get(r.serial.year) ?? 0, r.serial.seq));
    } else if (r.receivedOn) {
      const year = Number(r.receivedOn.slice(0, 4));
      const list = waiting.get(year) ?? [];
      list.push(r);
      waiting.set(year, list);
    }
  }
  const used = sqlite.prepare(
    `SELECT max(coalesce((SELECT last_seq FROM serial_counters WHERE year = @year), 0),
                coalesce((SELECT max(serial_seq) FROM consultations WHERE serial_year = @year), 0)) AS seq`,
  );
  for (const [year, list] of waiting) {
    let seq = Math.max((used.get({ year }) as { seq: number }).seq, highest.get(year) ?? 0);
    // in order of arrival, as if they had been registered then
    const ordered = [...list].sort((a, b) => (a.receivedOn! < b.receivedOn! ? -1 : a.receivedOn! > b.receivedOn! ? 1 : a.row - b.row));
    for (const r of ordered) out.set(r.row, { prefix: defaultPrefix, year, seq: ++seq, kept: false });
  }
  return out;
}

/** Raise each year's counter to at least the highest number now in use. */
export function raiseCounters(sqlite: Database.Database, serials: Iterable<AssignedSerial>): void {
  const top = new Map<number, number>();
  for (const s of serials) top.set(s.year, Math.max(top.get(s.year) ?? 0, s.seq));
  const raise = sqlite.prepare(
    `INSERT INTO serial_counters (year, last_seq) VALUES (?, ?)
     ON CONFLICT(year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  );
  for (const [year, seq] of top) raise.run(year, seq);
}
