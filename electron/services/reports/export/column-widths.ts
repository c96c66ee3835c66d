/**
 * Column widths of a document table from its content (issue 21): a date, a
 * number or a short name never breaks, a long title gets the room that is
 * left. Widths are in half-ems of the table's font: a Chinese character is 2,
 * a digit or Latin letter 1.3 (Times New Roman's digits are 1, but a PC
 * without it prints them in a wider font, e.g. DejaVu Serif's 1.27).
 */
import { displayWidth } from './cells';

const NARROW = 1.3;

/** Half-ems a line of text takes when printed. */
export function printedWidth(text: string): number {
  const units = displayWidth(text);
  const wide = Math.max(0, units - text.length);
  return 2 * wide + NARROW * (units - 2 * wide);
}

/** Text up to this many half-ems (9 Chinese characters) is kept on one line. */
const UNBREAKABLE_TEXT = 18;
/** A long text column may wrap, but not below 4 Chinese characters a line. */
const MIN_TEXT = 8;

export interface MeasuredColumn {
  /** the header and every cell's text */
  texts: readonly string[];
  /** text wraps; other kinds (dates, numbers, rates) must never break */
  wraps: boolean;
}

const widest = (texts: readonly string[]): number => Math.max(1, ...texts.flatMap((t) => t.split('\n')).map(printedWidth));

/**
 * Widths in display units, summing to `total` (the page's text width less the
 * cells' padding, in the same units). A column first gets what it must have
 * (its longest date or number; short text whole), then the rest is shared in
 * proportion to what each column would need to show every cell on one line.
 */
export function columnWidths(columns: readonly MeasuredColumn[], total: number): number[] {
  const preferred = columns.map((c) => widest(c.texts));
  const minimum = columns.map((c, i) => {
    if (!c.wraps) return preferred[i]!;
    // the header may wrap at its characters, short values may not; long ones wrap anyway
    const values = c.texts.slice(1).map((t) => widest([t])).map((w) => (w <= UNBREAKABLE_TEXT ? w : MIN_TEXT));
    return Math.max(Math.min(MIN_TEXT, preferred[i]!), ...values);
  });
  const base = minimum.reduce((s, w) => s + w, 0);
  const extra = Math.max(0, total - base);
  const want = preferred.map((p, i) => Math.max(0, p - minimum[i]!));
  const wanted = want.reduce((s, w) => s + w, 0);
  if (wanted > extra) return minimum.map((m, i) => m + (extra * want[i]!) / wanted);
  // everything fits on one line: what is left goes to the text columns, the widest most
  const left = extra - wanted;
  const textWeight = columns.reduce((s, c, i) => s + (c.wraps ? preferred[i]! : 0), 0);
  return preferred.map((p, i) => {
    if (textWeight === 0) return p + left / columns.length;
    return p + (columns[i]!.wraps ? (left * p) / textWeight : 0);
  });
}
