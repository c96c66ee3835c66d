/**
 * The physical limit: hand-written better-sqlite3 SQL for the same work the
 * product does, on the same database, in the same run. No validation, no
 * envelopes, no mapping: just the queries, returning the same columns the
 * product returns (so the serial number and the overdue flag are computed here too).
 */
import type Database from 'better-sqlite3';

export function rawLedgerPage(sqlite: Database.Database) {
  const rows = sqlite.prepare(`SELECT c.id, c.serial_prefix || '〔' || c.serial_year || '〕' || c.serial_seq || '号' serial_no, c.serial_year, c.serial_seq,
      c.title, c.category_id, cat.name_zh, cat.name_en, c.department_id, d.name, c.requester, c.received_on, c.due_on,
      c.item_count, c.counsel_id, co.name, c.status, c.outcome,
      (c.status IN ('registered', 'assigned') AND c.due_on IS NOT NULL AND c.due_on < @today) overdue, c.trashed_at, c.version
    FROM consultations c JOIN categories cat ON cat.id = c.category_id JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id
    WHERE c.trashed_at IS NULL AND c.received_on BETWEEN @from AND @to
    ORDER BY c.received_on DESC, c.id DESC LIMIT 20`);
  const count = sqlite.prepare('SELECT count(*) FROM consultations c WHERE c.trashed_at IS NULL AND c.received_on BETWEEN ? AND ?').pluck();
  return (year: number, today: string) => ({
    rows: rows.all({ from: `${year}-01-01`, to: `${year}-12-31`, today }),
    total: count.get(`${year}-01-01`, `${year}-12-31`),
  });
}

export function rawFilteredPage(sqlite: Database.Database) {
  const where = 'c.trashed_at IS NULL AND c.received_on BETWEEN @from AND @to AND c.category_id = @cat AND c.status = @status';
  const rows = sqlite.prepare(`SELECT c.id, c.serial_prefix || '〔' || c.serial_year || '〕' || c.serial_seq || '号' serial_no, c.serial_year, c.serial_seq,
      c.title, c.category_id, cat.name_zh, cat.name_en, c.department_id, d.name, c.requester, c.received_on, c.due_on,
      c.item_count, c.counsel_id, co.name, c.status, c.outcome,
      (c.status IN ('registered', 'assigned') AND c.due_on IS NOT NULL AND c.due_on < @today) overdue, c.trashed_at, c.version
    FROM consultations c JOIN categories cat ON cat.id = c.category_id JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id WHERE ${where} ORDER BY c.received_on DESC, c.id DESC LIMIT 20`);
  const count = sqlite.prepare(`SELECT count(*) FROM consultations c WHERE ${where}`).pluck();
  return (p: { from: string; to: string; cat: number; status: string; today: string }) => {
    const { today: _t, ...q } = p;
    return { rows: rows.all(p), total: count.get(q) };
  };
}

/** Every breakdown of the annual tally, each as its own GROUP BY over the year's items. */
export function rawTally(sqlite: Database.Database) {
  const base = `FROM consultations c WHERE c.trashed_at IS NULL AND c.received_on BETWEEN @from AND @to`;
  const counted = `${base} AND c.status <> 'withdrawn'`;
  const q = {
    total: sqlite.prepare(`SELECT count(*) n, sum(c.item_count) items ${counted}`),
    withdrawn: sqlite.prepare(`SELECT count(*) n, sum(c.item_count) items ${base} AND c.status = 'withdrawn'`),
    category: sqlite.prepare(`SELECT c.category_id k, count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    month: sqlite.prepare(`SELECT substr(c.received_on, 1, 7) k, count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    department: sqlite.prepare(`SELECT c.department_id k, count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    counsel: sqlite.prepare(`SELECT c.counsel_id k, count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    outcome: sqlite.prepare(`SELECT c.outcome k, count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    conclusion: sqlite.prepare(`SELECT (SELECT o.conclusion FROM opinions o WHERE o.consultation_id = c.id ORDER BY o.round DESC LIMIT 1) k,
      count(*) n, sum(c.item_count) items ${counted} GROUP BY 1`),
    opinions: sqlite.prepare(`SELECT count(*) FROM opinions o JOIN consultations c ON c.id = o.consultation_id
      WHERE c.trashed_at IS NULL AND c.received_on BETWEEN @from AND @to AND c.status <> 'withdrawn'`).pluck(),
    turnaround: sqlite.prepare(`SELECT julianday(f) - julianday(c.received_on) days, f <= c.due_on onTime FROM
      (SELECT c.*, (SELECT min(o.issued_on) FROM opinions o WHERE o.consultation_id = c.id) f ${counted}) c WHERE f IS NOT NULL`),
    open: sqlite.prepare(`SELECT c.id, c.title, c.status ${counted} AND c.status IN ('registered','assigned','answered')`),
  };
  return (year: number) => {
    const p = { from: `${year}-01-01`, to: `${year}-12-31` };
    const out: Record<string, unknown> = {};
    for (const [name, stmt] of Object.entries(q)) out[name] = name === 'total' || name === 'withdrawn' ? stmt.get(p) : stmt.all(p);
    const days = (out.turnaround as { days: number }[]).map((r) => r.days).sort((a, b) => a - b);
    out.median = days.length ? days[Math.floor(days.length / 2)] : null;
    return out;
  };
}

/**
 * The index holds no trashed items (SEARCH_INDEX_VERSION 2), so, as the product
 * does, rank straight from the index, then read the 20 hits' text for the snippets.
 */
export function rawSearch(sqlite: Database.Database) {
  const rank = (table: string) =>
    sqlite.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}, 10.0, 3.0, 2.0, 1.0, 1.0) LIMIT 20`).pluck();
  const tri = rank('consultations_fts');
  const ngram = rank('consultations_ngram');
  const detail = sqlite.prepare(`SELECT c.id, c.serial_prefix, c.serial_year, c.serial_seq, c.status, c.received_on, f.title, f.body, f.opinions, f.outcome, f.attachments
    FROM consultations c JOIN consultations_fts f ON f.rowid = c.id WHERE c.id = ?`);
  return (text: string) => (([...text].length >= 3 ? tri : ngram).all(`"${text}"`) as number[]).map((id) => detail.get(id));
}
