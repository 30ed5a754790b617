import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage, type Language } from '../../../shared/i18n.ts';

/** 中文 / English: the choice is kept in localStorage and the `lang` cookie the server reads. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      size="small"
      aria-label={t('common.language')}
      value={i18n.language as Language}
      options={languages.map((lang) => ({ value: lang, label: t(`common.languages.${lang}`) }))}
      onChange={(lang) => void setLanguage(lang)}
    />
  );
}
