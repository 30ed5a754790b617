import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { roundStatuses } from '../../../../../../server/modules/rosters/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { shanghaiStamp } from '../../subjects/dates.ts';
import { downloadMonth, downloadTemplate, useRosterRounds, type RoundView } from '../api.ts';
import { ExportRosterButton } from '../components/ExportRosterButton.tsx';
import { MonthPicker } from '../components/MonthPicker.tsx';
import { UploadRosterModal } from '../components/UploadRosterModal.tsx';
import { LateTag, MissingTag, RoundStatusTag } from '../labels.tsx';
import { monthParam } from '../month.ts';

/** A street of the month: its round, or none yet (未报送), and its correction rounds. */
type Row = {
  divisionCode: string;
  divisionName: string;
  round: RoundView | null;
  corrections: RoundView[];
  late: boolean;
};
const filters = [...roundStatuses, 'missing', 'late'] as const;
type Filter = (typeof filters)[number];
const urlKeys = ['month', 'status'] as const;

const shows = (filter: Filter | undefined, r: Row) =>
  !filter ||
  (filter === 'late' ? r.late : filter === 'missing' ? !r.round : r.round?.status === filter);

/**
 * 月度名册 (GET /api/roster-rounds?month=…): every street in scope with its round of the month,
 * the streets with none yet as 未报送, late ones marked. Compilers download the template and upload.
 */
export default function RosterRoundsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const canCompile = hasPermission(me, 'roster.compile');
  const url = useUrlState(urlKeys);
  const month = monthParam(url.values.month);
  const filter = filters.find((f) => f === url.values.status);
  const list = useRosterRounds(month);
  const [uploading, setUploading] = useState(false);
  const [fetchingTemplate, setFetchingTemplate] = useState(false);

  const rows = useMemo<Row[]>(() => {
    const data = list.data;
    if (!data) return [];
    const rounds = data.items
      .filter((r) => r.sequence === 0)
      .map((r) => ({
        divisionCode: r.divisionCode,
        divisionName: r.divisionName ?? r.divisionCode,
        round: r,
        corrections: data.items.filter((c) => c.sequence > 0 && c.divisionCode === r.divisionCode),
        late: r.late,
      }));
    const missing = data.missing.map((m) => ({ ...m, round: null, corrections: [] }));
    return [...rounds, ...missing].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
  }, [list.data]);
  const shown = rows.filter((r) => shows(filter, r));
  const count = (f: Filter) => rows.filter((r) => shows(f, r)).length;

  const getTemplate = async () => {
    setFetchingTemplate(true);
    try {
      const name = await downloadTemplate();
      void message.success(t('rosters.downloaded', { name }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setFetchingTemplate(false);
    }
  };

  const number = (n: number | undefined, danger = false) =>
    n === undefined ? (
      t('common.none')
    ) : (
      <Typography.Text type={danger && n > 0 ? 'danger' : undefined} strong={n > 0}>
        {n}
      </Typography.Text>
    );
  const columns: ColumnsType<Row> = [
    {
      title: t('rosters.street'),
      dataIndex: 'divisionName',
      render: (name: string, r) => (
        <Space size={6}>
          {r.round ? (
            <Link to={`/roster-rounds/${r.round.id}`} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
          ) : (
            name
          )}
          <code style={{ color: '#8c8c8c', fontSize: 12 }}>{r.divisionCode}</code>
          {r.corrections.map((c) => (
            <Link
              key={c.id}
              to={`/roster-rounds/${c.id}`}
              onClick={(e) => e.stopPropagation()}
              data-testid="correction-round"
            >
              <Tag color="purple">
                {t('roundFlow.correctionTag', { sequence: c.sequence })} ·{' '}
                {t(`rosters.statuses.${c.status}`)}
              </Tag>
            </Link>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={0}>
          {r.round ? <RoundStatusTag status={r.round.status} /> : <MissingTag />}
          {r.late && <LateTag />}
        </Space>
      ),
    },
    ...(['add', 'change', 'remove', 'returned'] as const).map((k) => ({
      title: t(`rosters.counts.${k}`),
      key: k,
      align: 'right' as const,
      // 退回 counts every change the street returned; red while some are not fixed yet
      render: (_: unknown, r: Row) =>
        number(
          r.round?.counts[k],
          k === 'returned' && (r.round?.counts.returned ?? 0) > (r.round?.counts.fixed ?? 0),
        ),
    })),
    {
      title: t('rosters.submittedAt'),
      key: 'submittedAt',
      render: (_, r) => formatDateTime(r.round?.submittedAt),
    },
    {
      title: t('rosters.approvedAt'),
      key: 'approvedAt',
      render: (_, r) => formatDateTime(r.round?.approvedAt),
    },
  ];

  return (
    <Card
      title={t('rosters.title')}
      extra={
        <Space>
          <ExportRosterButton
            full={false}
            testId="export-month"
            run={() =>
              downloadMonth(
                { month, ...(filter ? { status: filter } : {}) },
                t('rosters.export.monthFileName', { month, date: shanghaiStamp() }),
              )
            }
          />
          {canCompile && (
            <>
              <Button
                icon={<DownloadOutlined />}
                loading={fetchingTemplate}
                onClick={() => void getTemplate()}
              >
                {t('rosters.downloadTemplate')}
              </Button>
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
                {t('rosters.upload')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="round-filters">
        <MonthPicker
          id="rosters-month"
          value={month}
          onChange={(m) => url.setFilters({ month: m })}
        />
        <Select<Filter>
          allowClear
          placeholder={t('rosters.allStatuses')}
          value={filter}
          onChange={(v) => url.setFilters({ status: v })}
          options={filters.map((f) => ({
            value: f,
            label:
              f === 'missing'
                ? t('rosters.missing')
                : f === 'late'
                  ? t('rosters.late')
                  : t(`rosters.statuses.${f}`),
          }))}
          style={{ width: 140 }}
        />
        {rows.length > 0 && (
          <Typography.Text type="secondary" data-testid="round-summary">
            {t('rosters.summary', {
              streets: rows.length,
              approved: count('approved'),
              submitted: count('submitted'),
              open: count('open') + count('returned'),
              missing: count('missing'),
            })}
            {count('late') > 0 && (
              <Typography.Text type="danger">
                {' · '}
                {t('rosters.lateSummary', { count: count('late') })}
              </Typography.Text>
            )}
          </Typography.Text>
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
      <Table<Row>
        rowKey="divisionCode"
        loading={list.isFetching}
        columns={columns}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canCompile && !filter ? t('rosters.emptyCompiler') : t('rosters.empty')}
            />
          ),
        }}
        pagination={{
          pageSize: 50,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        onRow={(r) => ({
          onClick: () => r.round && void navigate(`/roster-rounds/${r.round.id}`),
          style: { cursor: r.round ? 'pointer' : undefined },
        })}
      />
      {uploading && <UploadRosterModal month={month} onClose={() => setUploading(false)} />}
    </Card>
  );
}
