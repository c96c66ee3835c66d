/**
 * Bounds of an import, so a huge, broken or hostile file is refused early with
 * a clear message instead of exhausting memory or time.
 */
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '#domain/import-fields';
import { AppError } from '../errors';

export { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS };

/** the file itself */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** all entries of an XLSX together, uncompressed (a 50,000-row, 16-column ledger is ~40 MB) */
export const MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 5_000;
/** <row> elements of one worksheet, formatted empty rows included */
export const MAX_ROW_ELEMENTS = MAX_IMPORT_ROWS * 2 + 1_000;
/** cells of one worksheet (50,000 rows of 24 columns); exceljs needs ~0.5 KB of memory per cell */
export const MAX_CELLS = 1_200_000;
/** rows looked at to find the header */
export const HEADER_SCAN_ROWS = 30;
/** problems listed in the wizard's view (all are counted; the CLI prints all) */
export const PROBLEMS_SHOWN = 500;
/** problems kept at all (beyond this only counted) */
export const PROBLEMS_KEPT = 20_000;
export const PREVIEW_ROWS = 50;
/** exceljs gets this long to read a workbook that passed the ZIP checks */
export const READ_TIMEOUT_MS = 120_000;

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A file that cannot be imported at all (not a per-row problem). */
export const fileError = (message: string): AppError => new AppError('VALIDATION', message, [{ path: 'file', message }]);
