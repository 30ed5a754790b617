import { Alert, Button, Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  disagreementStates,
  sourceFields,
  sources,
  type DisagreementState,
} from '../../../../../../server/modules/source-records/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { ExportButton } from '../../../lib/ExportButton.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { downloadDisagreements, useDisagreements, type Disagreement } from '../api.ts';
import { ResolveDisagreementModal } from '../components/ResolveDisagreementModal.tsx';
import { fieldName, sourceName, valueText } from '../labels.ts';
import { SourceValueCell } from '../components/SourceValueCell.tsx';

const keys = ['field', 'state', 'source'] as const;
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * 数据比对 (/source-disagreements): where the departments' records and the roster disagree, per
 * person and field, with the open count of each field; filtered in the URL, worked through one by
 * one, exported masked.
 */
export default function DisagreementsPage() {
  const { t } = useTranslation();
  const url = useUrlState(keys);
  const state = (
    disagreementStates.includes(url.values.state as DisagreementState) ? url.values.state : 'open'
  ) as DisagreementState;
  const filters = {
    state,
    ...(url.values.field ? { field: url.values.field as Disagreement['field'] } : {}),
    ...(url.values.source ? { source: url.values.source as (typeof sources)[number] } : {}),
  };
  const list = useDisagreements({ ...filters, page: url.page, pageSize: url.pageSize });
  const [working, setWorking] = useState<Disagreement | null>(null);
  const none = t('common.none');
  const data = list.data;

  const columns: ColumnsType<Disagreement> = [
    { title: t('sources.disagreements.name'), dataIndex: 'subjectName', width: 110 },
    {
      title: t('sources.disagreements.division'),
      dataIndex: 'divisionName',
      width: 140,
      render: (v: string | null, r) => v ?? r.divisionCode,
    },
    {
      title: t('sources.disagreements.field'),
      dataIndex: 'field',
      width: 120,
      render: (f: string) => <Tag color="orange">{fieldName(t, f)}</Tag>,
    },
    {
      title: t('sources.disagreements.roster'),
      dataIndex: 'roster',
      render: (v: string | null, r) => (v === null ? none : valueText(t, r.field, v)),
    },
    ...sources.map((source) => ({
      title: sourceName(t, source),
      key: source,
      render: (_: unknown, r: Disagreement) => (
        <SourceValueCell field={r.field} value={r.values.find((x) => x.source === source)} />
      ),
    })),
    {
      title: t('sources.disagreements.state'),
      key: 'state',
      width: 180,
      render: (_: unknown, r) =>
        r.state === 'open' ? (
          <Tag color="red">{t('sources.disagreements.states.open')}</Tag>
        ) : (
          <Space orientation="vertical" size={0} data-testid="disagreement-outcome">
            <span>
              {r.state === 'checked'
                ? t('sources.disagreements.checkedResult')
                : r.resolution === 'roster'
                  ? t('sources.disagreements.byRoster')
                  : t('sources.disagreements.bySource', {
                      source: sourceName(t, r.resolution ?? ''),
                    })}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sources.disagreements.resolvedBy', {
                name: r.resolvedByName ?? '',
                at: formatDateTime(r.resolvedAt),
              })}
            </Typography.Text>
            {r.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.note}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: t('sources.disagreements.action'),
      key: 'action',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button
          size="small"
          type={r.state === 'open' ? 'primary' : 'default'}
          onClick={() => setWorking(r)}
          data-testid="resolve-disagreement"
        >
          {r.state === 'open'
            ? t('sources.disagreements.resolve')
            : t('sources.disagreements.resolveAgain')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('sources.disagreements.title')}
      extra={
        <ExportButton
          full={false}
          testId="export-disagreements"
          run={(_reason) =>
            downloadDisagreements(
              filters,
              t('sources.disagreements.exportFile', { date: today().replaceAll('-', '') }),
            )
          }
          texts={{
            button: t('sources.disagreements.exportButton'),
            masked: t('sources.disagreements.exportButton'),
            full: t('sources.disagreements.exportButton'),
            fullTitle: t('sources.disagreements.exportButton'),
            fullHint: t('sources.disagreements.exportButton'),
            reasonLabel: t('sources.disagreements.note'),
            submit: t('sources.disagreements.submit'),
            exported: (name) => t('sources.disagreements.exported', { name }),
          }}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        {t('sources.disagreements.intro')}
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Space wrap style={{ marginBottom: 12 }} data-testid="disagreement-counts">
        <Typography.Text strong>{t('sources.disagreements.counts')}</Typography.Text>
        {data && data.counts.every((c) => c.open === 0) && (
          <Typography.Text type="secondary">{t('sources.disagreements.noneOpen')}</Typography.Text>
        )}
        {data?.counts
          .filter((c) => c.open > 0)
          .map((c) => (
            <Tag.CheckableTag
              key={c.field}
              checked={url.values.field === c.field}
              onChange={(on) => url.setFilters({ field: on ? c.field : null, state: null })}
              data-testid={`count-${c.field}`}
            >
              {t('sources.disagreements.countTag', { field: fieldName(t, c.field), count: c.open })}
            </Tag.CheckableTag>
          ))}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={state}
          options={disagreementStates.map((s) => ({
            value: s,
            label: t(`sources.disagreements.states.${s}`),
          }))}
          onChange={(v) => url.setFilters({ state: v === 'open' ? null : String(v) })}
          data-testid="filter-state"
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('sources.disagreements.allFields')}
          value={url.values.field}
          onChange={(v?: string) => url.setFilters({ field: v })}
          options={sourceFields.map((f) => ({ value: f.key, label: fieldName(t, f.key) }))}
          data-testid="filter-field"
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('sources.disagreements.allSources')}
          value={url.values.source}
          onChange={(v?: string) => url.setFilters({ source: v })}
          options={sources.map((s) => ({ value: s, label: sourceName(t, s) }))}
          data-testid="filter-source"
        />
      </Space>
      <Table<Disagreement>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: <Empty description={t('sources.disagreements.noneOpen')} /> }}
        pagination={{
          current: url.page,
          pageSize: url.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: url.setPage,
        }}
        data-testid="disagreements-table"
      />
      {working && <ResolveDisagreementModal item={working} onClose={() => setWorking(null)} />}
    </Card>
  );
}
