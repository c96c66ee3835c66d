import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { confirmLeaveHere } from './unsaved';

/** 中文 / English, remembered across starts. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('lang.label')}
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={LANGUAGES.map((lng) => ({ value: lng, label: lng === 'en' ? t('lang.en') : t('lang.zh') }))}
      onChange={(lng) => void confirmLeaveHere().then((ok) => (ok ? setLanguage(lng) : undefined))}
    />
  );
}
