/**
 * The CSV export of the detail ledger: UTF-8 with a byte-order mark (so Excel
 * and WPS read the Chinese correctly), RFC 4180 quoting, CRLF line ends, and
 * the same formula neutralisation as the XLSX.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import type { LedgerDetailRow } from '../../../../db/queries/tally';
import { instantAsLocalText, neutralise, xmlSafe } from './cells';
import { closeStream } from './atomic';
import { LEDGER_COLUMNS } from './ledger-columns';

const BOM = '\uFEFF';

/** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(xmlSafe(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export async function writeCsv(file: string, rows: readonly LedgerDetailRow[], onRow?: (done: number) => void): Promise<void> {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  const write = async (chunk: string): Promise<void> => {
    // once() rejects if the stream fails while we wait, so a full disk cannot hang the export.
    if (!out.write(chunk, 'utf8')) await once(out, 'drain');
  };
  try {
    await write(BOM + csvLine(LEDGER_COLUMNS.map((c) => c.header)));
    let done = 0;
    for (const row of rows) {
      await write(
        csvLine(
          LEDGER_COLUMNS.map((c) => {
            const v = c.value(row);
            return c.kind === 'instant' && typeof v === 'string' ? instantAsLocalText(v) : v;
          }),
        ),
      );
      done += 1;
      if (done % 1_000 === 0) onRow?.(done);
    }
  } finally {
    await closeStream(out);
  }
}
