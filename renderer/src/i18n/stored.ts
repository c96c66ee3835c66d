/** The UI language chosen on this computer, kept in localStorage (read once, then remembered). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'counsel-ledger.language';
let remembered: Language | null = null;

/**
 * The stored choice, zh-CN unless English was chosen. main.tsx reads it first
 * thing: the first localStorage read of a window opens the storage (some 50 ms
 * on a new profile), better spent while the app's bundle loads than in the
 * first render's path.
 */
export function storedLanguage(): Language {
  if (remembered) return remembered;
  try {
    remembered = globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    remembered = 'zh-CN';
  }
  return remembered;
}

export function storeLanguage(lng: Language): void {
  remembered = lng;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    /* private mode: the choice lasts for this session only */
  }
}
