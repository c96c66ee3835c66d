/**
 * One search box over everything a person would look for: title, description,
 * requester, division, serial, opinion text, outcome reasons, attachment names and
 * the text of .docx/.txt attachments. Ranked with bm25 (title weighted highest),
 * highlighted, and limited to what the caller may see.
 */
import { charLength, matchIds } from '../../../db/queries/search';
import { formatSerialNo } from '#domain/ledger-view';
import { prepareCached } from '../../../db/queries/statements';
import type { ParsedInputOf } from '#contract/contract';
import { SEARCH_FIELDS, type SearchField, type SearchHit, type TextPart } from '#domain/types';
import type { ServiceContext } from '../context';
import { visibleCounselId } from '../consultations/read';

/** bm25 weights of the columns title, body, opinions, outcome, attachments: a title match counts most. */
const WEIGHTS = '10.0, 3.0, 2.0, 1.0, 1.0';

/** Split `text` into plain and matching parts (case-insensitive). */
export function highlight(text: string, query: string): TextPart[] {
  const q = query.toLowerCase();
  if (!q) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const parts: TextPart[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, i + q.length)) {
    if (i > at) parts.push({ text: text.slice(at, i), hit: false });
    parts.push({ text: text.slice(i, i + q.length), hit: true });
    at = i + q.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** A window of text around the first match, on one line. */
function snippet(text: string, query: string, radius = 30): string {
  const flat = text.replace(/\s+/g, ' ');
  const i = flat.toLowerCase().indexOf(query.toLowerCase());
  if (i < 0) return flat.slice(0, radius * 2);
  const start = Math.max(0, i - radius);
  const end = Math.min(flat.length, i + query.length + radius);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

interface Row extends Record<Exclude<SearchField, 'serialNo'>, string> {
  id: number;
  serialPrefix: string;
  serialYear: number;
  serialSeq: number;
  status: SearchHit['status'];
  receivedOn: string;
  /** the index's body column (serial, requester, division, description, note): the snippet of a title match */
  body: string;
}

export function searchConsultations(ctx: ServiceContext, input: ParsedInputOf<'search.query'>): SearchHit[] {
  const query = input.text.trim();
  if (!query) return [];
  const m = matchIds(query);
  const table = charLength(query) >= 3 ? 'consultations_fts' : 'consultations_ngram';
  const only = visibleCounselId(ctx);
  const sqlite = ctx.ledger.sqlite;
  // The index holds no trashed items, so everyone but a counsel ranks straight from it;
  // a counsel's own items are picked with a join first.
  const ranked = (
    only === undefined
      ? prepareCached(sqlite, `SELECT rowid FROM ${table} WHERE ${table} MATCH @q ORDER BY bm25(${table}, ${WEIGHTS}) LIMIT @limit`).all({ q: m.param, limit: input.limit })
      : prepareCached(
          sqlite,
          `SELECT t.rowid FROM ${table} t JOIN consultations c ON c.id = t.rowid
           WHERE ${table} MATCH @q AND c.counsel_id = @only ORDER BY bm25(${table}, ${WEIGHTS}) LIMIT @limit`,
        ).all({ q: m.param, only, limit: input.limit })
  ) as { rowid: number }[];
  const detail = prepareCached(
    sqlite,
    `SELECT c.id, c.serial_prefix AS serialPrefix, c.serial_year AS serialYear, c.serial_seq AS serialSeq, c.status,
            c.received_on AS receivedOn, c.requester, d.name AS department, c.description, c.note,
            f.title, f.body, f.opinions, f.outcome, f.attachments
     FROM consultations c JOIN departments d ON d.id = c.department_id JOIN consultations_fts f ON f.rowid = c.id WHERE c.id = ?`,
  );
  const rows = ranked.map((r) => detail.get(r.rowid) as Row | undefined).filter((r): r is Row => r !== undefined);
  const q = query.toLowerCase();
  return rows.map((r) => {
    const serialNo = formatSerialNo(r.serialPrefix, r.serialYear, r.serialSeq);
    const text = (f: SearchField): string => (f === 'serialNo' ? serialNo : r[f]);
    // the field that really holds the query; the n-gram index also matches across a field's punctuation, then the description stands for the body
    const field = SEARCH_FIELDS.find((f) => text(f).toLowerCase().includes(q)) ?? 'description';
    const context = field === 'title' ? r.body : text(field);
    return {
      id: r.id,
      serialNo,
      status: r.status,
      receivedOn: r.receivedOn,
      field,
      title: highlight(r.title, query),
      snippet: highlight(snippet(context, query), query),
    };
  });
}
