import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useDownloadExportRequest, useExportRequests, type ExportRequestView } from '../api.ts';
import { DecideExportModal } from '../components/DecideExportModal.tsx';

const statusColors: Record<ExportRequestView['status'], string> = {
  requested: 'gold',
  approved: 'green',
  refused: 'red',
  downloaded: 'default',
  expired: 'default',
  failed: 'red',
};

/** 导出申请: the user's own requests (下载 once approved) and, for district officers, 待我审批. */
export default function ExportRequestsPage() {
  const { t } = useTranslation();
  const canDecide = hasPermission(useMe().data, 'export.approve');
  const [tab, setTab] = useState<'mine' | 'to_decide'>(canDecide ? 'to_decide' : 'mine');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exportRequests.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('exportRequests.intro')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as 'mine' | 'to_decide')}
          items={[
            ...(canDecide
              ? [
                  {
                    key: 'to_decide',
                    label: t('exportRequests.toDecide'),
                    children: <RequestTable view="to_decide" />,
                  },
                ]
              : []),
            {
              key: 'mine',
              label: t('exportRequests.mine'),
              children: <RequestTable view="mine" />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function RequestTable(props: { view: 'mine' | 'to_decide' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useExportRequests(props.view, page);
  const fetch = useDownloadExportRequest();
  const [deciding, setDeciding] = useState<ExportRequestView | null>(null);

  const save = (r: ExportRequestView) =>
    fetch.mutate(
      { id: r.id, fileName: t('exportRequests.fileName') },
      {
        onSuccess: (name) => void message.success(t('exportRequests.downloaded', { name })),
        onError: (err) => void message.error(errorMessage(err)),
      },
    );

  const columns: ColumnsType<ExportRequestView> = [
    {
      title: t('exportRequests.columns.requestedAt'),
      dataIndex: 'requestedAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('exportRequests.columns.kind'),
      key: 'kind',
      render: (_, r) => (
        <span>
          {t(`exportRequests.kinds.${r.kind}`)}
          {r.roundMonth && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('exportRequests.month', { month: r.roundMonth })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('exportRequests.columns.scope'),
      key: 'scope',
      render: (_, r) => r.divisionName ?? r.divisionCode,
    },
    {
      title: t('exportRequests.columns.people'),
      dataIndex: 'people',
      render: (n: number) => t('exportRequests.people', { count: n }),
    },
    { title: t('exportRequests.columns.reason'), dataIndex: 'reason', ellipsis: true },
    ...(props.view === 'to_decide'
      ? [
          {
            title: t('exportRequests.columns.requester'),
            key: 'requester',
            render: (_: unknown, r: ExportRequestView) =>
              r.requestedBy.name ?? r.requestedBy.username,
          },
        ]
      : []),
    {
      title: t('exportRequests.columns.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={statusColors[r.status]} data-testid={`export-request-status-${r.id}`}>
            {t(`exportRequests.statuses.${r.status}`)}
          </Tag>
          {r.status === 'approved' && !r.fileReady && <Tag>{t('exportRequests.preparing')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('exportRequests.columns.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.none')),
    },
    {
      title: t('exportRequests.columns.decision'),
      dataIndex: 'decisionNote',
      render: (v: string | null) => v ?? t('common.none'),
      ellipsis: true,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.canDecide ? (
          <Button size="small" type="primary" onClick={() => setDeciding(r)}>
            {t('exportRequests.decide')}
          </Button>
        ) : r.mine && r.fileReady ? (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={fetch.isPending}
            onClick={() => save(r)}
            data-testid={`export-request-download-${r.id}`}
          >
            {t('exportRequests.download')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('exportRequests.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { total }),
        }}
        data-testid={`export-requests-${props.view}`}
      />
      {deciding && <DecideExportModal request={deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}
