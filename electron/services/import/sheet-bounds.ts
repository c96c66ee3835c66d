/**
 * Ranges in a worksheet's XML are clipped to the cells the sheet really has
 * before exceljs reads it: exceljs expands every merged range and every data
 * validation's range cell by cell at load, so one
 * `<mergeCell ref="A10:XFD1048576"/>` in a 6.7 KB file asked for 17 billion
 * cells (4.3 GB and a crash). The used range is the largest row and column
 * that hold a `<c>` element; merges, data validations, `<dimension>` and
 * column definitions are clipped to it (what lies beyond it is empty, so
 * nothing the importer reads changes), and a sheet whose merges still cover
 * more than MAX_CELLS cells is refused.
 */
import JSZip from 'jszip';
import { fileError, MAX_CELLS, MAX_IMPORT_COLUMNS } from './limits';
import { inflateEntryCapped, SHEET_PATH, type ZipEntry } from './zip-guard';

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

function parseBox(ref: string): Box | null {
  const [a, b = a] = ref.split(':');
  const from = CELL.exec(a ?? '');
  const to = CELL.exec(b ?? '');
  if (!from || !to) return null;
  const box = { left: columnNumber(from[1]!), top: Number(from[2]), right: columnNumber(to[1]!), bottom: Number(to[2]) };
  return box.left <= box.right && box.top <= box.bottom && box.top >= 1 ? box : null;
}

const boxRef = (b: Box): string =>
  b.top === b.bottom && b.left === b.right ? `${columnLetters(b.left)}${b.top}` : `${columnLetters(b.left)}${b.top}:${columnLetters(b.right)}${b.bottom}`;

/** The last row and column holding a cell element. */
export function usedRange(xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  let rowElements = 0;
  let cellsWithoutRef = false;
  for (const m of xml.matchAll(/<row\b([^>]*)>/g)) {
    rowElements++;
    const r = /\br="(\d+)"/.exec(m[1]!);
    rows = Math.max(rows, r ? Number(r[1]) : rowElements);
  }
  for (const m of xml.matchAll(/<c\b([^>]*)>/g)) {
    const r = /\br="\$?([A-Za-z]{1,3})\$?\d+"/.exec(m[1]!);
    if (r) columns = Math.max(columns, columnNumber(r[1]!));
    else cellsWithoutRef = true;
  }
  // cells placed by order alone: as wide as the importer ever reads
  if (cellsWithoutRef) columns = Math.max(columns, MAX_IMPORT_COLUMNS);
  return { rows, columns };
}

function clip(box: Box, used: { rows: number; columns: number }): Box | null {
  const b = { ...box, bottom: Math.min(box.bottom, used.rows), right: Math.min(box.right, used.columns) };
  return b.top <= b.bottom && b.left <= b.right ? b : null;
}

/** One sheet's XML with its ranges clipped, or null when nothing needed clipping. */
export function clipSheetXml(xml: string, sheetName: string): string | null {
  const used = usedRange(xml);
  let changed = false;
  let merged = 0;
  let out = xml.replace(/<mergeCell\b[^>]*?\bref="([^"]*)"[^>]*?\/>/g, (whole, ref: string) => {
    const box = parseBox(ref);
    const clipped = box && clip(box, used);
    if (!clipped || (clipped.top === clipped.bottom && clipped.left === clipped.right)) {
      changed = true;
      return '';
    }
    merged += (clipped.bottom - clipped.top + 1) * (clipped.right - clipped.left + 1);
    if (merged > MAX_CELLS) {
      throw fileError(`工作表“${sheetName}”中的合并单元格共超过 ${MAX_CELLS.toLocaleString('en-US')} 个单元格，已拒绝导入；请取消不必要的合并后另存再导入`);
    }
    const ref2 = boxRef(clipped);
    if (ref2 === ref) return whole;
    changed = true;
    return whole.replace(`ref="${ref}"`, `ref="${ref2}"`);
  });
  out = out.replace(/(<dataValidation\b[^>]*?\bsqref=")([^"]*)(")/g, (whole, head: string, sqref: string, tail: string) => {
    const kept = sqref
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((ref) => {
        const box = parseBox(ref);
        const clipped = box && clip(box, used);
        return clipped ? [boxRef(clipped)] : [];
      })
      .join(' ');
    if (kept === sqref) return whole;
    changed = true;
    // a validation left with no cells keeps one harmless cell: removing the element would need its closing tag
    return `${head}${kept || 'A1'}${tail}`;
  });
  out = out.replace(/<dimension\b[^>]*?\bref="([^"]*)"[^>]*?\/>/g, (whole, ref: string) => {
    const box = parseBox(ref);
    const clipped = box && clip(box, used);
    if (clipped && boxRef(clipped) === ref) return whole;
    changed = true;
    return clipped ? `<dimension ref="${boxRef(clipped)}"/>` : '';
  });
  out = out.replace(/<col\b([^>]*?)\/>/g, (whole, attrs: string) => {
    const min = Number(/\bmin="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const max = Number(/\bmax="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const limit = Math.max(used.columns, 1);
    if (max <= limit) return whole;
    changed = true;
    if (min > limit) return '';
    return whole.replace(/\bmax="\d+"/, `max="${limit}"`);
  });
  return changed ? out : null;
}

/**
 * The workbook with every sheet's ranges clipped (see above), or the same bytes
 * when no sheet needed it. `entries` passed zip-guard.ts: their sizes are true.
 */
export async function clipWorkbookRanges(bytes: Buffer, entries: readonly ZipEntry[]): Promise<Buffer> {
  const changed = new Map<string, string>();
  for (const e of entries) {
    if (!SHEET_PATH.test(e.name)) continue;
    const { data } = await inflateEntryCapped(bytes, e, e.uncompressedSize);
    const clipped = clipSheetXml(data.toString('utf8'), e.name.replace(/^.*\//, ''));
    if (clipped !== null) changed.set(e.name, clipped);
  }
  if (changed.size === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, xml] of changed) zip.file(name, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
