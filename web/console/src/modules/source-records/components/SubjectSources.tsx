import { Alert, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { sources } from '../../../../../../server/modules/source-records/contract.ts';
import { useSubjectSources, type Comparison } from '../api.ts';
import { fieldName, sourceName, valueText } from '../labels.ts';
import { SourceValueCell } from './SourceValueCell.tsx';

type Row = Comparison['fields'][number];

/**
 * 数据来源 (GET /api/subjects/:id/sources): each field as the roster holds it and as each
 * department sent it, with the date; a field they disagree on is marked, a reported death alerted.
 */
export function SubjectSources({ subjectId }: { subjectId: string }) {
  const { t } = useTranslation();
  const comparison = useSubjectSources(subjectId);
  const data = comparison.data;
  const none = t('common.none');
  // one column per department that sent anything, in the contract's order
  const shownSources = sources.filter((s) =>
    data?.fields.some((f) => f.values.some((v) => v.source === s)),
  );
  return (
    <div data-testid="subject-sources">
      <Typography.Title level={5}>{t('sources.section')}</Typography.Title>
      {comparison.isError && <Alert type="error" showIcon title={errorMessage(comparison.error)} />}
      {comparison.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {data?.deathReported && (
        <Alert
          type="error"
          showIcon
          title={t('sources.deathReported')}
          style={{ marginBottom: 12 }}
          data-testid="death-reported"
        />
      )}
      {data && (
        <Table<Row>
          rowKey="field"
          size="small"
          pagination={false}
          dataSource={data.fields}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />,
          }}
          footer={shownSources.length === 0 ? () => t('sources.none') : undefined}
          onRow={(r) => (r.disagrees ? { style: { background: '#fff7e6' } } : {})}
          columns={[
            {
              title: t('sources.field'),
              dataIndex: 'field',
              width: 140,
              render: (f: string, r) => (
                <Space size={4} data-testid="source-field">
                  <span>{fieldName(t, f)}</span>
                  {r.disagrees && (
                    <Tag color="orange" data-testid="source-disagrees">
                      {t('sources.disagrees')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('sources.roster'),
              dataIndex: 'roster',
              render: (v: string | null, r) => (v === null ? none : valueText(t, r.field, v)),
            },
            ...shownSources.map((source) => ({
              title: sourceName(t, source),
              key: source,
              render: (_: unknown, r: Row) => (
                <SourceValueCell
                  field={r.field}
                  value={r.values.find((x) => x.source === source)}
                />
              ),
            })),
          ]}
        />
      )}
    </div>
  );
}
