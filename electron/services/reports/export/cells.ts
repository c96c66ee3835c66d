/**
 * What every export does to a value before it leaves the app: text that a
 * spreadsheet would run as a formula is neutralised, characters XML cannot
 * carry are dropped, and widths are measured the way Chinese text needs.
 */

/**
 * Characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP "CSV injection"),
 * with their full-width forms ＝＋－＠ (a Chinese input method types those, and WPS converts them).
 * The one neutraliser for every spreadsheet cell the app writes: values, headers, category names.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

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
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6],
];

const isWide = (unit: number): boolean => {
  for (const [from, to] of WIDE_RANGES) {
    if (unit < from) return false;
    if (unit <= to) return true;
  }
  return false;
};

/** Per UTF-16 unit, no regex, no allocation: the XLSX export measures every text cell. A character beyond the BMP (a surrogate pair) is wide. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        width += 2;
        i += 1;
        continue;
      }
    }
    width += unit < 0x1100 ? 1 : isWide(unit) ? 2 : 1;
  }
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
