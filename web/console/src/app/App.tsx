import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { onUnauthorized } from '../../../shared/api.ts';
import { clearSession, meQueryKey } from '../../../shared/auth.tsx';
import { makeQueryClient } from '../../../shared/query.ts';
import { useReducedMotion } from '../lib/useReducedMotion.ts';
import { makeRouter } from './routes.tsx';

/** antd's es/ files are typed as CommonJS: unwrap `default` where the types and the bundler differ. */
function esDefault(m: unknown): Locale {
  const x = m as Partial<Locale> & { default?: Locale };
  return (x.locale ? x : x.default) as Locale;
}

const queryClient = makeQueryClient();
const router = makeRouter();

/**
 * A lost session anywhere sends the user to the login page, then back where they were; the login
 * page says so when the session timed out (shared/session-notice.ts).
 */
onUnauthorized(() => {
  // signed out from the start: RequireAuth sends the user to the login page by itself
  const wasSignedIn = Boolean(queryClient.getQueryData(meQueryKey));
  clearSession(queryClient);
  if (!wasSignedIn) return;
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

const latinFonts = "'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans'";
const chineseFonts = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC'";

/**
 * Chinese fonts first in Chinese (“” and ’ full width, as Chinese text sets them); Latin fonts first
 * in English, so that its quotes and apostrophes are not set in a Chinese font's full-width glyphs,
 * while Chinese names still find a Chinese font.
 */
const themeOf = (lang: string, reducedMotion: boolean) => ({
  token: {
    motion: !reducedMotion,
    colorPrimary: '#1a5fb4',
    borderRadius: 4,
    fontFamily: `-apple-system, BlinkMacSystemFont, ${
      lang === 'en-US' ? `${latinFonts}, ${chineseFonts}` : `${chineseFonts}, ${latinFonts}`
    }, sans-serif`,
  },
  components: {
    Layout: { siderBg: '#001a3d', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#001a3d', darkSubMenuItemBg: '#00132e', darkItemSelectedBg: '#1a5fb4' },
  },
});

export function App() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  useEffect(() => {
    dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn');
    document.title = i18n.t('common.appTitle');
  }, [lang, i18n]);
  const locale = useMemo(() => esDefault(lang === 'en-US' ? enUSModule : zhCNModule), [lang]);
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => themeOf(lang, reducedMotion), [lang, reducedMotion]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={theme}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
