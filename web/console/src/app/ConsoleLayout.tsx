import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { hasPermission, useMe } from '../../../shared/auth.tsx';
import { OpenEmergenciesBanner } from '../modules/emergencies/components/OpenEmergenciesBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LiveIndicator } from './LiveEvents.tsx';
import { buildMenu, selectedKey } from './menu.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The console's frame: side menu from the user's permissions, header with language and user. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useMe().data;
  const [collapsed, setCollapsed] = useState(false);
  const selected = selectedKey(pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={220}
        collapsible
        collapsed={collapsed}
        trigger={null}
        breakpoint="lg"
        onBreakpoint={setCollapsed}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: collapsed ? '0 24px' : '0 20px',
            color: '#fff',
            borderBottom: '1px solid rgba(255,255,255,0.08)',
          }}
        >
          <span
            style={{
              width: 32,
              height: 32,
              flex: 'none',
              borderRadius: 6,
              background: 'linear-gradient(135deg, #e8453c, #c41d1d)',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontWeight: 700,
              fontSize: 16,
            }}
          >
            {t('common.appName').slice(0, 1)}
          </span>
          {!collapsed && (
            <span style={{ lineHeight: 1.2, overflow: 'hidden', whiteSpace: 'nowrap' }}>
              <div style={{ fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>
                {t('common.appName')}
              </div>
              <div
                style={{
                  fontSize: 11,
                  opacity: 0.65,
                  textOverflow: 'ellipsis',
                  overflow: 'hidden',
                }}
              >
                {t('common.appSubtitle')}
              </div>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={['system']}
          items={buildMenu(me?.permissions ?? [], t)}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={collapsed ? t('layout.expand') : t('layout.collapse')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
          />
          <Space size="large">
            {me && <LiveIndicator />}
            <LanguageSwitch />
            {me && <UserMenu me={me} />}
          </Space>
        </Layout.Header>
        {/* its own stacking context: nothing in a page (antd's fixed table columns sit at z-index
            20 and more) can rise over the sticky top bar; popups are portalled outside it */}
        <Layout.Content style={{ padding: 24, isolation: 'isolate' }}>
          {hasPermission(me, 'emergency.handle') && <OpenEmergenciesBanner />}
          <Outlet />
        </Layout.Content>
        <Layout.Footer
          style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}
        >
          {t('common.appTitle')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
