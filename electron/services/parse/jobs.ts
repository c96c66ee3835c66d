/**
 * What the parse worker (worker.ts) does with a file from outside, in the
 * worker's own thread: the ledger import's reader, the attachment text
 * extractor and the check of an uploaded document template. Both results are plain data that survive structured cloning,
 * except the import's CellError, which travels as { cellError: code }.
 */
import { extractText } from '../attachments/text';
import { templateTags } from '../documents/template-check';
import { CellError, type ImportSource, type RawCell } from '../import/grid';
import { readImportBytes } from '../import/source';

export type ParseJob =
  | { kind: 'import'; fileName: string; bytes: Uint8Array }
  | { kind: 'text'; fileName: string; bytes: Uint8Array }
  | { kind: 'template'; fileName: string; bytes: Uint8Array };

export type ParseResult<J extends ParseJob> = J extends { kind: 'import' } ? ImportSource : J extends { kind: 'template' } ? string[] : string | null;

type WireCell = Exclude<RawCell, CellError> | { cellError: string };

const toWire = (cell: RawCell): WireCell => (cell instanceof CellError ? { cellError: cell.code } : cell);
const fromWire = (cell: WireCell): RawCell =>
  cell !== null && typeof cell === 'object' && !(cell instanceof Date) ? new CellError(cell.cellError) : cell;

function mapCells<A, B>(source: ImportSource, f: (cell: A) => B): ImportSource {
  for (const sheet of source.sheets) for (const row of sheet.rows) row.cells = (row.cells as unknown as A[]).map(f) as unknown as RawCell[];
  return source;
}

/** Runs in the worker. */
export async function runJob(job: ParseJob, onProgress: (done: number, total: number) => void): Promise<unknown> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  if (job.kind === 'import') return mapCells(await readImportBytes(bytes, job.fileName, onProgress), toWire);
  if (job.kind === 'template') return templateTags(job.fileName, bytes);
  return extractText(job.fileName, bytes);
}

/** Runs in the caller, on the worker's answer. */
export function reviveResult(job: ParseJob, value: unknown): unknown {
  return job.kind === 'import' ? mapCells(value as ImportSource, fromWire) : value;
}
