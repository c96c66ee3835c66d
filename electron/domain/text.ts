/**
 * Text as people type or paste it: full-width digits and letters (０-９, Ａ-Ｚ),
 * the ideographic space U+3000, no-break and zero-width spaces. Pure TypeScript
 * (no zod, no Node): the contract, the services, the import and the renderer
 * all take these rules from here.
 */

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, U+3000 → space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** no-break, thin, ideographic spaces: what copying from Word or a web page leaves behind */
export const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** zero-width spaces and joiners, the word joiner, the BOM */
export const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * The text sanitiser of the contract, for every free-text field. Decision:
 * REFUSE, never strip (nothing typed is quietly changed): the caller gets a
 * VALIDATION issue naming the character and its position.
 *  - NUL and the other C0 controls, DEL and the C1 controls (U+0080–U+009F);
 *    \n and \t (and \r, as part of a line end) only where the field has lines;
 *  - the bidi embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069
 *    (they make "审查意见\u202Excod.exe" read as "审查意见exe.docx");
 *  - lone surrogates (half a character: not text, breaks UTF-8 exports).
 * Required fields must hold something visible: only spaces or zero-width
 * characters count as empty (see isBlankText).
 */
export type TextProblem = { kind: 'control' | 'bidi' | 'surrogate'; index: number; code: number };

// with the u flag a surrogate pair is one code point, so [\ud800-\udfff] finds only lone halves
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;
// eslint-disable-next-line no-control-regex -- as above
const FORBIDDEN_BLOCK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;

/** The first character a free-text field may not hold, or null. */
export function textProblem(s: string, multiline: boolean): TextProblem | null {
  const m = (multiline ? FORBIDDEN_BLOCK : FORBIDDEN_LINE).exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const kind = code >= 0xd800 && code <= 0xdfff ? 'surrogate' : (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ? 'bidi' : 'control';
  return { kind, index: m.index, code };
}

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The refusal in Chinese: which kind of character, at which position (1-based). */
export function textProblemZh(p: TextProblem): string {
  const at = `第 ${p.index + 1} 个字符`;
  if (p.kind === 'bidi') return `不能包含文字方向控制字符（${at}，${hex(p.code)}）`;
  if (p.kind === 'surrogate') return `含有无效字符（${at}，不完整的 ${hex(p.code)}）`;
  return `不能包含控制字符（${at}，${hex(p.code)}）`;
}

/** Nothing visible: empty, spaces of any kind, zero-width characters. */
export function isBlankText(s: string): boolean {
  return s.replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ').trim() === '';
}

/**
 * A name (处室, 类别) as stored and compared: no-break, ideographic and other odd
 * spaces made plain, zero-width characters removed, runs of spaces made one,
 * trimmed. "综合  处", "综合\u00a0处" and " 综合 处 " are one name. The one place
 * create, update and the import's matching normalise a name.
 */
export function normaliseName(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The key two spellings of a name are compared by (处室, 类别, 顾问: on create,
 * update and in the import's matching alike): half-width, no whitespace at
 * all, lower case, one kind of parentheses. 综 合 处 = 综合处, （）= ().
 */
export function matchKey(s: string): string {
  return toHalfWidth(s)
    .replace(ZERO_WIDTH, '')
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .toLowerCase();
}
