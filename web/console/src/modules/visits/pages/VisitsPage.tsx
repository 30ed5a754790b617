import { DownloadOutlined, PhoneOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ListVisitsQuery,
  visitEndpoints,
  visitKinds,
  visitOutcomes,
} from '../../../../../../server/modules/visits/contract.ts';
import { download } from '../../../../../shared/api.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { useVisits, type VisitView } from '../api.ts';
import { RecordVisitModal } from '../components/RecordVisitModal.tsx';
import { VisitDrawer } from '../components/VisitDrawer.tsx';
import { VisitorSelect } from '../components/VisitorSelect.tsx';
import { OutcomeTag, ReviewCell, VisitKindTag } from '../labels.tsx';

const filterKeys = [
  'review',
  'divisionCode',
  'visitorId',
  'kind',
  'outcome',
  'from',
  'to',
] as const;
const shape = ListVisitsQuery.shape;

/** The URL's filters as the query takes them: a value edited in by hand that would be refused is left out. */
function listFilters(v: Record<(typeof filterKeys)[number], string | undefined>) {
  return {
    review: shape.review.safeParse(v.review).data,
    divisionCode: shape.divisionCode.safeParse(v.divisionCode).data,
    visitorId: shape.visitorId.safeParse(v.visitorId).data,
    kind: shape.kind.safeParse(v.kind).data,
    outcome: shape.outcome.safeParse(v.outcome).data,
    from: shape.from.safeParse(v.from).data,
    to: shape.to.safeParse(v.to).data,
  };
}

/**
 * 导出 Excel: the ledger as filtered, masked and watermarked with who exported it (POST
 * /api/visits/export, audited); the browser saves the file.
 */
function ExportLedgerButton({ filters }: { filters: ReturnType<typeof listFilters> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await download(visitEndpoints.exportVisits, {
        body: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
        fileName: `${t('visits.ledger.exportName')}.xlsx`,
      });
      void message.success(t('visits.ledger.exported', { name }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid="export-visits">
      {t('visits.ledger.export')}
    </Button>
  );
}

/** The review tabs over the ledger: every visit, the queue (待审核), those reviewed. */
const reviewTabs = ['all', 'flagged', 'accepted', 'returned'] as const;

/**
 * 巡访台账: GET /api/visits with its filters in the URL, newest first; a row opens the visit. Who
 * may record one enters a phone (or video) visit here (记录电话探访). The tabs filter by review:
 * 待审核 is the queue of flagged evidence, its count beside it, kept in the URL (?review=flagged).
 */
export default function VisitsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const url = useUrlState(filterKeys);
  const filters = listFilters(url.values);
  const list = useVisits({ ...filters, page: url.page, pageSize: url.pageSize });
  const [open, setOpen] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const canAssign = hasPermission(me, 'visit.assign');
  const anyFilter = Object.entries(url.values).some(([k, v]) => k !== 'review' && v !== undefined);
  const queue = useVisits({ review: 'flagged', page: 1, pageSize: 1 });
  const queued = queue.data?.total ?? 0;

  const columns: ColumnsType<VisitView> = [
    {
      title: t('visits.ledger.subject'),
      dataIndex: 'subjectName',
      render: (name: string, v) => (
        <Link
          to={`/households/${v.householdId}`}
          onClick={(e) => e.stopPropagation()}
          data-testid="visit-subject"
        >
          {name}
        </Link>
      ),
    },
    {
      title: t('visits.ledger.division'),
      dataIndex: 'divisionName',
      render: (name: string | null, v) => name ?? v.divisionCode,
    },
    {
      title: t('visits.ledger.visitor'),
      dataIndex: 'visitorName',
      render: (name: string | null) => name ?? t('common.none'),
    },
    {
      title: t('visits.ledger.kind'),
      dataIndex: 'kind',
      render: (k: VisitView['kind']) => <VisitKindTag kind={k} />,
    },
    {
      title: t('visits.ledger.outcome'),
      dataIndex: 'outcome',
      render: (o: VisitView['outcome']) => <OutcomeTag outcome={o} />,
    },
    {
      title: t('visits.ledger.startedAt'),
      dataIndex: 'startedAt',
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('visits.ledger.duration'),
      dataIndex: 'durationMinutes',
      align: 'right',
      render: (n: number) => t('visits.ledger.minutes', { n }),
    },
    {
      title: t('visits.review.column'),
      key: 'review',
      render: (_, v) => <ReviewCell v={v} />,
    },
    {
      title: t('visits.ledger.counts'),
      key: 'counts',
      render: (_, v) =>
        v.counts ? (
          <Tag color="success">{t('visits.ledger.countsYes')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('visits.ledger.countsNo')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={t('visits.ledger.title')}
      activeTabKey={filters.review ?? 'all'}
      onTabChange={(k) => url.setFilters({ review: k === 'all' ? undefined : k })}
      tabProps={{ size: 'middle' }}
      tabList={reviewTabs.map((k) => ({
        key: k,
        label: (
          <span data-testid={`review-tab-${k}`}>
            {k === 'all' ? t('visits.review.all') : t(`visits.review.states.${k}`)}
            {k === 'flagged' && queued > 0 && (
              <Badge count={queued} overflowCount={999} size="small" style={{ marginLeft: 6 }} />
            )}
          </span>
        ),
      }))}
      extra={
        <Space>
          <ExportLedgerButton filters={filters} />
          {hasPermission(me, 'visit.record') && (
            <Button
              type="primary"
              icon={<PhoneOutlined />}
              onClick={() => setRecording(true)}
              data-testid="record-visit"
            >
              {t('visits.ledger.record')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="visit-filters">
        <DivisionTreeSelect
          placeholder={t('visits.ledger.division')}
          value={filters.divisionCode}
          onChange={(v) => url.setFilters({ divisionCode: v })}
          style={{ width: 200 }}
        />
        {canAssign && (
          <VisitorSelect
            value={filters.visitorId}
            onChange={(v) => url.setFilters({ visitorId: v })}
            style={{ width: 160 }}
          />
        )}
        <Select
          allowClear
          placeholder={t('visits.ledger.kind')}
          value={filters.kind}
          onChange={(v) => url.setFilters({ kind: v })}
          options={visitKinds.map((k) => ({ value: k, label: t(`visits.kinds.${k}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('visits.ledger.outcome')}
          value={filters.outcome}
          onChange={(v) => url.setFilters({ outcome: v })}
          options={visitOutcomes.map((o) => ({ value: o, label: t(`visits.outcomes.${o}`) }))}
          style={{ width: 130 }}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('visits.ledger.from'), t('visits.ledger.to')]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            url.setFilters({
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
        {anyFilter && (
          <Button
            onClick={() =>
              url.setFilters(
                Object.fromEntries(filterKeys.filter((k) => k !== 'review').map((k) => [k, null])),
              )
            }
          >
            {t('visits.ledger.clearFilters')}
          </Button>
        )}
      </Space>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(list.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<VisitView>
        rowKey="id"
        size="middle"
        data-testid="visits-table"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('visits.ledger.empty') }}
        onRow={(v) => ({ onClick: () => setOpen(v.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: url.page,
          pageSize: url.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: url.setPage,
        }}
        scroll={{ x: 'max-content' }}
      />
      <VisitDrawer id={open} onClose={() => setOpen(null)} />
      {recording && <RecordVisitModal onClose={() => setRecording(false)} />}
    </Card>
  );
}
