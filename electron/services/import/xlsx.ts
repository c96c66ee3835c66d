/**
 * XLSX → plain rows, through exceljs, after the ZIP container passed
 * zip-guard.ts. Formula cells give their cached result, rich text its plain
 * text, merged cells their master's value (a division merged over several rows
 * fills each of them), date-formatted numbers come as Date (exceljs applies the
 * workbook's 1900/1904 date system).
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { CellError, type GridRow, type Progress, type RawCell, type SheetGrid } from './grid';
import { fileError, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, READ_TIMEOUT_MS } from './limits';
import { clipWorkbookRanges } from './sheet-bounds';
import { readZipDirectory, verifyZipEntries } from './zip-guard';

const NOT_A_WORKBOOK = '该文件不是 Excel 工作簿（.xlsx）：请在 Excel/WPS 中打开后另存为 .xlsx 再导入';

/** One exceljs cell value as a plain value. */
export function plainValue(value: unknown, depth = 0): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? new CellError('#VALUE!') : value;
  if (typeof value !== 'object' || depth > 3) return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return (v.richText as unknown[]).map((r) => (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
  }
  if (typeof v.error === 'string') return new CellError(v.error);
  if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result, depth + 1);
  if ('text' in v) return plainValue(v.text, depth + 1);
  return null;
}

function isEmpty(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fileError('读取 Excel 文件超时：文件可能已损坏或过于复杂，请另存为新的 .xlsx 后再导入')), READ_TIMEOUT_MS);
  });
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads
    await Promise.race([workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer), timeout]);
    return workbook;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError(`无法读取该 Excel 文件：文件已损坏或格式不受支持，请在 Excel/WPS 中打开后另存为 .xlsx 再导入。（${(e as Error).message ?? String(e)}）`);
  } finally {
    clearTimeout(timer);
  }
}

async function toGrid(ws: ExcelJS.Worksheet, onRow: (n: number) => void): Promise<SheetGrid> {
  const rows: GridRow[] = [];
  const last = ws.rowCount;
  for (let r = 1; r <= last; r++) {
    if (r % 2_000 === 0) {
      onRow(r);
      await nextTick();
    }
    const row = ws.findRow(r);
    if (!row) continue;
    const width = Math.min(row.cellCount, MAX_IMPORT_COLUMNS);
    const cells: RawCell[] = [];
    let any = false;
    for (let c = 1; c <= width; c++) {
      const cell = row.findCell(c);
      const value = cell ? plainValue(cell.value) : null;
      cells.push(value);
      if (!isEmpty(value)) any = true;
    }
    if (!any) continue;
    rows.push({ number: r, cells });
    if (rows.length > MAX_IMPORT_ROWS + 100) {
      throw fileError(`工作表“${ws.name}”的行数过多：一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请按年度拆分后分批导入`);
    }
  }
  return { name: ws.name, hidden: ws.state === 'hidden' || ws.state === 'veryHidden', rows };
}

/** Progress runs 0–100: checking the container, reading the workbook, converting the rows. */
export async function readXlsx(bytes: Buffer, onProgress?: Progress): Promise<SheetGrid[]> {
  const entries = readZipDirectory(bytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw fileError(NOT_A_WORKBOOK);
  onProgress?.(0, 100);
  await verifyZipEntries(bytes, entries, (done, total) => onProgress?.(Math.floor((done / Math.max(total, 1)) * 30), 100));
  const workbook = await loadWorkbook(await clipWorkbookRanges(bytes, entries));
  onProgress?.(70, 100);
  const sheets: SheetGrid[] = [];
  const totalRows = workbook.worksheets.reduce((s, ws) => s + ws.rowCount, 0) || 1;
  let before = 0;
  for (const ws of workbook.worksheets) {
    sheets.push(await toGrid(ws, (r) => onProgress?.(70 + Math.floor(((before + r) / totalRows) * 30), 100)));
    before += ws.rowCount;
  }
  if (sheets.length === 0) throw fileError('该 Excel 文件中没有工作表');
  onProgress?.(100, 100);
  return sheets;
}
