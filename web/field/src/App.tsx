import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd-mobile';
import enUSModule from 'antd-mobile/es/locales/en-US.js';
import zhCNModule from 'antd-mobile/es/locales/zh-CN.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { onUnauthorized } from '../../shared/api.ts';
import { clearSession, meQueryKey } from '../../shared/auth.tsx';
import { makeQueryClient } from '../../shared/query.ts';
import { FieldLayout } from './FieldLayout.tsx';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { MeScreen } from './screens/MeScreen.tsx';
import { SubjectsScreen } from './screens/SubjectsScreen.tsx';
import { TasksScreen } from './screens/TasksScreen.tsx';

type MobileLocale = typeof zhCNModule.default;
/** antd-mobile's es/ files are typed as CommonJS: unwrap `default` where types and bundler differ. */
function esDefault(m: unknown): MobileLocale {
  const x = m as Partial<MobileLocale> & { default?: MobileLocale };
  return (x.locale ? x : x.default) as MobileLocale;
}

const queryClient = makeQueryClient();
const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginScreen /> },
    {
      path: '/',
      element: <FieldLayout />,
      children: [
        { index: true, element: <Navigate to="/tasks" replace /> },
        { path: 'tasks', element: <TasksScreen /> },
        { path: 'subjects', element: <SubjectsScreen /> },
        { path: 'me', element: <MeScreen /> },
        { path: '*', element: <Navigate to="/tasks" replace /> },
      ],
    },
  ],
  { basename: '/m' },
);

onUnauthorized(() => {
  // signed out from the start: RequireAuth sends the user to the login page by itself
  const wasSignedIn = Boolean(queryClient.getQueryData(meQueryKey));
  clearSession(queryClient);
  if (!wasSignedIn) return;
  const { pathname } = router.state.location;
  if (pathname !== '/login') void router.navigate('/login', { replace: true });
});

export function App() {
  const { i18n, t } = useTranslation();
  const lang = i18n.language;
  useEffect(() => {
    document.title = t('field.title');
  }, [lang, t]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={esDefault(lang === 'en-US' ? enUSModule : zhCNModule)}>
        <RouterProvider router={router} />
      </ConfigProvider>
    </QueryClientProvider>
  );
}
