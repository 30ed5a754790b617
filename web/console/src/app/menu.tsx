import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ControlOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DiffOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FieldTimeOutlined,
  LineChartOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Permission } from '../../../../server/platform/contract/permissions.ts';

type Entry = {
  path: string;
  key: MenuKey;
  icon: ReactNode;
  /** The permission the page needs, or 'authenticated': any user (a calculator). */
  permission: Permission | 'authenticated';
  /** Pages reached from this one that keep it selected: /households/… belongs to 服务对象. */
  alsoSelects?: string[];
};
type MenuKey =
  | 'subjects'
  | 'emergencies'
  | 'rosterRounds'
  | 'classification'
  | 'visits'
  | 'visitDues'
  | 'visitors'
  | 'visitPolicy'
  | 'visitRate'
  | 'disagreements'
  | 'exportRequests'
  | 'abilityAssessment'
  | 'divisions'
  | 'users'
  | 'organisations'
  | 'auditLog'
  | 'rosterSettings'
  | 'calendar'
  | 'jobs';

/** The daily work pages, top-level entries under 工作台. */
export const workEntries: Entry[] = [
  {
    path: '/subjects',
    key: 'subjects',
    icon: <SolutionOutlined />,
    permission: 'subject.read',
    alsoSelects: ['/households'],
  },
  {
    path: '/emergencies',
    key: 'emergencies',
    icon: <AlertOutlined />,
    permission: 'emergency.read',
  },
  {
    path: '/roster-rounds',
    key: 'rosterRounds',
    icon: <CalendarOutlined />,
    permission: 'roster.read',
  },
  {
    path: '/classification',
    key: 'classification',
    icon: <BarChartOutlined />,
    permission: 'care_level.report',
  },
  { path: '/visits', key: 'visits', icon: <FileSearchOutlined />, permission: 'visit.read' },
  {
    path: '/visit-dues',
    key: 'visitDues',
    icon: <CarryOutOutlined />,
    permission: 'visit.read',
  },
  { path: '/visitors', key: 'visitors', icon: <ContactsOutlined />, permission: 'visit.assign' },
  {
    path: '/visit-policy',
    key: 'visitPolicy',
    icon: <FieldTimeOutlined />,
    permission: 'visit.read',
  },
  {
    path: '/visit-rate',
    key: 'visitRate',
    icon: <LineChartOutlined />,
    permission: 'visit.read',
  },
  {
    path: '/source-disagreements',
    key: 'disagreements',
    icon: <DiffOutlined />,
    permission: 'source.reconcile',
  },
  {
    path: '/export-requests',
    key: 'exportRequests',
    icon: <FileProtectOutlined />,
    permission: 'export.request',
  },
  {
    path: '/ability-assessment',
    key: 'abilityAssessment',
    icon: <CalculatorOutlined />,
    permission: 'authenticated',
  },
];

/** The administration pages (under 系统管理) and the permission each needs (from GET /api/auth/me). */
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
  {
    path: '/roster-settings',
    key: 'rosterSettings',
    icon: <ControlOutlined />,
    permission: 'roster.configure',
  },
  {
    path: '/calendar',
    key: 'calendar',
    icon: <ScheduleOutlined />,
    permission: 'calendar.manage',
  },
  { path: '/jobs', key: 'jobs', icon: <ClockCircleOutlined />, permission: 'job.manage' },
];

const allEntries = [...workEntries, ...adminEntries];

const mayOpen = (e: Entry, permissions: readonly string[]) =>
  e.permission === 'authenticated' || permissions.includes(e.permission);

/** Every page the user may open, work first (the home page's shortcuts). */
export function visibleEntries(permissions: readonly string[]): Entry[] {
  return allEntries.filter((e) => mayOpen(e, permissions));
}

export function buildMenu(permissions: readonly string[], t: TFunction): MenuProps['items'] {
  const item = (e: Entry) => ({ key: e.path, icon: e.icon, label: t(`layout.menu.${e.key}`) });
  const work = workEntries.filter((e) => mayOpen(e, permissions)).map(item);
  const admin = adminEntries.filter((e) => mayOpen(e, permissions)).map(item);
  return [
    { key: '/', icon: <DashboardOutlined />, label: t('layout.menu.home') },
    ...work,
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

const under = (pathname: string, path: string) =>
  pathname === path || pathname.startsWith(`${path}/`);

/** The menu key of a path: /divisions/210104… selects /divisions, /households/… /subjects. */
export function selectedKey(pathname: string): string {
  const entry = allEntries.find(
    (e) => under(pathname, e.path) || e.alsoSelects?.some((p) => under(pathname, p)),
  );
  return entry?.path ?? '/';
}
