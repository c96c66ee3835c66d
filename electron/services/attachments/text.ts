/**
 * Text for the search index from the attachments people actually send: .docx and .txt.
 * Runs in the parse worker (../parse/run.ts). A DOCX is not handed to an unzip
 * library: its ZIP directory is read by zip-guard.ts and word/document.xml alone
 * is inflated, as a stream stopped at MAX_DOCX_XML bytes whatever it declares
 * (a 6 MB DOCX that inflates to 6 GB costs 16 MB).
 */
import { inflateEntryCapped, readZipDirectory } from '../import/zip-guard';

const MAX_TEXT = 200_000;
/** of word/document.xml: far more markup than MAX_TEXT characters of text need */
export const MAX_DOCX_XML = 16 * 1024 * 1024;

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

export async function extractText(fileName: string, data: Buffer): Promise<string | null> {
  const ext = fileName.toLowerCase().split('.').pop();
  try {
    if (ext === 'txt') {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(data).replace(/^\uFEFF/, '');
      return text.slice(0, MAX_TEXT);
    }
    if (ext === 'docx') {
      const entry = readZipDirectory(data, Infinity).find((e) => e.name === 'word/document.xml');
      if (!entry) return null;
      const { data: part, truncated } = await inflateEntryCapped(data, entry, MAX_DOCX_XML);
      // a cut inside a tag leaves a '<' without its '>': dropped with what follows it
      const xml = truncated ? part.toString('utf8').replace(/<[^>]*$/, '') : part.toString('utf8');
      const text = decodeEntities(
        xml
          .replace(/<\/w:p>/g, '\n')
          .replace(/<w:tab\/>/g, '\t')
          .replace(/<[^>]+>/g, ''),
      );
      return text.slice(0, MAX_TEXT);
    }
  } catch {
    return null; // an unreadable document is still attached; it just is not searchable by content
  }
  return null;
}
