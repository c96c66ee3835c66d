/**
 * An attachment's name as it is stored, shown, and used for the copy that is
 * opened or saved. Characters that change how a name is displayed or read
 * (bidirectional overrides and isolates such as U+202E, which showed
 * "审查意见\u202Excod.exe" as "审查意见exe.docx"; control characters;
 * zero-width and other invisible format characters) and characters Windows does not allow in a
 * name are removed or replaced; a reserved Windows device name (CON, PRN, AUX,
 * NUL, COM1–COM9, LPT1–LPT9, with or without extension) gets a leading "_";
 * trailing dots and spaces, which Windows drops, are dropped here. A name that
 * is nothing after that (".", "..", only dots, spaces or invisible characters),
 * or longer than 255 bytes in UTF-8 (the limit of common file systems), is
 * refused with a message. The stored name is what the list, the audit record
 * and the saved copy show.
 */
import { AppError } from '../errors';

export const MAX_NAME_BYTES = 255;

// C0/C1 controls; bidi marks, embeddings, overrides and isolates; zero-width and other invisible format characters; BOM
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Not allowed in a Windows file name (and / everywhere). */
const FORBIDDEN = /[\\/:*?"<>|]/g;
const RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])(\.|$)/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const refuse = (message: string): AppError => new AppError('VALIDATION', message, [{ path: 'fileName', message }]);

export function cleanAttachmentName(raw: string): string {
  let name = raw.normalize('NFC').replace(LONE_SURROGATE, '').replace(INVISIBLE, '').replace(FORBIDDEN, '_').trim();
  name = name.replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) {
    throw refuse(`文件名“${raw.replace(INVISIBLE, '')}”不能作为附件名：请将文件改为一个有意义的名称后再上传`);
  }
  if (RESERVED.test(name)) name = `_${name}`;
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_NAME_BYTES) {
    throw refuse(`文件名过长（${bytes} 字节，上限 ${MAX_NAME_BYTES} 字节，约 85 个汉字）：请将文件改为较短的名称后再上传`);
  }
  return name;
}
