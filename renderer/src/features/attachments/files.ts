/** Reading a dropped file for attachments.upload: the size limit first, then the bytes as base64. */

import { MAX_ATTACHMENT_BYTES } from '#domain/types';

/** The service's limit per file, checked here first so nothing big is read in vain. */
export { MAX_ATTACHMENT_BYTES };

export function tooBig(file: { size: number }): boolean {
  return file.size > MAX_ATTACHMENT_BYTES;
}

/** Base64 of a Blob's bytes, converted in chunks (a 50 MB file would overflow one call's argument list). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export type FileKind = 'pdf' | 'word' | 'excel' | 'image' | 'text' | 'archive' | 'other';

export function fileKind(name: string): FileKind {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf' || ext === 'ofd') return 'pdf';
  if (['doc', 'docx', 'wps', 'rtf'].includes(ext)) return 'word';
  if (['xls', 'xlsx', 'et', 'csv'].includes(ext)) return 'excel';
  if (['jpg', 'jpeg', 'png', 'tif', 'tiff', 'gif', 'bmp'].includes(ext)) return 'image';
  if (ext === 'txt') return 'text';
  if (['zip', 'rar', '7z'].includes(ext)) return 'archive';
  return 'other';
}
