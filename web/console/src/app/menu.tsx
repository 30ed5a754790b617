import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

type Entry = { path: string; key: MenuKey; icon: ReactNode; permission: string };
type MenuKey = 'divisions' | 'users' | 'organisations' | 'auditLog';

/** The administration pages and the permission each needs (from GET /api/auth/me). */
export const adminEntries: Entry[] = [
  {
    path: '/divisions',
    key: 'divisions',
    icon: <ApartmentOutlined />,
    permission: 'division.read',
  },
  { path: '/users', key: 'users', icon: <TeamOutlined />, permission: 'user.read' },
  {
    path: '/organisations',
    key: 'organisations',
    icon: <BankOutlined />,
    permission: 'organisation.read',
  },
  { path: '/audit-log', key: 'auditLog', icon: <AuditOutlined />, permission: 'audit.read' },
];

export function visibleEntries(permissions: readonly string[]): Entry[] {
  return adminEntries.filter((e) => permissions.includes(e.permission));
}

export function buildMenu(permissions: readonly string[], t: TFunction): MenuProps['items'] {
  const admin = visibleEntries(permissions).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: t(`layout.menu.${e.key}`),
  }));
  return [
    { key: '/', icon: <DashboardOutlined />, label: t('layout.menu.home') },
    ...(admin.length
      ? [
          {
            key: 'system',
            icon: <SettingOutlined />,
            label: t('layout.menu.system'),
            children: admin,
          },
        ]
      : []),
  ];
}

/** The menu key of a path: /divisions/210104… selects /divisions. */
export function selectedKey(pathname: string): string {
  const entry = adminEntries.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  return entry?.path ?? '/';
}
