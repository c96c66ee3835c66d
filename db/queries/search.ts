/**
 * The search index: two FTS5 tables kept in step with the consultations by the
 * services (inside the same write transaction). consultations_fts (trigram)
 * answers queries of 3+ characters; consultations_ngram holds the same text cut
 * into 1- and 2-character tokens, so short Chinese queries are indexed too.
 */
import type Database from 'better-sqlite3';
import { prepareCached } from './statements';

/** Bumped when what goes into the index changes; openDatabase rebuilds on a mismatch. */
export const SEARCH_INDEX_VERSION = 2;

interface IndexText {
  title: string;
  body: string;
  opinions: string;
  outcome: string;
  attachments: string;
}

/** A consultation's fields that go into its index rows. */
export interface IndexedFields {
  title: string;
  description: string;
  requester: string;
  note: string;
  department: string;
  serialNo: string;
  outcomeReason: string | null;
  /** opinion texts, by round */
  opinions: readonly string[];
  /** file name and extracted text of each live attachment, by id */
  attachments: readonly string[];
}

function indexText(f: IndexedFields): IndexText {
  return {
    title: f.title,
    body: [f.serialNo, f.requester, f.department, f.description, f.note].join('\n'),
    opinions: f.opinions.join('\n'),
    outcome: f.outcomeReason ?? '',
    attachments: f.attachments.join('\n'),
  };
}

function collect(sqlite: Database.Database, id: number): IndexText | undefined {
  const c = prepareCached(
    sqlite,
    // Trashed items are left out of the index: search never shows them, and ranking needs no join to skip them.
    `SELECT c.title, c.description, c.requester, c.note, d.name AS department,
            c.serial_prefix || '〔' || c.serial_year || '〕' || c.serial_seq || '号' AS serialNo, c.outcome_reason AS outcomeReason
     FROM consultations c JOIN departments d ON d.id = c.department_id WHERE c.id = ? AND c.trashed_at IS NULL`,
  ).get(id) as Omit<IndexedFields, 'opinions' | 'attachments'> | undefined;
  if (!c) return undefined;
  const opinions = prepareCached(sqlite, 'SELECT text FROM opinions WHERE consultation_id = ? ORDER BY round').pluck().all(id) as string[];
  const attachments = prepareCached(
    sqlite,
    `SELECT a.file_name || char(10) || coalesce(b.extracted_text, '') FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256
     WHERE a.consultation_id = ? AND a.trashed_at IS NULL ORDER BY a.id`,
  )
    .pluck()
    .all(id) as string[];
  return indexText({ ...c, opinions, attachments });
}

/** Every 1- and 2-character piece of each run of non-space text, lower-cased, space-separated. */
export function ngrams(text: string): string {
  const out: string[] = [];
  for (const run of text.toLowerCase().split(/[\s\p{P}\p{S}]+/u)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.push(chars[i]!);
      if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out.join(' ');
}

/** Bring one consultation's index rows up to date (none while it is in the trash). Call inside the write's transaction. */
export function reindexConsultation(sqlite: Database.Database, id: number): void {
  prepareCached(sqlite, 'DELETE FROM consultations_fts WHERE rowid = ?').run(id);
  prepareCached(sqlite, 'DELETE FROM consultations_ngram WHERE rowid = ?').run(id);
  const t = collect(sqlite, id);
  if (t) insertIndexRows(sqlite, id, t);
}

/**
 * Index a consultation inserted in this transaction, from the fields just
 * written (an import writes thousands: reading each back would cost more than
 * the insert): the same rows reindexConsultation would write. Ids are never
 * reused (AUTOINCREMENT), so the index has no rows to delete for it.
 */
export function indexNewConsultation(sqlite: Database.Database, id: number, fields: IndexedFields): void {
  insertIndexRows(sqlite, id, indexText(fields));
}

function insertIndexRows(sqlite: Database.Database, id: number, t: IndexText): void {
  prepareCached(sqlite, 'INSERT INTO consultations_fts (rowid, title, body, opinions, outcome, attachments) VALUES (?, ?, ?, ?, ?, ?)').run(
    id, t.title, t.body, t.opinions, t.outcome, t.attachments,
  );
  prepareCached(sqlite, 'INSERT INTO consultations_ngram (rowid, title, body, opinions, outcome, attachments) VALUES (?, ?, ?, ?, ?, ?)').run(
    id, ngrams(t.title), ngrams(t.body), ngrams(t.opinions), ngrams(t.outcome), ngrams(t.attachments),
  );
}

/** Rebuild the whole index (after a migration or a change of SEARCH_INDEX_VERSION). */
export function rebuildSearchIndex(sqlite: Database.Database): void {
  sqlite
    .transaction(() => {
      sqlite.exec('DELETE FROM consultations_fts; DELETE FROM consultations_ngram;');
      const ids = sqlite.prepare('SELECT id FROM consultations').pluck().all() as number[];
      // the index was just emptied: no per-item deletes
      for (const id of ids) {
        const t = collect(sqlite, id);
        if (t) insertIndexRows(sqlite, id, t);
      }
      sqlite
        .prepare("INSERT INTO settings (key, value) VALUES ('searchIndexVersion', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(SEARCH_INDEX_VERSION));
    })
    .immediate();
}

export function searchIndexIsCurrent(sqlite: Database.Database): boolean {
  const v = sqlite.prepare("SELECT value FROM settings WHERE key = 'searchIndexVersion'").pluck().get() as string | undefined;
  return v === String(SEARCH_INDEX_VERSION);
}

/** Length in characters (not UTF-16 units), which decides trigram or n-gram. */
export function charLength(s: string): number {
  return [...s].length;
}

/** An FTS5 query matching the text as one phrase, whatever characters it has. */
export function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Ids of consultations whose indexed text contains `text`, best first (bm25, the
 * title weighted highest). 3+ characters: trigram; 1–2: the n-gram table.
 */
export function matchIds(text: string): { sql: string; param: string } {
  const q = text.trim().toLowerCase();
  if (charLength(q) >= 3) return { sql: 'SELECT rowid FROM consultations_fts WHERE consultations_fts MATCH ?', param: phrase(q) };
  // a 1–2 character query is one n-gram token (split on punctuation like the index)
  const tokens = ngrams(q).split(' ').filter((t) => charLength(t) === charLength(q.replace(/[\s\p{P}\p{S}]+/gu, '')));
  const token = tokens[0] ?? q;
  return { sql: 'SELECT rowid FROM consultations_ngram WHERE consultations_ngram MATCH ?', param: phrase(token) };
}
