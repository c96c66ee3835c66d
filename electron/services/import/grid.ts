/** The plain shape every reader produces: sheets of rows of cell values. */

/** An Excel error value (#N/A, #REF! …) in a cell. */
export class CellError {
  constructor(readonly code: string) {}
}

export type RawCell = string | number | boolean | Date | CellError | null;

export interface GridRow {
  /** the row number as Excel shows it (CSV: the record number) */
  number: number;
  /** index = column (0-based); trailing empties may be missing */
  cells: RawCell[];
}

export interface SheetGrid {
  name: string;
  hidden: boolean;
  /** non-empty rows only, in order */
  rows: GridRow[];
}

export interface ImportSource {
  fileName: string;
  size: number;
  sha256: string;
  format: 'xlsx' | 'csv';
  sheets: SheetGrid[];
}

export type Progress = (done: number, total: number) => void;
