/**
 * The page and fonts of an official document (GB/T 9704-2012), shared by the
 * report's DOCX and the per-item documents: A4, margins 37/35/28/26 mm
 * (top/bottom/left/right), title 方正小标宋简体 二号, body 仿宋_GB2312 三号 on a
 * fixed 28 pt line, headings 黑体. Every run names its East Asian font; the
 * font table names a fallback for each (w:altName), for PCs without the
 * 方正 and GB2312 fonts (Word and WPS then use 华文中宋 / 仿宋 / SimHei).
 */
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type FileChild } from 'docx';

const MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * MM);
export const A4 = { width: twips(210), height: twips(297) };
export const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const LATIN = 'Times New Roman';
export const OFFICIAL_FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', sub: '楷体_GB2312' } as const;
const east = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia, hint: 'eastAsia' as const });
export const BODY_FONT = east(OFFICIAL_FONT.body);
export const HEADING_FONT = east(OFFICIAL_FONT.heading);
export const TITLE_FONT = east(OFFICIAL_FONT.title);
/** half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt (tables) */
export const SIZE = { title: 44, body: 32, table: 21 };
export const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };

/** font → the font Word/WPS/LibreOffice use where it is missing */
export const FONT_FALLBACKS: readonly [string, string][] = [
  [OFFICIAL_FONT.title, '华文中宋'],
  ['华文中宋', '宋体'],
  [OFFICIAL_FONT.body, '仿宋'],
  ['仿宋', 'FangSong'],
  [OFFICIAL_FONT.heading, 'SimHei'],
  [OFFICIAL_FONT.sub, '楷体'],
];

const fontEntry = ([name, alt]: readonly [string, string]): string =>
  `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${name === OFFICIAL_FONT.heading ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`;

/** word/fontTable.xml with the fallbacks. */
export const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
${FONT_FALLBACKS.map(fontEntry).join('\n')}
<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

/** The page number at the foot, "— 1 —" in 宋体 四号, as GB/T 9704 sets it. */
function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: 28 })],
      }),
    ],
  });
}

/**
 * The DOCX of an official document: A4 with the margins above (header 15 mm, footer 18 mm),
 * the body font by default, the page number at the foot, the font table with its fallbacks.
 */
export function officialDocx(meta: { creator: string; description?: string; title?: string }, children: FileChild[]): Promise<Buffer> {
  const doc = new Document({
    ...meta,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, header: twips(15), footer: twips(18) } } },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
