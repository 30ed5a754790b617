import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './locales/en-US.ts';
import zhCN, { type Messages } from './locales/zh-CN.ts';

/** The two languages of the platform; zh-CN is the default, en-US is complete. */
export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'guanai.lang';
/** The server reads this cookie to answer error messages in the same language. */
const COOKIE = 'lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const part = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return part ? decodeURIComponent(part.slice(prefix.length)) : undefined;
}

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const cookie = readCookie(COOKIE);
  return isLanguage(cookie) ? cookie : 'zh-CN';
}

function persist(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the cookie still carries the choice
  }
  document.cookie = `${COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
}

const initial = storedLanguage();
persist(initial);

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

// a field's name inside an English sentence: "Please choose the division"
i18next.services.formatter?.add('lowercase', (value: unknown) => String(value).toLowerCase());

export const i18n = i18next;

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

export async function setLanguage(lang: Language): Promise<void> {
  persist(lang);
  await i18next.changeLanguage(lang);
}
