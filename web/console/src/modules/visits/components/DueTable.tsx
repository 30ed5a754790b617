import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../../shared/format.ts';
import { CareLevelTag } from '../../subjects/labels.tsx';
import { shanghaiToday } from '../../subjects/dates.ts';
import type { DueView } from '../api.ts';

const sourceColours = {
  level: 'blue',
  floor: 'gold',
  trigger: 'red',
  plan: 'cyan',
  campaign: 'purple',
} as const;

/** Due visits: the subject (its household), the level, why it is due, by when, how far done. */
export function DueTable<T extends DueView>(props: {
  items: T[];
  loading?: boolean;
  showVisitor?: boolean;
  pagination?: false | TablePaginationConfig;
  testId?: string;
}) {
  const { t } = useTranslation();
  const progress = (done: number, required: number) => (
    <Typography.Text type={done >= required ? 'success' : undefined}>
      {t('visits.dues.progress', { done, required })}
    </Typography.Text>
  );
  const columns: ColumnsType<T> = [
    {
      title: t('visits.dues.subject'),
      dataIndex: 'subjectName',
      render: (name: string, d) => (
        <Link to={`/households/${d.householdId}`} data-testid="due-subject">
          {name}
        </Link>
      ),
    },
    {
      title: t('visits.dues.division'),
      dataIndex: 'divisionName',
      render: (name: string | null, d) => name ?? d.divisionCode,
    },
    {
      title: t('visits.dues.careLevel'),
      dataIndex: 'careLevel',
      render: (level: DueView['careLevel']) => <CareLevelTag level={level} />,
    },
    {
      title: t('visits.dues.source'),
      dataIndex: 'source',
      render: (source: DueView['source'], d) => (
        <Space size={4} data-testid="due-source">
          <Tag color={sourceColours[source]} style={{ marginInlineEnd: 0 }}>
            {t(`visits.dues.sources.${source}`)}
          </Tag>
          {d.period && (
            <Typography.Text type="secondary">
              {t(`visits.dues.periods.${d.period}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(props.showVisitor
      ? [
          {
            title: t('visits.dues.visitor'),
            dataIndex: 'visitorName',
            render: (name: string | null) => name ?? t('visits.dues.unassigned'),
          },
        ]
      : []),
    {
      title: t('visits.dues.dueBy'),
      dataIndex: 'dueBy',
      // a period ends at the start of the next day: its last day is shown; a trigger's hour
      render: (at: string, d) =>
        d.source === 'trigger'
          ? formatDateTime(at)
          : t('visits.dues.dueByDay', { day: shanghaiToday(new Date(new Date(at).getTime() - 1)) }),
    },
    {
      title: t('visits.dues.done'),
      key: 'done',
      align: 'center',
      render: (_, d) => progress(d.done, d.required),
    },
    {
      title: t('visits.dues.home'),
      key: 'home',
      align: 'center',
      render: (_, d) =>
        d.requiredHome > 0 ? progress(d.doneHome, d.requiredHome) : t('common.none'),
    },
  ];
  return (
    <Table<T>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={props.pagination ?? false}
      scroll={{ x: 'max-content' }}
      data-testid={props.testId}
    />
  );
}
