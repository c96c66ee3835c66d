/**
 * Checks an XLSX's ZIP container before exceljs (through JSZip) is allowed to
 * inflate it: a truncated or malformed file, an encrypted or old-format one,
 * and a zip bomb are all refused here, in bounded time and memory.
 *
 * - The central directory is read by hand; every entry's declared sizes are
 *   summed against MAX_UNCOMPRESSED_BYTES before anything is inflated.
 * - Entries must not overlap (the "overlapping files" bomb) and must sit where
 *   the directory says (so a sequential reader would see the same files).
 * - Every entry is then inflated as a stream that is only counted, never kept,
 *   and stopped as soon as it produces more than it declared: a header that
 *   lies about its size costs at most its declared size. Worksheets' rows and
 *   cells are counted on the way, because exceljs holds the whole workbook in
 *   memory (about 0.5 KB per cell): the cell limit is what bounds that.
 * JSZip reads entries through the same central directory, so what passed here
 * is exactly what exceljs will inflate.
 */
import zlib from 'node:zlib';
import { fileError, MAX_CELLS, MAX_ROW_ELEMENTS, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, megabytes } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  dataOffset: number;
}

/** a worksheet's part inside an XLSX */
export const SHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/i;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const BROKEN = '文件不完整或已损坏（可能下载或复制时中断）：请在 Excel/WPS 中打开确认后另存为 .xlsx 再导入';

function broken(detail: string): Error {
  return fileError(`${BROKEN}。（${detail}）`);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw broken('ZIP64 大小字段超出范围');
  return Number(v);
}

function findEndOfDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  throw broken('找不到 ZIP 目录');
}

/** Where the central directory is and how many entries it has (ZIP64 aware). */
function directoryBounds(buf: Buffer, eocd: number): { count: number; offset: number; size: number } {
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) throw broken('ZIP64 目录定位记录缺失');
    const at = u64(buf, loc + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) throw broken('ZIP64 目录记录缺失');
    count = u64(buf, at + 32);
    size = u64(buf, at + 40);
    offset = u64(buf, at + 48);
  }
  if (offset + size > buf.length) throw broken('ZIP 目录超出文件末尾');
  return { count, offset, size };
}

/** Sizes and offset set to 0xFFFFFFFF are in the ZIP64 extra field, in this order. */
function applyZip64(buf: Buffer, extraStart: number, extraEnd: number, e: ZipEntry): void {
  let p = extraStart;
  while (p + 4 <= extraEnd) {
    const tag = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (p + 4 + len > extraEnd) break;
    if (tag === 0x0001) {
      let q = p + 4;
      const take = (): number => {
        if (q + 8 > p + 4 + len) throw broken('ZIP64 扩展字段不完整');
        const v = u64(buf, q);
        q += 8;
        return v;
      };
      if (e.uncompressedSize === MAX32) e.uncompressedSize = take();
      if (e.compressedSize === MAX32) e.compressedSize = take();
      if (e.localOffset === MAX32) e.localOffset = take();
      return;
    }
    p += 4 + len;
  }
}

/**
 * Read and check the central directory: names, sizes, where each entry's data is.
 * `maxUncompressed`: the declared sizes' sum allowed (a reader that inflates only
 * one entry, capped, as the attachment text extractor, passes Infinity).
 */
export function readZipDirectory(buf: Buffer, maxUncompressed = MAX_UNCOMPRESSED_BYTES): ZipEntry[] {
  if (buf.length < 22) throw broken('文件过短');
  const { count, offset, size } = directoryBounds(buf, findEndOfDirectory(buf));
  if (count > MAX_ZIP_ENTRIES) throw fileError(`该文件包含的内部条目过多（${count} 个），不像是台账文件，已拒绝导入`);
  const entries: ZipEntry[] = [];
  let p = offset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + size || buf.readUInt32LE(p) !== CENTRAL) throw broken('ZIP 目录记录损坏');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > offset + size) throw broken('ZIP 目录记录超出范围');
    const e: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      dataOffset: 0,
    };
    applyZip64(buf, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    p += 46 + nameLen + extraLen + commentLen;
    if (e.flags & 0x1) throw fileError('该文件已加密（设置了打开密码）：请先在 Excel/WPS 中取消密码并另存后再导入');
    if (e.method !== 0 && e.method !== 8) throw fileError(`该文件使用了不支持的压缩方式（${e.method}）：请在 Excel/WPS 中另存为 .xlsx 后再导入`);
    declared += e.uncompressedSize;
    if (declared > maxUncompressed) {
      throw fileError(
        `该文件解压后超过 ${megabytes(maxUncompressed)}（疑似“压缩炸弹”或包含大量图片等内容），已拒绝导入；请只保留台账数据后另存再导入`,
      );
    }
    entries.push(e);
  }
  locateData(buf, entries, offset);
  return entries;
}

