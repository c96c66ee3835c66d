/**
 * CSV (RFC 4180) as Excel and WPS write it: UTF-8 with or without a BOM (or
 * UTF-16 with a BOM, Excel's "Unicode text"), comma, tab or semicolon
 * separated, quoted fields with "" for a quote and line breaks inside quotes,
 * CRLF/LF/CR line ends. GBK/ANSI files are not guessed at: they are refused
 * with the way to save them as UTF-8.
 */
import { fileError, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './limits';
import type { GridRow } from './grid';

const NOT_UTF8 =
  '文件不是 UTF-8 编码（可能是 GBK/ANSI 编码）：请将文件另存为 UTF-8 编码的 CSV（Excel：另存为“CSV UTF-8（逗号分隔）”；WPS：另存为 CSV 时选择 UTF-8 编码），或直接导入 .xlsx 文件';

/** Bytes → text: BOM stripped, UTF-8 checked strictly. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw fileError(NOT_UTF8);
  }
}

/** The separator that occurs most often outside quotes in the first line: comma, tab or semicolon. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Parse into rows of strings. Row numbers are record numbers (what Excel shows
 * when it opens the file), so a line break inside quotes does not shift them.
 * Blank records are dropped here; the caller never sees them.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): GridRow[] {
  const rows: GridRow[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let recordNo = 1;
  let quoteStartRecord = 0;
  let nonEmpty = 0;

  const endField = (): void => {
    if (record.length < MAX_IMPORT_COLUMNS) record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    if (record.some((v) => v.trim() !== '')) {
      nonEmpty++;
      // the header and a few title rows come on top of the data rows
      if (nonEmpty > MAX_IMPORT_ROWS + 100) {
        throw fileError(`文件行数过多：一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请按年度拆分后分批导入`);
      }
      rows.push({ number: recordNo, cells: record });
    }
    record = [];
    recordNo++;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteStartRecord = recordNo;
    } else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      // a quote inside an unquoted field is kept as it is (lenient, like Excel)
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw fileError(`CSV 格式有误：第 ${quoteStartRecord} 行开始的引号没有闭合，请检查该行后重新保存`);
  if (fieldStarted || record.length > 0) endRecord();
  return rows;
}
