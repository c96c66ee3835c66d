/**
 * i18next set up once for the whole renderer. zh-CN is the default and the
 * fallback; the choice is remembered in localStorage. dayjs follows the language.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import { LANGUAGES, storedLanguage, storeLanguage, type Language } from './stored';
import zhCN, { type Messages } from './zh-CN';

export { LANGUAGES, type Language };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function applyLanguage(lng: Language): void {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lng;
    document.title = i18n.t('app.name');
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  // React escapes; double escaping would show &quot; in the UI
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyLanguage(currentLanguage());

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(lng: Language): Promise<void> {
  storeLanguage(lng);
  await i18n.changeLanguage(lng);
  applyLanguage(lng);
}

export { i18n };
export type { Messages };
