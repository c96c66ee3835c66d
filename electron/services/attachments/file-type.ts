/**
 * Which attachments the app hands to the system's program (打开): only
 * documents and images whose content (magic bytes, and for ZIP-based formats
 * the part that makes them what they claim) agrees with their extension.
 * Everything else (executables, scripts, shortcuts, archives, HTML, a .docx
 * that is really an .exe, a name whose extension is hidden by a right-to-left
 * override) is stored and can be saved (另存为), never opened by the app.
 *
 * The list (RELIABILITY.md "Attachments"):
 *   pdf, ofd; doc, xls, ppt, wps, et, dps (OLE compound files); docx, xlsx,
 *   pptx (OOXML); odt, ods, odp (OpenDocument); txt (text without NUL bytes);
 *   jpg/jpeg, png, gif, bmp, tif/tiff.
 * Not on it, on purpose: zip/rar/7z (their contents would be one double-click
 * away), rtf (embeds OLE objects), html/htm/mht, svg (scripts), macro-enabled
 * OOXML (docm, xlsm, pptm), and anything the system would run.
 */
import { readZipDirectory } from '../import/zip-guard';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const startsWith = (data: Buffer, magic: Buffer | string): boolean => {
  const m = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return data.length >= m.length && data.subarray(0, m.length).equals(m);
};

/** The ZIP's entry names, or null when it is not a readable ZIP. */
function zipNames(data: Buffer): Set<string> | null {
  if (!startsWith(data, 'PK\u0003\u0004')) return null;
  try {
    return new Set(readZipDirectory(data, Infinity).map((e) => e.name));
  } catch {
    return null;
  }
}

const ooxml = (part: string) => (data: Buffer): boolean => {
  const names = zipNames(data);
  // a macro project makes it a docm/xlsm in disguise
  return names !== null && names.has('[Content_Types].xml') && names.has(part) && ![...names].some((n) => /vbaProject\.bin$/i.test(n));
};

/** OpenDocument: a ZIP whose first entry, stored, is `mimetype` with this content. */
const openDocument = (mime: string) => (data: Buffer): boolean =>
  startsWith(data, 'PK\u0003\u0004') && data.subarray(30, 38).toString('latin1') === 'mimetype' && data.subarray(38, 38 + mime.length).toString('latin1') === mime;

/** no NUL byte in the first 64 KB, or a UTF-16 byte-order mark */
const text = (data: Buffer): boolean =>
  !data.subarray(0, 64 * 1024).includes(0) || startsWith(data, Buffer.from([0xff, 0xfe])) || startsWith(data, Buffer.from([0xfe, 0xff]));

const ole = (data: Buffer): boolean => startsWith(data, OLE);
const jpeg = (data: Buffer): boolean => startsWith(data, Buffer.from([0xff, 0xd8, 0xff]));
const tiff = (data: Buffer): boolean => startsWith(data, 'II*\u0000') || startsWith(data, 'MM\u0000*');

interface OpenableType {
  mime: string;
  is: (data: Buffer) => boolean;
}

/** extension → its MIME type and the content check it must pass */
export const OPENABLE_TYPES: Readonly<Record<string, OpenableType>> = {
  pdf: { mime: 'application/pdf', is: (d) => startsWith(d, '%PDF-') },
  ofd: { mime: 'application/ofd', is: (d) => zipNames(d)?.has('OFD.xml') === true },
  doc: { mime: 'application/msword', is: ole },
  xls: { mime: 'application/vnd.ms-excel', is: ole },
  ppt: { mime: 'application/vnd.ms-powerpoint', is: ole },
  wps: { mime: 'application/kswps', is: ole },
  et: { mime: 'application/kset', is: ole },
  dps: { mime: 'application/ksdps', is: ole },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', is: ooxml('word/document.xml') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', is: ooxml('xl/workbook.xml') },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', is: ooxml('ppt/presentation.xml') },
  odt: { mime: 'application/vnd.oasis.opendocument.text', is: openDocument('application/vnd.oasis.opendocument.text') },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', is: openDocument('application/vnd.oasis.opendocument.spreadsheet') },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', is: openDocument('application/vnd.oasis.opendocument.presentation') },
  txt: { mime: 'text/plain', is: text },
  jpg: { mime: 'image/jpeg', is: jpeg },
  jpeg: { mime: 'image/jpeg', is: jpeg },
  png: { mime: 'image/png', is: (d) => startsWith(d, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  gif: { mime: 'image/gif', is: (d) => startsWith(d, 'GIF87a') || startsWith(d, 'GIF89a') },
  bmp: { mime: 'image/bmp', is: (d) => startsWith(d, 'BM') },
  tif: { mime: 'image/tiff', is: tiff },
  tiff: { mime: 'image/tiff', is: tiff },
};

/** What is stored for a file that is not on the list, or whose content is not what its extension says. */
export const SAVE_ONLY_MIME = 'application/octet-stream';

export const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
};

/** The MIME type to store: the list's when extension and content agree, SAVE_ONLY_MIME otherwise. */
export function judgeFileType(fileName: string, data: Buffer): string {
  const type = Object.hasOwn(OPENABLE_TYPES, extensionOf(fileName)) ? OPENABLE_TYPES[extensionOf(fileName)] : undefined;
  return type && type.is(data) ? type.mime : SAVE_ONLY_MIME;
}

/** Whether an attachment with this stored name and type may be opened (the bytes are judged again at 打开). */
export function isOpenableType(fileName: string, mimeType: string): boolean {
  const ext = extensionOf(fileName);
  return Object.hasOwn(OPENABLE_TYPES, ext) && OPENABLE_TYPES[ext]!.mime === mimeType;
}
