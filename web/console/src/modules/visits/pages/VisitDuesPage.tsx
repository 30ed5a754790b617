import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { worklistBuckets } from '../../../../../../server/modules/visits/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useOverdue, useWorklist, type OverdueList } from '../api.ts';
import { DueTable } from '../components/DueTable.tsx';
import { VisitorSelect } from '../components/VisitorSelect.tsx';
import { bucketColours } from '../labels.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';

/** 我的待办: the caller's due visits (or a visitor's, for who assigns), bucket by bucket. */
function WorklistTab() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isVisitor = me?.role === 'visitor';
  const canPick = !isVisitor && hasPermission(me, 'visit.assign');
  const [visitorId, setVisitorId] = useState<string | undefined>();
  const list = useWorklist(visitorId, isVisitor || !canPick || visitorId !== undefined);
  const counts = list.data?.counts;
  const [name, setName] = useState('');
  const items = (list.data?.items ?? []).filter((i) => i.subjectName.includes(name.trim()));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {!isVisitor && (
        <Space wrap>
          <Typography.Text type="secondary">
            {canPick ? t('visits.dues.notVisitor') : t('visits.dues.notVisitorNoPick')}
          </Typography.Text>
          {canPick && (
            <VisitorSelect
              id="worklist-visitor"
              placeholder={t('visits.dues.viewVisitorPlaceholder')}
              value={visitorId}
              onChange={setVisitorId}
              style={{ width: 240 }}
            />
          )}
        </Space>
      )}
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {counts && (
        <Space wrap>
          <Space wrap data-testid="worklist-counts">
            {worklistBuckets.map((b) => (
              <Tag key={b} color={counts[b] ? bucketColours[b] : 'default'}>
                {t(`visits.dues.buckets.${b}`)} {counts[b]}
              </Tag>
            ))}
          </Space>
          <Input
            allowClear
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('visits.dues.nameFilter')}
            prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
            maxLength={40}
            style={{ width: 200 }}
            data-testid="worklist-filter"
          />
        </Space>
      )}
      {list.data &&
        (items.length === 0 ? (
          <Empty description={t('visits.dues.nothing')} />
        ) : (
          worklistBuckets
            .filter((b) => items.some((i) => i.bucket === b))
            .map((b) => (
              <Card
                key={b}
                size="small"
                data-testid={`bucket-${b}`}
                title={
                  <Space>
                    {t(`visits.dues.buckets.${b}`)}
                    <Badge
                      count={counts?.[b] ?? 0}
                      color={b === 'overdue' ? 'red' : b === 'today' ? 'orange' : 'blue'}
                      showZero
                    />
                  </Space>
                }
              >
                <DueTable
                  items={items.filter((i) => i.bucket === b)}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
                />
              </Card>
            ))
        ))}
    </Space>
  );
}

type Filter = { divisionCode?: string; visitorId?: string; name: string };

/** The counts by street, community or visitor: a click filters the list by that one. */
function GroupTable(props: {
  title: string;
  groups: OverdueList['byStreet'];
  onPick?: (key: string, name: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!props.groups.length) return null;
  return (
    <Col xs={24} md={8}>
      <Table
        size="small"
        rowKey={(g) => g.key ?? ''}
        title={() => <Typography.Text strong>{props.title}</Typography.Text>}
        dataSource={props.groups}
        pagination={{ pageSize: 5, hideOnSinglePage: true, size: 'small' }}
        data-testid={props.testId}
        columns={[
          {
            title: t('visits.dues.division'),
            key: 'name',
            render: (_, g) =>
              g.key && props.onPick ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => props.onPick?.(g.key, g.name ?? g.key)}
                >
                  {g.name ?? g.key}
                </Button>
              ) : (
                (g.name ?? t('visits.dues.unassigned'))
              ),
          },
          { title: t('visits.dues.count'), dataIndex: 'count', align: 'right', width: 80 },
        ]}
      />
    </Col>
  );
}

/** 逾期名单: what reached the caller's level, counted by street, community and visitor. */
function OverdueTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useOverdue({
    divisionCode: filter?.divisionCode,
    visitorId: filter?.visitorId,
    ...paging,
  });
  const data = list.data;
  const pickDivision = (divisionCode: string, name: string) => {
    setFilter({ divisionCode, name });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {data && (
        <Space wrap>
          <Tag color="geekblue" data-testid="overdue-level">
            {t('visits.dues.level', {
              level:
                data.level === 'visitor'
                  ? t('visits.dues.levelAll')
                  : t(`visits.dues.levels.${data.level}`),
            })}
          </Tag>
          {filter && (
            <Tag
              closable
              color="blue"
              onClose={() => {
                setFilter(null);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              data-testid="overdue-filter"
            >
              {t('visits.dues.filtered', { name: filter.name })}
            </Tag>
          )}
        </Space>
      )}
      {data && (
        <Row gutter={[16, 16]}>
          <GroupTable
            title={t('visits.dues.byStreet')}
            groups={data.byStreet}
            onPick={pickDivision}
            testId="overdue-by-street"
          />
          <GroupTable
            title={t('visits.dues.byCommunity')}
            groups={data.byCommunity}
            onPick={pickDivision}
            testId="overdue-by-community"
          />
          <GroupTable
            title={t('visits.dues.byVisitor')}
            groups={data.byVisitor}
            onPick={(visitorId, name) => {
              setFilter({ visitorId, name });
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            testId="overdue-by-visitor"
          />
        </Row>
      )}
      {data && data.total === 0 && !filter ? (
        <Empty description={t('visits.dues.noOverdue')} />
      ) : (
        <DueTable
          items={data?.items ?? []}
          loading={list.isFetching}
          showVisitor
          testId="overdue-list"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      )}
    </Space>
  );
}

/** 应访与逾期: the worklist of due visits and the overdue list of the caller's level. */
export default function VisitDuesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { values, setFilters } = useUrlState(['tab'] as const);
  // a visitor starts on their worklist, everyone else on the overdue list of their level
  const tab = values.tab ?? (me?.role === 'visitor' ? 'worklist' : 'overdue');
  return (
    <Card title={t('visits.dues.title')}>
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={(key) => setFilters({ tab: key })}
        items={[
          { key: 'worklist', label: t('visits.dues.worklistTab'), children: <WorklistTab /> },
          { key: 'overdue', label: t('visits.dues.overdueTab'), children: <OverdueTab /> },
        ]}
      />
    </Card>
  );
}
