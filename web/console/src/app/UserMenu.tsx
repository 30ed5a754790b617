import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '../../../../server/modules/users/contract.ts';
import { useLogout } from '../../../shared/auth.tsx';
import { errorMessage } from '../../../shared/errors.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

/** The user's name and scope, with 上次登录 (the login before this one), 修改密码 and 退出登录. */
export function UserMenu({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const logout = useLogout();
  const [changing, setChanging] = useState(false);
  const scope = me.scope.divisionName ?? me.scope.organisationName ?? t('layout.scopeAll');

  const signOut = async () => {
    try {
      // the session is cleared on success, and RequireAuth then shows the login page
      await logout.mutateAsync();
      void message.success(t('layout.loggedOut'));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'previous-login',
              disabled: true,
              label: (
                <span data-testid="previous-login">
                  {me.previousLogin
                    ? t('layout.previousLogin', {
                        at: formatDateTime(me.previousLogin.at),
                        ip: me.previousLogin.ip ?? '—',
                      })
                    : t('layout.firstLogin')}
                </span>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('layout.changePassword') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), danger: true },
          ],
          onClick: ({ key }) =>
            key === 'logout' ? void signOut() : key === 'password' && setChanging(true),
        }}
      >
        <a data-testid="user-menu" onClick={(e) => e.preventDefault()} style={{ color: 'inherit' }}>
          <Space>
            <Avatar size="small" style={{ background: '#1a5fb4' }} icon={<UserOutlined />} />
            <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.3 }}>
              <Typography.Text strong data-testid="user-name">
                {me.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`roles.${me.role}`)} · {scope}
              </Typography.Text>
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </a>
      </Dropdown>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
