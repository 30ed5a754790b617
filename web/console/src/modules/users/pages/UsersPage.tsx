import { EyeOutlined, KeyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../../../server/modules/users/contract.ts';
import { roles, type Role } from '../../../../../../server/platform/contract/common.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { useUsers } from '../api.ts';
import { ResetPasswordModal } from '../components/ResetPasswordModal.tsx';
import { RevealPhoneModal } from '../components/RevealPhoneModal.tsx';
import { UserFormDrawer } from '../components/UserFormDrawer.tsx';

const filterKeys = ['q', 'role'] as const;
type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserView }
  | { kind: 'reset'; user: UserView }
  | { kind: 'reveal'; user: UserView };

/** GET /api/users with its filters in the URL, and the create, edit, reset and reveal dialogs. */
export default function UsersPage() {
  const { t } = useTranslation();
  const canManage = hasPermission(useMe().data, 'user.manage');
  const { values, page, pageSize, setFilters, setPage } = useUrlState(filterKeys);
  const role = roles.includes(values.role as Role) ? (values.role as Role) : undefined;
  const users = useUsers({ page, pageSize, q: values.q, role });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [q, setQ] = useState(values.q ?? '');

  const columns: ColumnsType<UserView> = [
    { title: t('users.username'), dataIndex: 'username', render: (u: string) => <code>{u}</code> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      // long English role names wrap rather than push the table past the screen
      width: 170,
      render: (r: Role) => (
        <Tag color="blue" style={{ whiteSpace: 'normal' }}>
          {t(`roles.${r}`)}
        </Tag>
      ),
    },
    {
      title: t('users.scope'),
      key: 'scope',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <span>{u.scope.divisionName ?? t('layout.scopeAll')}</span>
          {u.scope.organisationName && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, maxWidth: 200 }}
              ellipsis={{ tooltip: u.scope.organisationName }}
            >
              {u.scope.organisationName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('users.phone'),
      dataIndex: 'phoneMasked',
      render: (phone: string | null, u) =>
        phone ? (
          <Space size={4}>
            <span>{phone}</span>
            <Tooltip title={t('users.revealPhone')}>
              <Button
                type="text"
                size="small"
                icon={<EyeOutlined />}
                aria-label={t('users.revealPhone')}
                onClick={() => setDialog({ kind: 'reveal', user: u })}
              />
            </Tooltip>
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      // the last sign-in under the state keeps the table within a 1440 px screen in English too
      title: t('users.stateAndLastLogin'),
      key: 'state',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          {u.disabled ? (
            <Badge status="default" text={t('users.disabled')} />
          ) : u.locked ? (
            <Badge status="warning" text={t('users.locked')} />
          ) : (
            <Badge status="success" text={t('users.active')} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.neverLoggedIn')}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'edit', user: u })}
          >
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setDialog({ kind: 'reset', user: u })}
          >
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('users.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters({ q: v.trim() })}
          enterButton={t('common.search')}
          style={{ width: 300 }}
        />
        <Select<Role>
          allowClear
          placeholder={t('users.role')}
          value={role}
          onChange={(v) => setFilters({ role: v })}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          style={{ width: 200 }}
        />
      </Space>
      {users.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(users.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        columns={columns}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
      />
      {dialog?.kind === 'create' && <UserFormDrawer onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <UserFormDrawer user={dialog.user} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'reveal' && (
        <RevealPhoneModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}
