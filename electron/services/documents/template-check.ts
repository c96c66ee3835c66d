/**
 * Reading an uploaded template (a DOCX from outside, so hostile): runs in the
 * parse worker (../parse/run.ts: its own heap and time limits). The ZIP is
 * checked by the import's zip guard before anything inflates it (declared
 * sizes summed against a cap, every entry inflated counted and stopped at what
 * it declared), then docxtemplater compiles it and lists its placeholders.
 * Nothing in the file is run: docxtemplater's default parser only looks names up.
 */
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { MAX_TEMPLATE_BYTES } from '#domain/documents';
import { AppError } from '../errors';
import { readZipDirectory, verifyZipEntries } from '../import/zip-guard';

/** What a template may inflate to: far above a real one, far below what would strain the worker. */
export const MAX_TEMPLATE_UNCOMPRESSED = 40 * 1024 * 1024;

const refused = (message: string): AppError => new AppError('VALIDATION', message, [{ path: 'file', message }]);

/** docxtemplater's errors (one, or several in properties.errors) as lines a person can act on. */
function templateErrors(error: unknown): string[] {
  const e = error as { properties?: { errors?: { properties?: { explanation?: string; xtag?: string } }[]; explanation?: string } };
  const list = e.properties?.errors ?? (e.properties ? [{ properties: e.properties }] : []);
  return list.map((x) => x.properties?.explanation ?? String(x)).slice(0, 10);
}

/** The placeholders of a template: "title", and "checklist.item" for a field inside the loop {#checklist}. */
function flatten(tags: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tags).flatMap(([name, inner]) => {
    const here = `${prefix}${name}`;
    const children = inner && typeof inner === 'object' ? flatten(inner as Record<string, unknown>, `${here}.`) : [];
    return children.length > 0 ? [here, ...children] : [here];
  });
}

/** Compile `bytes` as a docxtemplater template and list its placeholders; refuses what is not a sound DOCX template. */
export async function templateTags(fileName: string, bytes: Buffer): Promise<string[]> {
  if (bytes.length > MAX_TEMPLATE_BYTES) throw refused(`模板“${fileName}”过大（上限 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB）`);
  try {
    const entries = readZipDirectory(bytes, MAX_TEMPLATE_UNCOMPRESSED);
    if (!entries.some((e) => e.name === 'word/document.xml')) throw refused(`“${fileName}”不是 Word 文档（.docx）`);
    await verifyZipEntries(bytes, entries);
  } catch (error) {
    if (error instanceof AppError && error.message.startsWith(`“${fileName}”`)) throw error;
    throw refused(`模板“${fileName}”不是完好的 .docx 文件（${error instanceof Error ? error.message : String(error)}）：请在 Word/WPS 中打开后另存为 .docx 再上传`);
  }
  const inspect = new InspectModule();
  try {
    new Docxtemplater(new PizZip(bytes), { paragraphLoop: true, linebreaks: true, errorLogging: false, modules: [inspect] });
  } catch (error) {
    throw refused(`模板“${fileName}”中的占位符写法有误：${templateErrors(error).join('；') || '无法解析'}`);
  }
  return flatten(inspect.getAllTags());
}
