import { DotLoading, ErrorBlock, NavBar, TabBar } from 'antd-mobile';
import { UnorderedListOutline, UserContactOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../shared/auth.tsx';
import { errorMessage } from '../../shared/errors.ts';

const tabs = [
  { key: '/tasks', icon: <UnorderedListOutline />, title: 'field.tabs.tasks' },
  { key: '/subjects', icon: <UserContactOutline />, title: 'field.tabs.subjects' },
  { key: '/me', icon: <UserOutline />, title: 'field.tabs.me' },
] as const;

/** The signed-in frame: a title bar, the screen, and the tab bar at the bottom. */
export function FieldLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <div
        style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}
      >
        <DotLoading color="primary" />
      </div>
    );
  }
  if (me.isError) return <ErrorBlock status="disconnected" title={errorMessage(me.error)} />;
  // signed out (or the session ended): the tabs are the whole app, so no way back is kept
  if (!me.data) return <Navigate to="/login" replace />;

  const active = tabs.find((tab) => pathname.startsWith(tab.key)) ?? tabs[0];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <NavBar backIcon={false} style={{ background: '#1a5fb4', color: '#fff', flex: 'none' }}>
        {t(active.title)}
      </NavBar>
      <div style={{ flex: 1, overflowY: 'auto' }}>
        <Outlet />
      </div>
      <TabBar
        data-testid="tab-bar"
        activeKey={active.key}
        onChange={(key) => void navigate(key)}
        style={{
          flex: 'none',
          background: '#fff',
          borderTop: '1px solid #eee',
          paddingBottom: 'env(safe-area-inset-bottom)',
        }}
      >
        {tabs.map((tab) => (
          <TabBar.Item key={tab.key} icon={tab.icon} title={t(tab.title)} />
        ))}
      </TabBar>
    </div>
  );
}
