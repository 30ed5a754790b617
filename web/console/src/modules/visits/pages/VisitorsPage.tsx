import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useVisitors, type VisitorView } from '../api.ts';
import { AssignModal } from '../components/AssignModal.tsx';
import { CaseloadDrawer } from '../components/CaseloadDrawer.tsx';
import { HandOverModal } from '../components/HandOverModal.tsx';

type Open = { what: 'caseload' | 'assign' | 'handOver'; visitor: VisitorView } | null;

/** 巡访员: the visitors of the caller's scope, their caseload, assigning and handing over. */
export default function VisitorsPage() {
  const { t } = useTranslation();
  const visitors = useVisitors();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  const columns: ColumnsType<VisitorView> = [
    {
      title: t('visits.visitors.name'),
      dataIndex: 'name',
      render: (name: string, v) => (
        <span>
          {name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {v.username}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('visits.visitors.area'),
      dataIndex: 'divisionName',
      render: (name: string | null, v) => name ?? v.divisionCode ?? t('common.none'),
    },
    { title: t('visits.visitors.caseload'), dataIndex: 'caseload', align: 'right' },
    { title: t('visits.visitors.due'), dataIndex: 'due', align: 'right' },
    {
      title: t('visits.visitors.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, v) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => setOpen({ what: 'caseload', visitor: v })}
          >
            {t('visits.visitors.viewCaseload')}
          </Button>
          <Button type="link" size="small" onClick={() => setOpen({ what: 'assign', visitor: v })}>
            {t('visits.visitors.assign')}
          </Button>
          <Button
            type="link"
            size="small"
            disabled={v.caseload === 0}
            onClick={() => setOpen({ what: 'handOver', visitor: v })}
          >
            {t('visits.visitors.handOver')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('visits.visitors.title')}>
      {visitors.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(visitors.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<VisitorView>
        rowKey="id"
        size="middle"
        data-testid="visitors-table"
        loading={visitors.isFetching}
        columns={columns}
        dataSource={visitors.data?.items ?? []}
        locale={{ emptyText: t('visits.visitors.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {open?.what === 'caseload' && <CaseloadDrawer visitor={open.visitor} onClose={close} />}
      {open?.what === 'assign' && <AssignModal visitor={open.visitor} onClose={close} />}
      {open?.what === 'handOver' && <HandOverModal visitor={open.visitor} onClose={close} />}
    </Card>
  );
}
