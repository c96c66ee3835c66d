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
