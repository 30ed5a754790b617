import { Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage, type Language } from '../../shared/i18n.ts';

/** 中文 / English for the field app; same storage and cookie as the console. */
export function LanguageSelector() {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="lang-switch">
      <Selector<Language>
        columns={2}
        showCheckMark={false}
        value={[i18n.language as Language]}
        options={languages.map((lang) => ({ value: lang, label: t(`common.languages.${lang}`) }))}
        onChange={(v) => {
          const lang = v[0];
          if (lang) void setLanguage(lang);
        }}
      />
    </div>
  );
}
