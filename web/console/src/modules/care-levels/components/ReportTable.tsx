import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { careLevels } from '../../../../../../server/modules/subjects/contract.ts';
import { divisionLevel } from '../../../../../../server/platform/contract/divisions.ts';
import type { Report } from '../api.ts';

type Row = Report['rows'][number];
type Tally = Report['totals'];

/**
 * The classification table: one row per street (of a district or a city) or per community (of a
 * street), the levels of elders and of children, the total, and a totals row.
 */
export function ReportTable(props: { report: Report; onOpen?: (divisionCode: string) => void }) {
  const { t } = useTranslation();
  const { report } = props;
  const ofStreets = report.rows.every((r) => divisionLevel(r.divisionCode) === 'street');
  const area = report.rows.length
    ? t(ofStreets ? 'classification.street' : 'classification.community')
    : t('classification.area');
  const num = { align: 'right' as const, width: 96 };
  const kindColumns = (kind: 'elder' | 'child') => ({
    title: t(`classification.${kind}`),
    align: 'center' as const,
    children: careLevels.map((l) => ({
      ...num,
      title: t(`subjects.careLevels.${l}`),
      key: `${kind}.${l}`,
      render: (_: unknown, r: Tally) => r[kind][l],
    })),
  });
  const columns: TableColumnsType<Row> = [
    {
      title: area,
      dataIndex: 'divisionName',
      render: (name: string | null, r) =>
        props.onOpen && divisionLevel(r.divisionCode) === 'street' ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => props.onOpen?.(r.divisionCode)}
          >
            {name ?? r.divisionCode}
          </Button>
        ) : (
          (name ?? r.divisionCode)
        ),
    },
    kindColumns('elder'),
    kindColumns('child'),
    { ...num, title: t('classification.total'), dataIndex: 'total' },
  ];
  const cells = (x: Tally) => [
    ...careLevels.map((l) => x.elder[l]),
    ...careLevels.map((l) => x.child[l]),
    x.total,
  ];

  return (
    <Table<Row>
      bordered
      size="small"
      rowKey="divisionCode"
      pagination={false}
      dataSource={report.rows}
      columns={columns}
      locale={{ emptyText: t('classification.empty') }}
      data-testid="classification-table"
      summary={() => (
        <Table.Summary.Row data-testid="classification-totals">
          <Table.Summary.Cell index={0}>
            <strong>{t('classification.totalsRow')}</strong>
          </Table.Summary.Cell>
          {cells(report.totals).map((n, i) => (
            <Table.Summary.Cell key={i} index={i + 1} align="right">
              <strong>{n}</strong>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
