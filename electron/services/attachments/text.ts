/** Text for the search index from the attachments people actually send: .docx and .txt. */
import JSZip from 'jszip';

const MAX_TEXT = 200_000;

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
      const zip = await JSZip.loadAsync(data);
      const doc = zip.file('word/document.xml');
      if (!doc) return null;
      const xml = await doc.async('string');
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
