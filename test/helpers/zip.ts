/**
 * ZIP files written by hand, so their headers can say anything (the hostile-file tests),
 * and cheap raw deflate streams that inflate to a lot.
 */
import zlib from 'node:zlib';

export interface Entry {
  name: string;
  /** the bytes as stored (deflated unless method 0) */
  data: Buffer;
  method?: number;
  /** what the headers claim */
  declaredSize: number;
  flags?: number;
}

/** Flags, method, sizes and the name's length: the same layout in both headers, from `at` (6 in the local header, 8 in the central one). */
function writeEntryFields(header: Buffer, at: number, e: Entry, nameLength: number): void {
  header.writeUInt16LE(e.flags ?? 0, at);
  header.writeUInt16LE(e.method ?? 8, at + 2);
  header.writeUInt32LE(e.data.length, at + 12);
  header.writeUInt32LE(e.declaredSize, at + 16);
  header.writeUInt16LE(nameLength, at + 20);
}

/** A ZIP written by hand, so its headers can say anything. `shareData`: every central record points at the first entry's data. */
export function zip(entries: Entry[], options: { shareData?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeEntryFields(local, 6, e, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeEntryFields(central, 8, e, name.length);
    central.writeUInt32LE(options.shareData ? 0 : offset, 42);
    if (!options.shareData || locals.length === 0) {
      locals.push(local, name, e.data);
      offset += local.length + name.length + e.data.length;
    }
    centrals.push(central, name);
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * `block` repeated `copies` times as one raw deflate stream, cheaply: the block
 * compressed once with a full flush (a non-final, byte-aligned block that needs
 * no history) repeated, then an empty final block. `head`, if given, comes first.
 */
export function repeatedDeflate(block: Buffer, copies: number, head?: Buffer): Buffer {
  const flush = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };
  const deflated = zlib.deflateRawSync(block, flush);
  return Buffer.concat([...(head ? [zlib.deflateRawSync(head, flush)] : []), ...Array.from({ length: copies }, () => deflated), Buffer.from([0x03, 0x00])]);
}
