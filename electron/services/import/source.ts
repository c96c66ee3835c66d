/**
 * Reading a ledger file into plain rows of cell values, whatever its format:
 * the size limit, the SHA-256 (to notice the same file imported twice), the
 * format by content (not by extension), then the XLSX or CSV reader.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeCsv, parseCsv } from './csv';
import type { ImportSource, Progress } from './grid';
import { fileError, MAX_FILE_BYTES, megabytes } from './limits';
import { parseOffThread, type ParseOptions } from '../parse/run';
import { readXlsx } from './xlsx';
import { isCompoundFile, isZip } from './zip-guard';

const OLD_FORMAT =
  '这是旧版 Excel（.xls）或 WPS（.et）格式的文件，或是设置了打开密码的文件：请在 Excel/WPS 中打开，取消密码后另存为 .xlsx（Excel 工作簿）再导入';

/**
 * Parse the bytes of a ledger file, on the calling thread. `fileName` only names it (and hints at CSV).
 * The app and the CLI read through readImportFile, which runs this in the parse worker
 * (../parse/run.ts); only that worker and the tests call it directly.
 */
export async function readImportBytes(bytes: Buffer, fileName: string, onProgress?: Progress): Promise<ImportSource> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw fileError(`文件过大（${megabytes(bytes.length)}）：导入文件不能超过 ${megabytes(MAX_FILE_BYTES)}，请按年度拆分后分批导入`);
  }
  if (bytes.length === 0) throw fileError('文件是空的');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { fileName: path.basename(fileName), size: bytes.length, sha256 };
  if (isCompoundFile(bytes)) throw fileError(OLD_FORMAT);
  if (isZip(bytes)) return { ...base, format: 'xlsx', sheets: await readXlsx(bytes, onProgress) };
  if (/\.(xlsx|xlsm|xltx)$/i.test(fileName)) {
    throw fileError('该文件不是有效的 Excel 工作簿（.xlsx）：文件可能已损坏或只是改了扩展名，请在 Excel/WPS 中打开后另存为 .xlsx 再导入');
  }
  if (/\.(xls|et|ods|numbers)$/i.test(fileName)) throw fileError(OLD_FORMAT);
  if (looksBinary(bytes)) throw fileError('无法识别的文件格式：请导入 Excel 工作簿（.xlsx）或 UTF-8 编码的 CSV 文件');
  onProgress?.(0, bytes.length);
  const rows = parseCsv(decodeCsv(bytes));
  onProgress?.(bytes.length, bytes.length);
  const name = path.basename(fileName).replace(/\.[^.]*$/, '') || 'CSV';
  return { ...base, format: 'csv', sheets: [{ name, hidden: false, rows }] };
}

/** A NUL byte early on: not text (UTF-16 files start with a BOM and are handled before). */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  return head.includes(0);
}

/**
 * Read a ledger file from disk (CLI, tests, and the wizard after the open dialog): the size checked
 * before reading, then parsed off this thread with memory and time limits (../parse/run.ts).
 */
export async function readImportFile(file: string, onProgress?: Progress, limits?: ParseOptions['limits']): Promise<ImportSource> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw fileError(`找不到文件：${path.basename(file)}`);
  }
  if (!stat.isFile()) throw fileError(`不是文件：${path.basename(file)}`);
  if (stat.size > MAX_FILE_BYTES) {
    throw fileError(`文件过大（${megabytes(stat.size)}）：导入文件不能超过 ${megabytes(MAX_FILE_BYTES)}，请按年度拆分后分批导入`);
  }
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    throw fileError(`无法读取文件 ${path.basename(file)}：${(e as Error).message}`);
  }
  return parseOffThread({ kind: 'import', fileName: file, bytes }, { onProgress, limits });
}
