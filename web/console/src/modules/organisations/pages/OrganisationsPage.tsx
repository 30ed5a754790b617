import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OrganisationKind,
  type OrganisationView,
} from '../../../../../../server/modules/organisations/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { useOrganisations } from '../api.ts';
import { OrganisationFormDrawer } from '../components/OrganisationFormDrawer.tsx';

const kinds = OrganisationKind.options;
type Kind = (typeof kinds)[number];
const filterKeys = ['q', 'kind', 'divisionCode'] as const;
const kindColours: Record<Kind, string> = {
  district_bureau: 'red',
  street_office: 'volcano',
  community: 'orange',
  service_org: 'blue',
  provider: 'cyan',
  institution: 'purple',
};

/** GET /api/organisations with filters in the URL; create and edit for organisation.manage. */
export default function OrganisationsPage() {
  const { t } = useTranslation();
  const canManage = hasPermission(useMe().data, 'organisation.manage');
  const { values, page, pageSize, setFilters, setPage } = useUrlState(filterKeys);
  const kind = kinds.includes(values.kind as Kind) ? (values.kind as Kind) : undefined;
  const list = useOrganisations({
    page,
    pageSize,
    q: values.q,
    kind,
    divisionCode: values.divisionCode,
  });
  const [editing, setEditing] = useState<OrganisationView | 'new' | null>(null);
  const [q, setQ] = useState(values.q ?? '');

  const columns: ColumnsType<OrganisationView> = [
    { title: t('organisations.name'), dataIndex: 'name' },
    {
      title: t('organisations.kind'),
      dataIndex: 'kind',
      render: (k: Kind) => <Tag color={kindColours[k]}>{t(`orgKinds.${k}`)}</Tag>,
    },
    {
      title: t('organisations.division'),
      key: 'division',
      render: (_, o) => (
        <span>
          {o.divisionName ?? t('common.none')}{' '}
          <code style={{ color: '#8c8c8c', fontSize: 12 }}>{o.divisionCode}</code>
        </span>
      ),
    },
    {
      title: t('organisations.state'),
      dataIndex: 'disabled',
      render: (d: boolean) =>
        d ? (
          <Badge status="default" text={t('organisations.disabled')} />
        ) : (
          <Badge status="success" text={t('organisations.active')} />
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('organisations.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('organisations.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('organisations.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters({ q: v.trim() })}
          enterButton={t('common.search')}
          style={{ width: 280 }}
        />
        <Select<Kind>
          allowClear
          placeholder={t('organisations.kind')}
          value={kind}
          onChange={(v) => setFilters({ kind: v })}
          options={kinds.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
          style={{ width: 180 }}
        />
        <DivisionTreeSelect
          placeholder={t('organisations.division')}
          value={values.divisionCode}
          onChange={(v) => setFilters({ divisionCode: v })}
          style={{ width: 220 }}
        />
      </Space>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(list.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<OrganisationView>
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
      />
      {editing && (
        <OrganisationFormDrawer
          organisation={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