/** Each entry's local header must be where the directory says, and no two entries may overlap. */
function locateData(buf: Buffer, entries: ZipEntry[], directoryOffset: number): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const e = byOffset[i]!;
    if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== LOCAL) throw broken(`条目 ${e.name} 的位置不正确`);
    e.dataOffset = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const end = e.dataOffset + e.compressedSize;
    const limit = byOffset[i + 1]?.localOffset ?? directoryOffset;
    if (end > limit) throw broken(`条目 ${e.name} 与其他内容重叠或超出文件末尾`);
  }
}

/**
 * Counts rows (<row) and cells (<c followed by a space or >) of a worksheet as
 * its chunks stream by. Only matches that end in the new chunk are counted, so
 * the carried-over tail never counts one twice.
 */
class SheetCounter {
  rows = 0;
  cells = 0;
  private tail = '';
  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    const fresh = this.tail.length;
    this.rows += countFrom(text, '<row', fresh);
    this.cells += countFrom(text, '<c ', fresh) + countFrom(text, '<c>', fresh);
    this.tail = text.slice(-3);
  }
  check(): void {
    if (this.rows > MAX_ROW_ELEMENTS) {
      throw fileError(`工作表的行数超过 ${MAX_ROW_ELEMENTS.toLocaleString('en-US')} 行（含带格式的空行），已拒绝导入；请删除多余的行或按年度拆分后再导入`);
    }
    if (this.cells > MAX_CELLS) {
      throw fileError(`工作表的单元格超过 ${MAX_CELLS.toLocaleString('en-US')} 个，已拒绝导入；请删除多余的列或按年度拆分后再导入`);
    }
  }
}

function countFrom(text: string, pattern: string, fresh: number): number {
  let n = 0;
  for (let i = text.indexOf(pattern, Math.max(0, fresh - pattern.length + 1)); i !== -1; i = text.indexOf(pattern, i + pattern.length)) n++;
  return n;
}

function inflateCounted(data: Buffer, declared: number, name: string, sheet: SheetCounter | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let produced = 0;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      if (error) reject(error);
      else resolve();
    };
    inflater.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > declared) {
        finish(fileError(`该文件内部条目 ${name} 解压后的大小超过其声明的大小（疑似“压缩炸弹”或文件被篡改），已拒绝导入`));
        return;
      }
      if (!sheet) return;
      sheet.push(chunk);
      try {
        sheet.check();
      } catch (e) {
        finish(e as Error);
      }
    });
    inflater.on('error', (e) => finish(broken(`条目 ${name} 无法解压：${e.message}`)));
    inflater.on('end', () => {
      if (produced !== declared) finish(broken(`条目 ${name} 解压后的大小与声明不符`));
      else finish();
    });
    inflater.end(data);
  });
}

/**
 * Inflate every entry once, counting bytes (and <row> tags of worksheets),
 * keeping nothing. Throws on a lie, a broken stream or too many rows.
 */
export async function verifyZipEntries(buf: Buffer, entries: readonly ZipEntry[], onProgress?: (done: number, total: number) => void): Promise<void> {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  let done = 0;
  for (const e of entries) {
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const isSheet = SHEET_PATH.test(e.name);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw broken(`条目 ${e.name} 的大小记录不一致`);
      if (isSheet) {
        const counter = new SheetCounter();
        counter.push(data);
        counter.check();
      }
    } else {
      await inflateCounted(data, e.uncompressedSize, e.name, isSheet ? new SheetCounter() : null);
    }
    done += e.uncompressedSize;
    onProgress?.(done, total);
  }
}

/**
 * One entry's bytes, inflated as a stream that stops at `cap` bytes whatever the
 * entry declares: at most `cap` bytes are ever held. `truncated` says it stopped.
 */
export function inflateEntryCapped(buf: Buffer, e: ZipEntry, cap: number): Promise<{ data: Buffer; truncated: boolean }> {
  const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) return Promise.resolve({ data: raw.subarray(0, cap), truncated: raw.length > cap });
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    const chunks: Buffer[] = [];
    let held = 0;
    let settled = false;
    const finish = (truncated: boolean): void => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      resolve({ data: Buffer.concat(chunks, held), truncated });
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = cap - held;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      held += Math.min(room, chunk.length);
      if (held >= cap) finish(true);
    });
    inflater.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    inflater.on('end', () => finish(false));
    inflater.end(raw);
  });
}

export const isZip = (buf: Buffer): boolean => buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
/** OLE compound file: an old .xls/.et, or an XLSX encrypted with a password to open */
export const isCompoundFile = (buf: Buffer): boolean =>
  buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
