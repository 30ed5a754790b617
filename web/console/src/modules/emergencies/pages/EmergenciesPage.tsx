import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emergencyStatuses,
  type EmergencyStatus,
} from '../../../../../../server/modules/emergencies/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useEmergencies, type EmergencySummary } from '../api.ts';
import { EmergencyDrawer, statusColours } from '../components/EmergencyDrawer.tsx';
import { RecordEmergencyModal } from '../components/RecordEmergencyModal.tsx';

/** 应急事件: the list of the caller's scope by status, each opened in a drawer; 记录应急事件. */
export default function EmergenciesPage() {
  const { t } = useTranslation();
  const canRecord = hasPermission(useMe().data, 'emergency.record');
  const [status, setStatus] = useState<EmergencyStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [viewing, setViewing] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const list = useEmergencies(status, page);

  const columns: ColumnsType<EmergencySummary> = [
    {
      title: t('emergencies.columns.occurredAt'),
      dataIndex: 'occurredAt',
      render: (v: string) => formatDateTime(v),
    },
    { title: t('emergencies.columns.subject'), dataIndex: 'subjectName' },
    {
      title: t('emergencies.columns.kind'),
      dataIndex: 'kind',
      render: (k: EmergencySummary['kind']) => t(`emergencies.kinds.${k}`),
    },
    {
      title: t('emergencies.columns.division'),
      key: 'division',
      render: (_, e) => e.divisionName ?? e.divisionCode,
    },
    {
      title: t('emergencies.columns.status'),
      dataIndex: 'status',
      render: (s: EmergencySummary['status']) => (
        <Tag color={statusColours[s]}>{t(`emergencies.statuses.${s}`)}</Tag>
      ),
    },
    {
      title: t('emergencies.columns.reportedBy'),
      key: 'reportedBy',
      render: (_, e) => e.reportedBy?.name ?? '—',
    },
    {
      title: t('emergencies.columns.takenBy'),
      key: 'takenBy',
      render: (_, e) => e.takenBy?.name ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Button size="small" type="link" onClick={() => setViewing(e.id)}>
          {t('emergencies.banner.view')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('emergencies.title')}
        </Typography.Title>
        {canRecord && (
          <Button
            type="primary"
            danger
            icon={<AlertOutlined />}
            onClick={() => setRecording(true)}
            data-testid="emergency-record"
          >
            {t('emergencies.record')}
          </Button>
        )}
      </Space>
      <Alert type="info" showIcon title={t('emergencies.intro')} />
      <Card>
        <Space style={{ marginBottom: 16 }}>
          <span>{t('emergencies.filterStatus')}</span>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('common.all')}
            value={status}
            onChange={(v: EmergencyStatus | undefined) => {
              setStatus(v);
              setPage(1);
            }}
            options={emergencyStatuses.map((s) => ({
              value: s,
              label: t(`emergencies.statuses.${s}`),
            }))}
            data-testid="emergency-status-filter"
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        <Table
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('emergencies.empty') }}
          onRow={(e) => ({ 'data-testid': `emergency-row-${e.id}` }) as object}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (total) => t('common.total', { total }),
          }}
          data-testid="emergencies-table"
        />
      </Card>
      {viewing && <EmergencyDrawer id={viewing} onClose={() => setViewing(null)} />}
      {recording && (
        <RecordEmergencyModal
          onClose={() => setRecording(false)}
          onRecorded={(e) => setViewing(e.id)}
        />
      )}
    </Space>
  );
}
