/**
 * What every export does to a value before it leaves the app: text that a
 * spreadsheet would run as a formula is neutralised, characters XML cannot
 * carry are dropped, and widths are measured the way Chinese text needs.
 */

/** Characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralise text that starts like a formula by prefixing an apostrophe: the
 * cell then shows the text as typed (with a visible ' in CSV), and nothing runs
 * when the file is opened or re-saved as CSV.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Control characters other than tab/LF/CR, unpaired surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Excel keeps at most 32,767 characters in a cell. */
export const EXCEL_CELL_MAX = 32_767;

/** Text for a spreadsheet cell: XML-safe, neutralised, within Excel's limit. */
export function cellText(text: string): string {
  const safe = neutralise(xmlSafe(text));
  return safe.length > EXCEL_CELL_MAX ? safe.slice(0, EXCEL_CELL_MAX) : safe;
}

/** East Asian wide and fullwidth characters take two columns in a spreadsheet, the rest one. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return width;
}

/** The widest line of a text, for a column width. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split(/\r?\n/).map(displayWidth));
}

/** A calendar day ('YYYY-MM-DD', Asia/Shanghai) as the Date a spreadsheet shows as that day (UTC midnight). */
export function dayAsDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant shown as Asia/Shanghai wall-clock time in a spreadsheet (which has no time zones). */
export function instantAsLocalDate(iso: string): Date {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
}

/** An instant as 'YYYY-MM-DD HH:mm:ss' Asia/Shanghai, for CSV and documents. */
export function instantAsLocalText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
