/**
 * Where the header is and what each column holds. Old ledgers put a merged
 * title row (and blank rows, a unit line, a date line) above the header, so the
 * header is the row among the first HEADER_SCAN_ROWS that names the most known
 * fields. Each column is then proposed a field from its header text; when two
 * columns claim the same field, the stronger header wins (收件日期 over 日期).
 */
import { IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS, type ImportField } from '#domain/import-fields';
import type { ImportSheetInfo } from '#contract/import-contract';
import { CONCLUSION_WORDS, headerMeaning, IGNORED, OUTCOME_WORDS } from './fields';
import { columnLetter, matchKey } from './text';
import type { GridRow, SheetGrid } from './grid';
import { HEADER_SCAN_ROWS } from './limits';
import { cellText, isBlank } from './values';

export interface HeaderGuess {
  /** index into sheet.rows */
  index: number;
  score: number;
}

/** How much a row looks like a ledger's header: known fields (required ones count triple) and known ignored columns. */
export function headerScore(row: GridRow): number {
  const seen = new Set<string>();
  let score = 0;
  for (const cell of row.cells) {
    if (typeof cell !== 'string') continue;
    const hit = headerMeaning(cell);
    if (!hit || seen.has(hit.meaning)) continue;
    seen.add(hit.meaning);
    score += hit.meaning !== IGNORED && REQUIRED_IMPORT_FIELDS.includes(hit.meaning) ? 3 : 1;
  }
  // one known word (a title like “法律顾问咨询台账” names 法律顾问) is not a header
  return seen.size >= 2 ? score : 0;
}

export function findHeader(sheet: SheetGrid): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  const scan = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < scan; i++) {
    const score = headerScore(sheet.rows[i]!);
    if (score > 0 && (!best || score > best.score)) best = { index: i, score };
  }
  return best;
}

export function sheetInfos(sheets: readonly SheetGrid[]): ImportSheetInfo[] {
  return sheets.map((s) => ({ name: s.name, hidden: s.hidden, rows: s.rows.length, score: findHeader(s)?.score ?? 0 }));
}

/** The sheet that looks most like a ledger (visible sheets first, then the first one). */
export function pickSheet(sheets: readonly SheetGrid[]): SheetGrid | undefined {
  let best: SheetGrid | undefined;
  let bestScore = -1;
  for (const s of sheets) {
    const score = (findHeader(s)?.score ?? 0) + (s.hidden ? -1000 : 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

export interface ProposedColumn {
  index: number;
  header: string;
  proposed: ImportField | null;
}

/** How many columns the header and the first data rows use. */
function columnCount(sheet: SheetGrid, headerIndex: number): number {
  let n = 0;
  const last = Math.min(sheet.rows.length, headerIndex + 201);
  for (let i = headerIndex; i < last; i++) {
    const cells = sheet.rows[i]!.cells;
    for (let c = cells.length - 1; c >= n; c--) {
      if (!isBlank(cells[c] ?? null)) {
        n = c + 1;
        break;
      }
    }
  }
  return n;
}

/** A 编号 column whose values are mostly bare numbers is a row number (序号), not the ledger's serial. */
function looksLikeRowNumbers(sheet: SheetGrid, headerIndex: number, column: number): boolean {
  let numbers = 0;
  let seen = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length && seen < 20; i++) {
    const cell = sheet.rows[i]!.cells[column] ?? null;
    if (isBlank(cell)) continue;
    seen++;
    if (/^\s*[0-9０-９]+\s*$/.test(cellText(cell))) numbers++;
  }
  return seen > 0 && numbers / seen >= 0.8;
}

/** Free-text fields whose header may hide a column of 意见结论 or 采纳情况 words (审查意见: 同意, 修改后同意 …). */
const WORDY_FIELDS: readonly ImportField[] = ['opinionText', 'description', 'note'];

/**
 * The coded field a column's values all belong to: every non-blank value is a
 * word of 意见结论 (or of 采纳情况), and at least one is not “none” (无, 待定).
 */
function valueVocabulary(sheet: SheetGrid, headerIndex: number, column: number): 'conclusion' | 'outcome' | null {
  const values: string[] = [];
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const cell = sheet.rows[i]!.cells[column] ?? null;
    if (!isBlank(cell)) values.push(matchKey(cellText(cell)));
  }
  for (const [field, words] of [['conclusion', CONCLUSION_WORDS], ['outcome', OUTCOME_WORDS]] as const) {
    const all = values.length > 0 && values.every((v) => words.has(v));
    if (all && values.some((v) => words.get(v) !== null)) return field;
  }
  return null;
}

export interface Proposal {
  columns: ProposedColumn[];
  notices: string[];
}

export function proposeMapping(sheet: SheetGrid, headerIndex: number): Proposal {
  const header = sheet.rows[headerIndex]!;
  const notices: string[] = [];
  const width = columnCount(sheet, headerIndex);
  const columns: ProposedColumn[] = [];
  const claims = new Map<ImportField, { column: number; rank: number }>();
  const wordy: { column: number; header: string; field: 'conclusion' | 'outcome'; was: ImportField; rank: number }[] = [];
  for (let c = 0; c < width; c++) {
    const text = cellText(header.cells[c] ?? null);
    columns.push({ index: c, header: text, proposed: null });
    const hit = text ? headerMeaning(text) : null;
    if (hit?.meaning === IGNORED) continue;
    if (!hit) continue;
    const field = hit.meaning;
    if (WORDY_FIELDS.includes(field)) {
      const coded = valueVocabulary(sheet, headerIndex, c);
      if (coded) {
        wordy.push({ column: c, header: text, field: coded, was: field, rank: hit.rank });
        continue;
      }
    }
    if (field === 'serialNo' && looksLikeRowNumbers(sheet, headerIndex, c)) {
      notices.push(`“${text}”列的内容是纯数字，像是序号而不是编号（如 法咨〔2025〕7号），未导入该列；导入后将自动编号`);
      continue;
    }
    const prior = claims.get(field);
    if (!prior || hit.rank < prior.rank) claims.set(field, { column: c, rank: hit.rank });
  }
  // a column of coded words goes to its field when no header names that field; else the dry run says what it holds
  for (const w of wordy) {
    const label = IMPORT_FIELD_LABELS[w.field];
    if (!claims.has(w.field)) {
      claims.set(w.field, { column: w.column, rank: 1000 });
      notices.push(`“${w.header}”列的内容都是${label}用语（如 ${w.field === 'conclusion' ? '同意、修改后同意、不同意' : '采纳、部分采纳、未采纳'}），按“${label}”导入`);
      continue;
    }
    const other = `${columnLetter(claims.get(w.field)!.column)} 列`;
    const prior = claims.get(w.was);
    const kept = !prior || w.rank < prior.rank;
    if (kept) claims.set(w.was, { column: w.column, rank: w.rank });
    notices.push(
      `注意：“${w.header}”列的内容都是${label}用语，但“${label}”已对应 ${other}；` +
        (kept ? `该列按“${IMPORT_FIELD_LABELS[w.was]}”导入` : '该列未导入') +
        `，如应作为“${label}”，请在列对应中改选`,
    );
  }
  for (const [field, { column }] of claims) columns[column]!.proposed = field;
  return { columns, notices };
}
