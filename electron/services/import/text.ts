/**
 * Text as people type it into a spreadsheet: full-width digits and letters
 * (０-９, Ａ-Ｚ), the ideographic space U+3000, no-break and zero-width spaces,
 * stray spaces at either end or in the middle of a name.
 */

import { matchKey, ODD_SPACES, toHalfWidth, ZERO_WIDTH } from '#domain/text';

export { matchKey, toHalfWidth };

/** One line of text: odd spaces made plain, runs of whitespace (line breaks too) made one space, trimmed. */
export function cleanLine(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ').replace(/\s+/g, ' ').trim();
}

/** Text that may have several lines: line ends made \n, odd spaces made plain, each line end-trimmed, the whole trimmed. */
export function cleanBlock(s: string): string {
  return s
    .replace(ZERO_WIDTH, '')
    .replace(ODD_SPACES, ' ')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}

/** A header cell's key: as matchKey, without required-marks (*), a trailing colon, or a hint in brackets. */
export function headerKey(s: string): string {
  return matchKey(s)
    .replace(/[*※★]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[:：]+$/, '');
}

/** A → 0 … Z → 25, AA → 26: the column letter Excel shows for a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
