import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  FailedJobView,
  JobQueueView,
  JobScheduleView,
} from '../../../../../../server/modules/jobs/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useFailedJobs, useJobQueues, useJobSchedules, useRetryFailedJob } from '../api.ts';

type Queue = z.infer<typeof JobQueueView>;
type Failed = z.infer<typeof FailedJobView>;
type Schedule = z.infer<typeof JobScheduleView>;
const states = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

function Named({ label, code }: { label: string; code: string }) {
  return (
    <span>
      {label}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        <code>{code}</code>
      </Typography.Text>
    </span>
  );
}

/** 系统管理 → 后台任务: queues by state, parked failures with 重试, schedules in Asia/Shanghai. */
export default function JobsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queues = useJobQueues();
  const failures = useFailedJobs();
  const schedules = useJobSchedules();
  const retry = useRetryFailedJob();
  const error = queues.error ?? failures.error ?? schedules.error ?? retry.error;

  const queueColumns: ColumnsType<Queue> = [
    {
      title: t('jobs.name'),
      dataIndex: 'label',
      render: (label: string, q) => (
        <Space>
          <Named label={label} code={q.queue} />
          {q.scheduled && <Tag color="blue">{t('jobs.scheduledTag')}</Tag>}
        </Space>
      ),
    },
    ...states.map((s) => ({
      title: t(`jobs.states.${s}`),
      key: s,
      align: 'right' as const,
      render: (_: unknown, q: Queue) =>
        s === 'failed' && q.counts.failed > 0 ? (
          <Typography.Text type="danger">{q.counts.failed}</Typography.Text>
        ) : (
          q.counts[s]
        ),
    })),
  ];

  const failureColumns: ColumnsType<Failed> = [
    {
      title: t('jobs.name'),
      dataIndex: 'label',
      render: (label: string, f) => <Named label={label} code={f.queue} />,
    },
    {
      title: t('jobs.error'),
      dataIndex: 'error',
      render: (e: string) => <Typography.Text type="danger">{e}</Typography.Text>,
    },
    { title: t('jobs.attempts'), dataIndex: 'attempts', align: 'right', width: 100 },
    {
      title: t('jobs.failedAt'),
      dataIndex: 'failedAt',
      width: 180,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, f) => (
        <Popconfirm
          title={t('jobs.retryConfirm')}
          okText={t('jobs.retry')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            retry.mutate(f.id, { onSuccess: () => void message.success(t('jobs.retried')) })
          }
        >
          <Button type="link" size="small" data-testid={`job-retry-${f.id}`}>
            {t('jobs.retry')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const scheduleColumns: ColumnsType<Schedule> = [
    {
      title: t('jobs.name'),
      dataIndex: 'label',
      render: (label: string, s) => <Named label={label} code={s.queue} />,
    },
    { title: t('jobs.cron'), dataIndex: 'cron', render: (c: string) => <code>{c}</code> },
    { title: t('jobs.timezone'), dataIndex: 'timezone' },
    {
      title: t('jobs.nextRunAt'),
      dataIndex: 'nextRunAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.none')),
    },
  ];

  const refresh = () => {
    void queues.refetch();
    void failures.refetch();
    void schedules.refetch();
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Card
        title={t('jobs.queues')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={queues.isFetching}>
            {t('jobs.refresh')}
          </Button>
        }
      >
        <Table<Queue>
          rowKey="queue"
          size="middle"
          data-testid="job-queues"
          loading={queues.isPending}
          columns={queueColumns}
          dataSource={queues.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          footer={() => <Typography.Text type="secondary">{t('jobs.retention')}</Typography.Text>}
        />
      </Card>
      <Card title={t('jobs.failures')}>
        <Table<Failed>
          rowKey="id"
          size="middle"
          data-testid="job-failures"
          loading={failures.isPending}
          columns={failureColumns}
          dataSource={failures.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('jobs.noFailures')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (f) => (
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {t('jobs.firstCreatedAt')}: {formatDateTime(f.firstCreatedAt)}
                {'\n'}
                {t('jobs.payload')}: {JSON.stringify(f.payload, null, 2)}
              </pre>
            ),
          }}
        />
      </Card>
      <Card title={t('jobs.schedules')}>
        <Table<Schedule>
          rowKey="queue"
          size="middle"
          data-testid="job-schedules"
          loading={schedules.isPending}
          columns={scheduleColumns}
          dataSource={schedules.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Space>
  );
}
